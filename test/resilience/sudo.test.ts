import type { Fault } from "../../src/sandbox/faults";
import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { IDS } from "../unit/sudo/fixtures";
import { outcome, sleep, sudoIssuer, sudoRequest, until, type Tuning } from "./issuers";

// The Sudo issuer's retries, breaker and rate limiter against the Sudo simulator. Sudo has no idempotency key, so
// only the GETs of a resume's lookup may be repeated; every test counts what reached the simulator.

const LOOKUP = `/cards/customer/${IDS.customer}`;
const FAST: Tuning = { retry: { baseDelayMs: 10, maxDelayMs: 50 } };

let sim: SudoSandbox;
beforeAll(async () => {
  sim = await startSudoSandbox();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const posts = () => sim.count("POST", "/cards");
const lookups = () => sim.count("GET", LOOKUP);
const lookupTimes = () => sim.requests.filter((r) => r.path === LOOKUP).map((r) => r.at);
type Armed = Omit<Fault, "method" | "path">;

/** An attempt whose POST created the card but whose answer was lost: what a resume has to find. */
async function interruptedAttempt(tuning: Tuning) {
  const req = sudoRequest();
  sim.faults.add({ kind: "drop-after-commit", method: "POST", path: "/cards" });
  expect(await outcome(sudoIssuer(sim, tuning).issue(req))).toMatchObject({ reason: "NETWORK" });
  expect(sim.cards()).toHaveLength(1);
  return req;
}

describe("Sudo retries: the resume lookup (GET) is retried, with backoff", () => {
  it.each<[string, Armed]>([
    ["500", { kind: "status", status: 500 }],
    ["502", { kind: "status", status: 502 }],
    ["503", { kind: "status", status: 503 }],
    ["429 without Retry-After", { kind: "status", status: 429 }],
    ["a dropped connection", { kind: "drop-before" }],
    ["truncated JSON", { kind: "malformed-json" }],
    ["an HTML error page", { kind: "html", status: 502 }],
    ["statusCode 500 inside a 200", { kind: "failure-envelope", body: { statusCode: 500, message: "oops", data: null } }],
  ])("after %s the lookup is asked again and finds the card; nothing is created twice", async (_what, fault) => {
    const req = await interruptedAttempt(FAST);
    sim.faults.add({ ...fault, method: "GET", path: LOOKUP });
    const resumed = await sudoIssuer(sim, FAST).resume(req);
    expect(resumed.providerCardId).toBe(sim.cards()[0]._id);
    expect(lookups()).toBe(2);
    expect(posts()).toBe(1);
  });

  it("waits an exponential backoff with equal jitter between lookups", async () => {
    const tuning: Tuning = { retry: { baseDelayMs: 200, maxDelayMs: 1_000, budgetMs: 5_000 } };
    const req = await interruptedAttempt(tuning);
    sim.faults.add({ kind: "status", status: 503, times: 2, method: "GET", path: LOOKUP });
    await sudoIssuer(sim, tuning).resume(req);
    const [a, b, c] = lookupTimes();
    // Equal jitter: the first retry waits 100-200 ms, the second 200-400 ms.
    expect(b - a).toBeGreaterThanOrEqual(100);
    expect(c - b).toBeGreaterThanOrEqual(200);
    expect(posts()).toBe(1);
  });

  it("honours a Retry-After within the cap and the budget", async () => {
    const tuning: Tuning = { ...FAST, retry: { ...FAST.retry, budgetMs: 3_000 } };
    const req = await interruptedAttempt(tuning);
    sim.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "GET", path: LOOKUP });
    await sudoIssuer(sim, tuning).resume(req);
    const [a, b] = lookupTimes();
    expect(b - a).toBeGreaterThanOrEqual(1_000);
  });

  it("a lookup that times out is retried only when the budget allows another timeout", async () => {
    const tuning: Tuning = { timeoutMs: 200, retry: { ...FAST.retry, budgetMs: 2_000 } };
    const req = await interruptedAttempt(tuning);
    sim.faults.add({ kind: "latency", latencyMs: 400, method: "GET", path: LOOKUP });
    expect((await sudoIssuer(sim, tuning).resume(req)).providerCardId).toBe(sim.cards()[0]._id);
    await until(() => lookups() === 2, "the slow lookup to finish");
    expect(posts()).toBe(1);
  });

  it.each<[string, Armed, Record<string, unknown>]>([
    ["a Retry-After above the cap goes straight back", { kind: "status", status: 429, retryAfter: "30" }, { reason: "RATE_LIMITED", retryAfterSeconds: 30 }],
    ["three failures use up the attempts", { kind: "status", status: 503, times: 3 }, { reason: "UPSTREAM_ERROR" }],
    ["a refusal is not retried and is not final", { kind: "status", status: 403 }, { reason: "UPSTREAM_ERROR" }],
  ])("%s, and with the lookup unanswered nothing is created", async (_what, fault, seen) => {
    const req = sudoRequest();
    sim.faults.add({ ...fault, method: "GET", path: LOOKUP });
    expect(await outcome(sudoIssuer(sim, FAST).resume(req))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "SUDO", ...seen });
    expect(lookups()).toBe(fault.times ?? 1);
    expect(posts()).toBe(0);
  });
});

describe("a Sudo POST is never retried, even under a policy that would retry anything", () => {
  const generous: Tuning = { timeoutMs: 200, retry: { maxAttempts: 10, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 5_000, budgetMs: 10_000 } };

  it.each<[string, Armed, string]>([
    ["500", { kind: "status", status: 500 }, "UPSTREAM_ERROR"],
    ["502", { kind: "status", status: 502 }, "UPSTREAM_ERROR"],
    ["503", { kind: "status", status: 503 }, "UPSTREAM_ERROR"],
    ["429 with Retry-After: 0", { kind: "status", status: 429, retryAfter: "0" }, "RATE_LIMITED"],
    ["a connection dropped before Sudo acted", { kind: "drop-before" }, "NETWORK"],
    ["a connection dropped after the card was created", { kind: "drop-after-commit" }, "NETWORK"],
    ["truncated JSON", { kind: "malformed-json" }, "BAD_RESPONSE"],
    ["an HTML error page", { kind: "html", status: 502 }, "UPSTREAM_ERROR"],
    ["a timeout", { kind: "latency", latencyMs: 400 }, "TIMEOUT"],
  ])("%s: one POST, and the error goes back", async (_what, fault, reason) => {
    sim.faults.add({ ...fault, method: "POST", path: "/cards" });
    expect(await outcome(sudoIssuer(sim, generous).issue(sudoRequest()))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "SUDO", reason });
    // A retry would have been sent within milliseconds; the simulator records a request once it is answered.
    await until(() => posts() >= 1, "the POST to be answered");
    await sleep(50);
    expect(posts()).toBe(1);
    expect(sim.cards().length).toBeLessThanOrEqual(1);
  });
});

describe("Sudo circuit breaker: one for the API", () => {
  const tuning: Tuning = { ...FAST, breaker: { failureThreshold: 3, resetMs: 300 } };

  it("opens after the threshold, fails fast without calling Sudo, half-opens and closes", async () => {
    const issuer = sudoIssuer(sim, tuning);
    sim.faults.add({ kind: "status", status: 503, times: 100, method: "POST", path: "/cards" });
    for (let i = 0; i < 3; i += 1) expect(await outcome(issuer.issue(sudoRequest()))).toMatchObject({ reason: "UPSTREAM_ERROR" });

    const open = { code: "PROVIDER_UNAVAILABLE", provider: "SUDO", reason: "CIRCUIT_OPEN", retryAfterSeconds: 1 };
    expect(await outcome(issuer.issue(sudoRequest()))).toEqual(open);
    expect(await outcome(issuer.resume(sudoRequest()))).toEqual(open);
    expect(posts()).toBe(3);
    expect(lookups()).toBe(0);
    expect(issuer.health!()).toMatchObject({ provider: "SUDO", breaker: "open", breakers: [{ scope: "api", state: "open", consecutiveFailures: 3 }] });

    sim.faults.clear();
    await sleep(350);
    expect(issuer.health!().breaker).toBe("halfOpen");
    await issuer.issue(sudoRequest());
    expect(issuer.health!()).toMatchObject({ breaker: "closed", breakers: [{ scope: "api", state: "closed", consecutiveFailures: 0 }] });
  });

  it("failed lookups count too: a resume that exhausts its GETs opens it", async () => {
    const issuer = sudoIssuer(sim, tuning);
    sim.faults.add({ kind: "status", status: 502, times: 3, method: "GET", path: LOOKUP });
    expect(await outcome(issuer.resume(sudoRequest()))).toMatchObject({ reason: "UPSTREAM_ERROR" });
    expect(await outcome(issuer.issue(sudoRequest()))).toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(posts()).toBe(0);
  });

  it("a failed trial reopens it", async () => {
    const issuer = sudoIssuer(sim, tuning);
    sim.faults.add({ kind: "status", status: 500, times: 100, method: "POST", path: "/cards" });
    for (let i = 0; i < 3; i += 1) await outcome(issuer.issue(sudoRequest()));
    await sleep(350);
    expect(await outcome(issuer.issue(sudoRequest()))).toMatchObject({ reason: "UPSTREAM_ERROR" });
    expect(await outcome(issuer.issue(sudoRequest()))).toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(posts()).toBe(4);
  });

  it.each<[string, Armed]>([
    ["refusals (402)", { kind: "status", status: 402, times: 100, body: { statusCode: 402, message: "Insufficient balance." } }],
    ["Sudo's 429s", { kind: "status", status: 429, times: 100 }],
  ])("%s never open it", async (_what, fault) => {
    const issuer = sudoIssuer(sim, { ...tuning, breaker: { failureThreshold: 2, resetMs: 60_000 } });
    sim.faults.add({ ...fault, method: "POST", path: "/cards" });
    for (let i = 0; i < 4; i += 1) expect(await outcome(issuer.issue(sudoRequest()))).toHaveProperty("code");
    expect(posts()).toBe(4);
    expect(issuer.health!().breaker).toBe("closed");
  });
});

describe("Sudo rate limiter: one per process, queueing briefly", () => {
  it("queues callers within the wait bound and sends them spaced at the configured rate", async () => {
    const issuer = sudoIssuer(sim, { rateLimit: { perMinute: 120, burst: 1, maxWaitMs: 2_000 } });
    const cards = await Promise.all([1, 2, 3].map(() => issuer.issue(sudoRequest())));
    expect(new Set(cards.map((c) => c.providerCardId)).size).toBe(3);
    const times = sim.requests.filter((r) => r.path === "/cards").map((r) => r.at);
    expect(times[2] - times[0]).toBeGreaterThanOrEqual(900);
  });

  it("refuses, without sending, a caller whose wait would exceed the bound", async () => {
    const issuer = sudoIssuer(sim, { rateLimit: { perMinute: 120, burst: 1, maxWaitMs: 700 } });
    const results = await Promise.all([1, 2, 3, 4].map(() => outcome(issuer.issue(sudoRequest()))));
    expect(results.filter((r) => "code" in r)).toEqual([
      { code: "PROVIDER_UNAVAILABLE", provider: "SUDO", reason: "RATE_LIMITED", retryAfterSeconds: 1 },
      { code: "PROVIDER_UNAVAILABLE", provider: "SUDO", reason: "RATE_LIMITED", retryAfterSeconds: 1 },
    ]);
    expect(posts()).toBe(2);
  });

  it("a resume's lookups take tokens like any other call", async () => {
    const issuer = sudoIssuer(sim, { rateLimit: { perMinute: 120, burst: 1, maxWaitMs: 0 } });
    expect(await outcome(issuer.resume(sudoRequest()))).toMatchObject({ reason: "RATE_LIMITED" });
    expect(lookups()).toBe(1);
    expect(posts()).toBe(0);
  });
});

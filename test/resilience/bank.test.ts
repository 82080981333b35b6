import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { bankIssuer, bankRequest, outcome, sleep, until } from "./issuers";

// The bank issuer's retries, breakers and rate limiter against the bank simulator. Every test counts what reached
// the simulator as well as what the caller got.

const [CONN, OTHER_CONN] = ["CONN0987654321", "CONN1234567890"];
const FAST = { retry: { baseDelayMs: 10, maxDelayMs: 50 } };

let sim: BankSandbox;
beforeAll(async () => {
  sim = await startBankSandbox();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const posts = () => sim.count("POST", "/cards");
const status429s = () => sim.requests.filter((r) => r.status === 429).length;

describe("bank retries: every attempt carries the same idempotency key, so none can issue a second card", () => {
  it("a timed-out call is retried when the budget allows; the bank's replay returns the one card", async () => {
    const issuer = bankIssuer(sim, { timeoutMs: 200, retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 400, budgetMs: 5_000 } });
    sim.faults.add({ kind: "latency", latencyMs: 400, method: "POST", path: "/cards" });
    const card = await issuer.issue(bankRequest());
    expect(sim.cards().map((c) => c.card_id)).toEqual([card.providerCardId]);
    // The first attempt timed out, at least one more was answered "09" or replayed.
    expect(posts()).toBeGreaterThanOrEqual(2);
  });

  it("by default (budget = one timeout) a timed-out call goes back to the caller after one attempt", async () => {
    const issuer = bankIssuer(sim, { timeoutMs: 200 });
    sim.faults.add({ kind: "latency", latencyMs: 400, method: "POST", path: "/cards" });
    const req = bankRequest();
    expect(await outcome(issuer.issue(req))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "BANK", reason: "TIMEOUT" });
    expect(posts()).toBe(1);
    await until(() => sim.cards().length === 1, "the bank to finish");
    expect((await issuer.resume(req)).providerCardId).toBe(sim.cards()[0].card_id);
    expect(sim.cards()).toHaveLength(1);
  });

  it('"09" (the first request still in progress) is asked again after a short wait', async () => {
    sim.faults.add({ kind: "status", status: 409, body: { status: "09", message: "Request in progress" }, method: "POST", path: "/cards" });
    await bankIssuer(sim, FAST).issue(bankRequest());
    expect(posts()).toBe(2);
    expect(sim.cards()).toHaveLength(1);
  });

  it("honours a 503's Retry-After, then gives up after maxAttempts with UPSTREAM_ERROR", async () => {
    sim.faults.add({ kind: "status", status: 503, retryAfter: "1", times: 3, method: "POST", path: "/cards" });
    const result = await outcome(bankIssuer(sim, { retry: { maxAttempts: 3, budgetMs: 5_000 } }).issue(bankRequest()));
    expect(result).toMatchObject({ code: "PROVIDER_UNAVAILABLE", reason: "UPSTREAM_ERROR", retryAfterSeconds: 1 });
    const times = sim.requests.filter((r) => r.path === "/cards").map((r) => r.at);
    expect(times).toHaveLength(3);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(1_000);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(1_000);
  });

  it("never repeats a refusal", async () => {
    const result = await outcome(bankIssuer(sim, FAST).issue(bankRequest({ productId: "999" })));
    expect(result).toMatchObject({ code: "PROVIDER_REJECTED", providerCode: "VALIDATION_FAILED" });
    expect(posts()).toBe(1);
  });
});

describe("bank circuit breaker: one per connection", () => {
  const tuning = { ...FAST, retry: { ...FAST.retry, maxAttempts: 3 }, breaker: { failureThreshold: 3, resetMs: 300 } };

  it("opens after the threshold, fails fast without calling the bank, half-opens and closes", async () => {
    const issuer = bankIssuer(sim, tuning);
    sim.faults.add({ kind: "status", status: 503, times: 100, method: "POST", path: "/cards" });
    expect(await outcome(issuer.issue(bankRequest()))).toMatchObject({ reason: "UPSTREAM_ERROR" });
    expect(posts()).toBe(3);

    expect(await outcome(issuer.issue(bankRequest()))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "BANK", reason: "CIRCUIT_OPEN", retryAfterSeconds: 1 });
    expect(posts()).toBe(3);
    expect(issuer.health()).toMatchObject({
      provider: "BANK",
      breaker: "open",
      breakers: [
        { scope: CONN, state: "open", consecutiveFailures: 3 },
        { scope: OTHER_CONN, state: "closed" },
      ],
    });

    // The bank recovers: the open connection still fails fast until it half-opens, another partner bank works.
    sim.faults.clear();
    expect(await outcome(issuer.issue(bankRequest()))).toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(await issuer.issue(bankRequest({ connectionId: OTHER_CONN, customerId: "cus_chioma" }))).toMatchObject({ customerId: "cus_chioma" });
    expect(posts()).toBe(4);

    await sleep(350);
    expect(issuer.health().breakers[0].state).toBe("halfOpen");
    await issuer.issue(bankRequest());
    expect(posts()).toBe(5);
    expect(issuer.health()).toMatchObject({ breaker: "closed", breakers: [{ scope: CONN, state: "closed", consecutiveFailures: 0 }, {}] });
  });

  it("a failed trial reopens it: one request reaches the bank, the retry fails fast", async () => {
    const issuer = bankIssuer(sim, tuning);
    sim.faults.add({ kind: "status", status: 502, times: 100, method: "POST", path: "/cards" });
    await outcome(issuer.issue(bankRequest()));
    await sleep(350);
    expect(await outcome(issuer.issue(bankRequest()))).toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(posts()).toBe(4);
    expect(issuer.health().breaker).toBe("open");
  });

  it("a customer's refused cards never open it", async () => {
    const issuer = bankIssuer(sim, { breaker: { failureThreshold: 2, resetMs: 60_000 } });
    for (let i = 0; i < 4; i += 1) expect(await outcome(issuer.issue(bankRequest({ productId: "999" })))).toMatchObject({ code: "PROVIDER_REJECTED" });
    await issuer.issue(bankRequest());
    expect(issuer.health().breaker).toBe("closed");
  });
});

describe("bank rate limiter: one per client, queueing instead of earning 429s", () => {
  it("under a burst above a small quota, only the quota reaches the bank and nothing earns a 429", async () => {
    const strict = await startBankSandbox({ rateLimitPerMinute: 3 });
    try {
      const issuer = bankIssuer(strict, { rateLimit: { perMinute: 3, burst: 3, maxWaitMs: 500 } });
      const results = await Promise.all(Array.from({ length: 6 }, () => outcome(issuer.issue(bankRequest()))));
      const refused = results.filter((r) => "code" in r);
      expect(refused).toHaveLength(3);
      for (const r of refused) expect(r).toMatchObject({ code: "PROVIDER_UNAVAILABLE", reason: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
      expect(strict.count("POST", "/cards")).toBe(3);
      expect(strict.requests.filter((r) => r.status === 429)).toHaveLength(0);
      expect(strict.cards()).toHaveLength(3);
    } finally {
      await strict.stop();
    }
  });

  it("without our limiter the same burst earns the bank's 429s (the control)", async () => {
    const strict = await startBankSandbox({ rateLimitPerMinute: 3 });
    try {
      const issuer = bankIssuer(strict, { rateLimit: { perMinute: 1_000 } });
      const results = await Promise.all(Array.from({ length: 6 }, () => outcome(issuer.issue(bankRequest()))));
      expect(results.filter((r) => "code" in r)).toHaveLength(3);
      expect(strict.requests.filter((r) => r.status === 429)).toHaveLength(3);
    } finally {
      await strict.stop();
    }
  });

  it("queues callers within the wait bound and sends them spaced at the configured rate", async () => {
    const issuer = bankIssuer(sim, { rateLimit: { perMinute: 120, burst: 1, maxWaitMs: 2_000 } });
    await issuer.issue(bankRequest()); // fetches the consent token, so the burst below is card calls only
    await sleep(500);
    sim.reset();
    const cards = await Promise.all([1, 2, 3].map(() => issuer.issue(bankRequest())));
    expect(cards).toHaveLength(3);
    const times = sim.requests.map((r) => r.at);
    expect(times).toHaveLength(3);
    expect(times[2] - times[0]).toBeGreaterThanOrEqual(900);
    expect(status429s()).toBe(0);
  });

  it("gives up cleanly, without sending, once the wait would exceed the bound", async () => {
    const issuer = bankIssuer(sim, { rateLimit: { perMinute: 120, burst: 1, maxWaitMs: 700 } });
    const results = await Promise.all([1, 2, 3, 4].map(() => outcome(issuer.issue(bankRequest()))));
    expect(results.filter((r) => !("code" in r))).toHaveLength(2);
    // A refused caller reserves nothing, so both are told the same: the queue has room again in a second.
    expect(results.filter((r) => "code" in r)).toEqual([
      { code: "PROVIDER_UNAVAILABLE", provider: "BANK", reason: "RATE_LIMITED", retryAfterSeconds: 1 },
      { code: "PROVIDER_UNAVAILABLE", provider: "BANK", reason: "RATE_LIMITED", retryAfterSeconds: 1 },
    ]);
    expect(posts()).toBe(2);
  });
});

import pino from "pino";
import { CreateCardDocument } from "../__generated__/graphql";
import { ProviderUnavailableError } from "../../src/errors";
import { onBehalfOf, ProviderGuard, type ResilienceConfig } from "../../src/providers/resilience";
import { startHarness, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import { sudoInput } from "../support/inputs";
import { FakeClock } from "./fake-clock";

// Issue 9 item 11: five requests whose metadata Sudo answered with 500 opened the shared Sudo breaker for every
// caller for 30 s. Failures now open a breaker only when they come from BREAKER_MIN_CALLERS different callers.

describe("a breaker's failures must come from several callers", () => {
  const config: ResilienceConfig = {
    retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 0, budgetMs: 0, jitter: "equal" },
    breaker: { failureThreshold: 3, resetMs: 10_000, minCallers: 2 },
    rateLimit: { perMinute: 1_000, burst: 1_000, maxWaitMs: 0 },
  };
  const guard = () => new ProviderGuard({ provider: "TEST", scopes: ["api"], config, logger: pino({ level: "silent" }), clock: new FakeClock() });
  const fail = (g: ProviderGuard, caller: string) =>
    onBehalfOf(caller, () =>
      g.call("api", async () => Promise.reject(new ProviderUnavailableError("TEST", "UPSTREAM_ERROR", "HTTP 500")), { repeatable: false }).catch((e: ProviderUnavailableError) => e.reason),
    );

  it("stays closed however often one caller fails", async () => {
    const g = guard();
    for (let i = 0; i < 20; i += 1) expect(await fail(g, "idp|mallory")).toBe("UPSTREAM_ERROR");
    expect(g.health().breakers[0]).toMatchObject({ state: "closed", consecutiveFailures: 20 });
  });

  it("opens once enough different callers fail in a row", async () => {
    const g = guard();
    for (let i = 0; i < 5; i += 1) await fail(g, "idp|mallory");
    expect(await fail(g, "idp|ada")).toBe("UPSTREAM_ERROR");
    expect(await fail(g, "idp|chioma")).toBe("CIRCUIT_OPEN");
  });

  it("counts calls made outside any caller (a reconciler) as a caller each", async () => {
    const g = guard();
    const unattributed = () => g.call("api", () => Promise.reject(new ProviderUnavailableError("TEST", "NETWORK", "reset")), { repeatable: false }).catch(() => undefined);
    for (let i = 0; i < 3; i += 1) await unattributed();
    expect(g.health().breakers[0].state).toBe("open");
  });
});

describe("one caller's 5xx answers through the subgraph", () => {
  let h: Harness;
  let keyNo = 0;
  const key = () => `breaker-callers-${process.pid}-${++keyNo}`;
  const createAs = async (subject: string) =>
    h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } }, await bearer({ sub: subject }));
  beforeAll(async () => {
    // The production defaults of the threshold (5) and callers (3), a breaker that would stay open for a minute.
    h = await startHarness({ SUDO_BREAKER_RESET_MS: "60000" });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sudo.faults.clear());

  it("do not open the shared Sudo breaker for anyone else", async () => {
    h.sudo.faults.add({ kind: "status", status: 500, times: 10, method: "POST", path: "/cards" });
    for (let i = 0; i < 10; i += 1) {
      const { body } = await createAs("mallory");
      expect(body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", reason: "UPSTREAM_ERROR" });
    }
    const { body } = await createAs("ada");
    expect(body.errors).toBeUndefined();
    expect(body.data!.createCard).toMatchObject({ provider: "SUDO" });
  });

  it("while an outage that fails three callers still opens it", async () => {
    h.sudo.faults.add({ kind: "status", status: 503, times: 100, method: "POST", path: "/cards" });
    for (const subject of ["ada", "chioma", "mallory", "ada", "chioma"]) {
      const { body } = await createAs(subject);
      expect(body.errors![0].extensions).toMatchObject({ reason: "UPSTREAM_ERROR" });
    }
    const posts = h.sudo.requests.length;
    const { body } = await createAs("tunde");
    expect(body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", reason: "CIRCUIT_OPEN" });
    expect(h.sudo.requests.length).toBe(posts);
  });
});

import pino from "pino";
import { ProviderRejectedError, ProviderUnavailableError } from "../../src/errors";
import { FailFastError, ProviderGuard, type ResilienceConfig } from "../../src/providers/resilience";
import { FakeClock } from "./fake-clock";

const config: ResilienceConfig = {
  retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 0, budgetMs: 0, jitter: "equal" },
  breaker: { failureThreshold: 3, resetMs: 10_000 },
  rateLimit: { perMinute: 1_000, burst: 1_000, maxWaitMs: 0 },
};

function setup() {
  const clock = new FakeClock();
  const guard = new ProviderGuard({ provider: "TEST", scopes: ["a", "b"], config, logger: pino({ level: "silent" }), clock });
  let sent = 0;
  const call = (outcome: "ok" | "down" | "refused" | "throttled" | "hang", scope = "a") =>
    guard
      .call(
        scope,
        async () => {
          sent += 1;
          if (outcome === "down") throw new ProviderUnavailableError("TEST", "UPSTREAM_ERROR", "HTTP 503");
          if (outcome === "refused") throw new ProviderRejectedError("TEST", "402", "Insufficient balance");
          if (outcome === "throttled") throw new ProviderUnavailableError("TEST", "RATE_LIMITED", "429");
          if (outcome === "hang") await new Promise((resolve) => setTimeout(resolve, 50));
          return "ok";
        },
        { repeatable: false },
      )
      .catch((error: Error) => error);
  const stateOf = (scope = "a") => guard.health().breakers.find((b) => b.scope === scope)!;
  return { clock, guard, call, sent: () => sent, stateOf };
}

async function openIt(s: ReturnType<typeof setup>) {
  for (let i = 0; i < 3; i += 1) await s.call("down");
}

describe("circuit breaker", () => {
  it("opens after the threshold of consecutive failures and then fails fast without calling", async () => {
    const s = setup();
    await s.call("down");
    await s.call("down");
    expect(s.stateOf()).toMatchObject({ state: "closed", consecutiveFailures: 2 });
    await s.call("down");
    expect(s.stateOf()).toMatchObject({ state: "open", retryAfterSeconds: 10 });

    const error = await s.call("ok");
    expect(error).toBeInstanceOf(FailFastError);
    expect((error as FailFastError).extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "TEST", reason: "CIRCUIT_OPEN", retryAfterSeconds: 10 });
    expect(s.sent()).toBe(3);
    s.clock.advance(4_500);
    expect(((await s.call("ok")) as FailFastError).retryAfterSeconds).toBe(6);
  });

  it("never counts a refusal (it resets the count) or a 429", async () => {
    const s = setup();
    await s.call("down");
    await s.call("down");
    await s.call("refused");
    await s.call("throttled");
    await s.call("down");
    await s.call("down");
    expect(s.stateOf()).toMatchObject({ state: "closed", consecutiveFailures: 2 });
    for (let i = 0; i < 10; i += 1) await s.call("refused");
    expect(s.stateOf().state).toBe("closed");
  });

  it("is per scope: one open scope leaves the others working", async () => {
    const s = setup();
    await openIt(s);
    expect(await s.call("ok", "b")).toBe("ok");
    expect(s.guard.health()).toMatchObject({ provider: "TEST", breaker: "open", breakers: [{ scope: "a", state: "open" }, { scope: "b", state: "closed" }] });
  });

  it("half-opens after resetMs, lets exactly one trial through, and closes when it succeeds", async () => {
    const s = setup();
    await openIt(s);
    s.clock.advance(10_000);
    expect(s.stateOf().state).toBe("halfOpen");
    const trial = s.call("hang");
    const during = await s.call("ok");
    expect(during).toBeInstanceOf(FailFastError);
    expect(await trial).toBe("ok");
    expect(s.sent()).toBe(4);
    expect(s.stateOf()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    expect(await s.call("ok")).toBe("ok");
  });

  it("reopens for another resetMs when the trial fails", async () => {
    const s = setup();
    await openIt(s);
    s.clock.advance(10_000);
    await s.call("down");
    expect(s.stateOf()).toMatchObject({ state: "open", retryAfterSeconds: 10 });
    expect(await s.call("ok")).toBeInstanceOf(FailFastError);
    expect(s.sent()).toBe(4);
  });

  it("stays half-open when the trial says nothing about the provider (a 429)", async () => {
    const s = setup();
    await openIt(s);
    s.clock.advance(10_000);
    await s.call("throttled");
    expect(s.stateOf().state).toBe("halfOpen");
    expect(await s.call("ok")).toBe("ok");
    expect(s.stateOf().state).toBe("closed");
  });
});

import pino from "pino";
import { FailFastError, ProviderGuard, TokenBucket } from "../../src/providers/resilience";
import { FakeClock } from "./fake-clock";

describe("token bucket", () => {
  it("lets a burst through at once, then queues callers first come, first served", async () => {
    const clock = new FakeClock(true);
    const bucket = new TokenBucket({ perMinute: 60, burst: 2, maxWaitMs: 5_000 }, clock);
    const order: number[] = [];
    const takes = [1, 2, 3, 4].map((n) => bucket.take().then((a) => (order.push(n), a)));
    await Promise.resolve();
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    clock.advance(1_000);
    clock.advance(1_000);
    expect(await Promise.all(takes)).toEqual([
      { ok: true, waitedMs: 0 },
      { ok: true, waitedMs: 0 },
      { ok: true, waitedMs: 1_000 },
      { ok: true, waitedMs: 2_000 },
    ]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("refuses without waiting or taking a token when the wait would exceed maxWaitMs", async () => {
    const clock = new FakeClock(true);
    const bucket = new TokenBucket({ perMinute: 60, burst: 1, maxWaitMs: 1_500 }, clock);
    await bucket.take();
    const queued = bucket.take();
    expect(await bucket.take()).toEqual({ ok: false, waitMs: 2_000 });
    clock.advance(1_000);
    await queued;
    expect(clock.sleeps).toEqual([1_000]);
  });

  it("refills at the configured rate up to the burst", async () => {
    const clock = new FakeClock(true);
    const bucket = new TokenBucket({ perMinute: 120, burst: 3, maxWaitMs: 0 }, clock);
    for (let i = 0; i < 3; i += 1) await bucket.take();
    expect(bucket.available()).toBe(0);
    clock.advance(1_000);
    expect(bucket.available()).toBe(2);
    clock.advance(60_000);
    expect(bucket.available()).toBe(3);
  });
});

describe("ProviderGuard.throttle", () => {
  it("fails fast with PROVIDER_UNAVAILABLE RATE_LIMITED and when to come back", async () => {
    const guard = new ProviderGuard({
      provider: "TEST",
      scopes: [],
      config: {
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 60_000, budgetMs: 60_000, jitter: "equal" },
        breaker: { failureThreshold: 1, resetMs: 1_000 },
        rateLimit: { perMinute: 2, burst: 1, maxWaitMs: 0 },
      },
      logger: pino({ level: "silent" }),
      clock: new FakeClock(true),
    });
    let sent = 0;
    const send = () => guard.call("a", async () => (await guard.throttle(), (sent += 1)), { repeatable: true });
    await send();
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FailFastError);
    // Neither retried (the wait was already refused) nor counted by the breaker, whose threshold is 1 here.
    expect((error as FailFastError).extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", reason: "RATE_LIMITED", retryAfterSeconds: 30 });
    expect(sent).toBe(1);
    expect(guard.health()).toMatchObject({ breaker: "closed", rateLimit: { perMinute: 2, burst: 1, available: 0 } });
  });
});

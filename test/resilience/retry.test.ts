import { ProviderRejectedError, ProviderUnavailableError, type UnavailableReason } from "../../src/errors";
import { backoffMs, FailFastError, isRetryable, retryDelayMs, withRetry, type RetryPolicy } from "../../src/providers/resilience";
import { FakeClock } from "./fake-clock";

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000, budgetMs: 10_000, jitter: "equal" };
const down = (reason: UnavailableReason, retryAfterSeconds?: number) => new ProviderUnavailableError("TEST", reason, "down", retryAfterSeconds);
const refused = () => new ProviderRejectedError("TEST", "05", "Do not honor");

describe("which errors are retried", () => {
  it.each(["TIMEOUT", "NETWORK", "UPSTREAM_ERROR", "BAD_RESPONSE", "RATE_LIMITED"] as const)("%s from the provider is", (reason) => {
    expect(isRetryable(down(reason))).toBe(true);
  });

  it("a refusal, an open breaker, our own rate limit, AUTH_FAILED and a bug are not", () => {
    expect(isRetryable(refused())).toBe(false);
    expect(isRetryable(new FailFastError("TEST", "CIRCUIT_OPEN", "open", 5))).toBe(false);
    expect(isRetryable(new FailFastError("TEST", "RATE_LIMITED", "queue full", 5))).toBe(false);
    expect(isRetryable(down("AUTH_FAILED"))).toBe(false);
    expect(isRetryable(new TypeError("bug"))).toBe(false);
  });
});

describe("backoff", () => {
  it("doubles per retry up to the cap; equal jitter stays within the upper half", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(policy, n, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect([1, 2, 3].map((n) => backoffMs(policy, n, () => 0))).toEqual([50, 100, 200]);
  });

  it("full jitter spreads from zero to the backoff", () => {
    const full = { ...policy, jitter: "full" as const };
    expect(backoffMs(full, 3, () => 0)).toBe(0);
    expect(backoffMs(full, 3, () => 0.5)).toBe(200);
  });
});

describe("retryDelayMs", () => {
  const half = () => 0.5;

  it("waits the backoff, or the provider's Retry-After when that is longer", () => {
    expect(retryDelayMs(policy, down("UPSTREAM_ERROR"), 1, 0, half)).toBe(75);
    expect(retryDelayMs(policy, down("RATE_LIMITED", 2), 1, 0, half)).toBe(2_000);
  });

  it("does not retry when the provider asks for longer than the cap: the client is told when instead", () => {
    expect(retryDelayMs(policy, down("RATE_LIMITED", 6), 1, 0, half)).toBeUndefined();
  });

  it("stops after maxAttempts and when the wait would end past the budget", () => {
    expect(retryDelayMs(policy, down("NETWORK"), 3, 0, half)).toBeUndefined();
    expect(retryDelayMs(policy, down("NETWORK"), 1, 9_950, half)).toBeUndefined();
    expect(retryDelayMs(policy, down("NETWORK"), 1, 9_900, half)).toBe(75);
  });
});

describe("withRetry", () => {
  function flaky(errors: Error[]) {
    let calls = 0;
    const call = async () => {
      const error = errors[calls++];
      if (error) throw error;
      return "card";
    };
    return { call, calls: () => calls };
  }

  it("retries until the call succeeds, reporting each retry", async () => {
    const clock = new FakeClock();
    const events: number[] = [];
    const { call, calls } = flaky([down("UPSTREAM_ERROR"), down("NETWORK")]);
    await expect(withRetry(call, policy, { clock, random: () => 1, onRetry: (e) => events.push(e.attempt) })).resolves.toBe("card");
    expect(calls()).toBe(3);
    expect(events).toEqual([1, 2]);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it("gives up after maxAttempts with the last error", async () => {
    const last = down("TIMEOUT");
    const { call, calls } = flaky([down("UPSTREAM_ERROR"), down("NETWORK"), last, down("NETWORK")]);
    await expect(withRetry(call, policy, { clock: new FakeClock() })).rejects.toBe(last);
    expect(calls()).toBe(3);
  });

  it("never repeats a refusal", async () => {
    const { call, calls } = flaky([refused()]);
    await expect(withRetry(call, policy, { clock: new FakeClock() })).rejects.toBeInstanceOf(ProviderRejectedError);
    expect(calls()).toBe(1);
  });

  it("counts the time spent in calls against the budget", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const slow = async () => {
      calls += 1;
      clock.advance(6_000);
      throw down("TIMEOUT");
    };
    await expect(withRetry(slow, policy, { clock })).rejects.toMatchObject({ reason: "TIMEOUT" });
    expect(calls).toBe(2);
  });
});

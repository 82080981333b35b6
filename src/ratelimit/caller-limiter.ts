import { TokenBucket, type RateLimitOptions } from "../providers/resilience/rate-limiter";

/** Callers remembered at once; beyond it the least recently seen is forgotten (it starts again with a full bucket). */
const MAX_CALLERS = 10_000;

/**
 * One token bucket per caller (the token's issuer and subject), so one caller spending its allowance slows no one
 * else. Per process, like the provider limiters: with N replicas each allows its own share.
 */
export class CallerRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: Omit<RateLimitOptions, "maxWaitMs">) {}

  /** Null when the caller may go ahead (and `cost` is taken), else the seconds until it may. Never waits. */
  admit(caller: string, cost = 1): number | null {
    const wait = this.waitSeconds(caller, cost);
    if (wait === null) this.charge(caller, cost);
    return wait;
  }

  /** Null when the caller has `cost` left, else the seconds until it will. Takes nothing. */
  waitSeconds(caller: string, cost = 1): number | null {
    const bucket = this.bucketOf(caller);
    const needed = this.needed(cost);
    const available = bucket.available();
    return available >= needed ? null : Math.max(1, Math.ceil(((needed - available) * 60) / this.options.perMinute));
  }

  /** Takes `cost` from the caller's allowance (below zero if need be: the caller then waits longer). */
  charge(caller: string, cost = 1): void {
    this.bucketOf(caller).spend(this.needed(cost));
  }

  /** A cost above the bucket is charged as a full bucket, so it waits for a refill instead of never passing. */
  private needed(cost: number): number {
    return Math.min(cost, this.options.burst);
  }

  private bucketOf(caller: string): TokenBucket {
    let bucket = this.buckets.get(caller);
    if (bucket) this.buckets.delete(caller);
    bucket ??= new TokenBucket({ ...this.options, maxWaitMs: 0 });
    this.buckets.set(caller, bucket);
    if (this.buckets.size > MAX_CALLERS) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }
}

import { TokenBucket, type RateLimitOptions } from "../providers/resilience/rate-limiter";

/** Callers remembered at once; beyond it the least recently seen is forgotten (it starts again with a full bucket). */
const MAX_CALLERS = 10_000;

/**
 * Card reveals per caller: each caller has its own token bucket, so one customer app showing card numbers in a loop
 * is refused without slowing anyone else. Per process, like the provider limiters.
 */
export class RevealLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: Omit<RateLimitOptions, "maxWaitMs">) {}

  /** Null when the caller may go ahead, else the seconds until it may. Never waits. */
  admit(caller: string): number | null {
    let bucket = this.buckets.get(caller);
    if (bucket) this.buckets.delete(caller);
    bucket ??= new TokenBucket({ ...this.options, maxWaitMs: 0 });
    this.buckets.set(caller, bucket);
    if (this.buckets.size > MAX_CALLERS) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.available() >= 1) {
      void bucket.take();
      return null;
    }
    return Math.max(1, Math.ceil(((1 - bucket.available()) * 60_000) / this.options.perMinute / 1000));
  }
}

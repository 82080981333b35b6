import { systemClock, type Clock } from "./clock";

export interface RateLimitOptions {
  /** Sustained rate: tokens added per minute. */
  perMinute: number;
  /** Bucket size: how many calls may go out back to back after a quiet spell. */
  burst: number;
  /** The longest a call waits in line for a token; one that would wait longer is refused at once. */
  maxWaitMs: number;
}

export type Admission = { ok: true; waitedMs: number } | { ok: false; waitMs: number };

/**
 * A token bucket whose callers queue in arrival order. A caller that finds no token reserves the next one (the count
 * goes below zero) and sleeps until it is due, so waiting callers are served first come, first served without a
 * queue structure or timers. A caller whose turn is further away than maxWaitMs takes nothing and is refused.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private readonly msPerToken: number;

  constructor(
    readonly options: RateLimitOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = options.burst;
    this.refilledAt = clock.now();
    this.msPerToken = 60_000 / options.perMinute;
  }

  /** Tokens free right now (negative while callers are queued). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes `count` tokens at once, without queueing: for a caller that has checked available() first. */
  spend(count: number): void {
    this.refill();
    this.tokens -= count;
  }

  async take(): Promise<Admission> {
    this.refill();
    const waitMs = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.msPerToken);
    if (waitMs > this.options.maxWaitMs) return { ok: false, waitMs };
    this.tokens -= 1;
    if (waitMs > 0) await this.clock.sleep(waitMs);
    return { ok: true, waitedMs: waitMs };
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.options.burst, this.tokens + (now - this.refilledAt) / this.msPerToken);
    this.refilledAt = now;
  }
}

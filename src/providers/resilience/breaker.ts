import { currentCaller } from "./attribution";
import { systemClock, type Clock } from "./clock";
import type { Outcome } from "./fail-fast";

export type BreakerState = "closed" | "open" | "halfOpen";

export interface BreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /**
   * How many different callers those failures must come from (see attribution.ts). One caller whose input the
   * provider answers with 5xx, or who retries a failing request, must not shut the provider off for everyone.
   */
  minCallers?: number;
  /** How long it stays open before one trial call is let through. */
  resetMs: number;
}

export interface BreakerHooks {
  /** What a call's error says about the provider (see outcomeOf). */
  classify(error: unknown): Outcome;
  /** The error a call gets while the breaker is open; `waitMs` is the time until a trial call is let through. */
  rejection(waitMs: number): Error;
  onStateChange?(from: BreakerState, to: BreakerState): void;
}

/**
 * A consecutive-failure circuit breaker. Closed: calls pass, and `failureThreshold` failures in a row open it. Open:
 * calls fail at once without reaching the provider. After `resetMs` it is half-open: exactly one trial call passes
 * (others still fail fast); its success closes the breaker, its failure opens it for another `resetMs`. State is
 * derived from the clock when asked, so there are no timers to clean up.
 */
export class CircuitBreaker {
  private failures = 0;
  /** The callers of the current run of failures, up to minCallers of them; an unattributed call is a caller of its own. */
  private failingCallers = new Set<string | symbol>();
  private openedAt: number | undefined;
  private trialRunning = false;
  private lastState: BreakerState = "closed";

  constructor(
    private readonly options: BreakerOptions,
    private readonly hooks: BreakerHooks,
    private readonly clock: Clock = systemClock,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return "closed";
    return this.clock.now() - this.openedAt >= this.options.resetMs ? "halfOpen" : "open";
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Time until a trial call may pass: 0 when closed, or half-open with no trial running. */
  waitMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.resetMs - this.clock.now());
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    this.noteState(state);
    if (state === "open" || (state === "halfOpen" && this.trialRunning)) throw this.hooks.rejection(this.waitMs());
    const trial = state === "halfOpen";
    if (trial) this.trialRunning = true;
    const caller = currentCaller() ?? Symbol("unattributed");
    try {
      const result = await call();
      this.record("success", caller);
      return result;
    } catch (error) {
      this.record(this.hooks.classify(error), caller);
      throw error;
    } finally {
      if (trial) this.trialRunning = false;
    }
  }

  private record(outcome: Outcome, caller: string | symbol): void {
    const minCallers = this.options.minCallers ?? 1;
    if (outcome === "success") {
      this.failures = 0;
      this.failingCallers.clear();
      this.openedAt = undefined;
    } else if (outcome === "failure") {
      this.failures += 1;
      if (this.failingCallers.size < minCallers) this.failingCallers.add(caller);
      // A failed trial reopens at once; a closed breaker opens at the threshold, once enough callers have failed.
      const tripped = this.failures >= this.options.failureThreshold && this.failingCallers.size >= minCallers;
      if (this.openedAt !== undefined || tripped) this.openedAt = this.clock.now();
    }
    this.noteState(this.state);
  }

  private noteState(state: BreakerState): void {
    if (state === this.lastState) return;
    const from = this.lastState;
    this.lastState = state;
    this.hooks.onStateChange?.(from, state);
  }
}

import { ProviderUnavailableError, type UnavailableReason } from "../../errors";
import { systemClock, type Clock } from "./clock";
import { FailFastError } from "./fail-fast";

export type Jitter = "full" | "equal";

export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retrying off. */
  maxAttempts: number;
  /** The wait before the first retry before jitter; it doubles for each further retry up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest Retry-After we wait for. A provider asking for longer gets no retry from us: the error, with its
   * retryAfterSeconds, goes back to the client, which decides whether to wait.
   */
  maxRetryAfterMs: number;
  /** No retry starts once this long has passed since the first attempt began, its wait included. */
  budgetMs: number;
  /** "full": anywhere from 0 to the backoff; "equal": from half the backoff to all of it (never a near-zero wait). */
  jitter: Jitter;
}

/**
 * The reasons worth another try: no usable answer came back (timeout, dropped connection, 5xx, garbage, "still in
 * progress") or the provider asked us to slow down. Refusals are final, and so is anything this process decided
 * on its own (an open breaker, a full rate-limit queue). Whether a call may be repeated at all is the caller's
 * decision: only calls that cannot create a second card are ever passed to withRetry.
 */
const RETRYABLE: ReadonlySet<UnavailableReason> = new Set<UnavailableReason>(["TIMEOUT", "NETWORK", "UPSTREAM_ERROR", "BAD_RESPONSE", "RATE_LIMITED"]);

export function isRetryable(error: unknown): error is ProviderUnavailableError {
  return error instanceof ProviderUnavailableError && !(error instanceof FailFastError) && RETRYABLE.has(error.reason);
}

/** Capped exponential backoff with jitter, so clients that failed together do not come back together. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return policy.jitter === "full" ? random() * ceiling : ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * How long to wait before retry number `retry` (1 for the first), or undefined when the error must go back to the
 * caller: not retryable, out of attempts, a Retry-After above the cap, or a wait that would end past the budget.
 */
export function retryDelayMs(policy: RetryPolicy, error: unknown, retry: number, elapsedMs: number, random: () => number = Math.random): number | undefined {
  if (retry >= policy.maxAttempts || !isRetryable(error)) return undefined;
  const askedMs = error.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
  if (askedMs > policy.maxRetryAfterMs) return undefined;
  const delayMs = Math.ceil(Math.max(backoffMs(policy, retry, random), askedMs));
  return elapsedMs + delayMs <= policy.budgetMs ? delayMs : undefined;
}

export interface RetryEvent {
  /** The attempt that failed, 1 for the first. */
  attempt: number;
  delayMs: number;
  error: ProviderUnavailableError;
}

export interface RetryHooks {
  onRetry?(event: RetryEvent): void;
  clock?: Clock;
  random?: () => number;
}

/** Runs `call` until it succeeds or retryDelayMs says stop; the last error is thrown as it is. */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const clock = hooks.clock ?? systemClock;
  const started = clock.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const delayMs = retryDelayMs(policy, error, attempt, clock.now() - started, hooks.random);
      if (delayMs === undefined) throw error;
      hooks.onRetry?.({ attempt, delayMs, error: error as ProviderUnavailableError });
      await clock.sleep(delayMs);
    }
  }
}

import type { EnvReader } from "../../env";
import type { ResilienceConfig } from "./guard";
import type { RateLimitOptions } from "./rate-limiter";

/** A provider's defaults. The bucket holds one minute's worth of calls unless `<prefix>_RATE_LIMIT_BURST` says otherwise. */
export type ResilienceDefaults = Omit<ResilienceConfig, "rateLimit"> & { rateLimit: Omit<RateLimitOptions, "burst"> };

/** Failures from three different callers: two accounts of one abuser are not enough to shut a provider off. */
export const DEFAULT_BREAKER_MIN_CALLERS = 3;

const SUFFIXES = [
  "RETRY_MAX_ATTEMPTS",
  "RETRY_BASE_DELAY_MS",
  "RETRY_MAX_DELAY_MS",
  "RETRY_AFTER_MAX_MS",
  "RETRY_BUDGET_MS",
  "BREAKER_FAILURE_THRESHOLD",
  "BREAKER_RESET_MS",
  "BREAKER_MIN_CALLERS",
  "RATE_LIMIT_PER_MINUTE",
  "RATE_LIMIT_BURST",
  "RATE_LIMIT_MAX_WAIT_MS",
] as const;

/** The variable names for one provider's knobs, e.g. BANK_RETRY_MAX_ATTEMPTS. */
export function resilienceVars(prefix: string): string[] {
  return SUFFIXES.map((suffix) => `${prefix}_${suffix}`);
}

/**
 * Reads `<prefix>_RETRY_*`, `<prefix>_BREAKER_*` and `<prefix>_RATE_LIMIT_*` over the provider's defaults, adding
 * every problem to the reader. The bounds keep a typo from disabling a safeguard or holding requests for minutes.
 */
export function readResilience(reader: EnvReader, prefix: string, defaults: ResilienceDefaults): ResilienceConfig {
  const int = (suffix: (typeof SUFFIXES)[number], fallback: number, min: number, max: number) => reader.int(`${prefix}_${suffix}`, fallback, min, max);
  const { retry, breaker, rateLimit } = defaults;
  const perMinute = int("RATE_LIMIT_PER_MINUTE", rateLimit.perMinute, 1, 1_000_000);
  const config: ResilienceConfig = {
    retry: {
      maxAttempts: int("RETRY_MAX_ATTEMPTS", retry.maxAttempts, 1, 10),
      baseDelayMs: int("RETRY_BASE_DELAY_MS", retry.baseDelayMs, 0, 60_000),
      maxDelayMs: int("RETRY_MAX_DELAY_MS", retry.maxDelayMs, 0, 120_000),
      maxRetryAfterMs: int("RETRY_AFTER_MAX_MS", retry.maxRetryAfterMs, 0, 300_000),
      budgetMs: int("RETRY_BUDGET_MS", retry.budgetMs, 0, 300_000),
      jitter: retry.jitter,
    },
    breaker: {
      failureThreshold: int("BREAKER_FAILURE_THRESHOLD", breaker.failureThreshold, 1, 1_000),
      resetMs: int("BREAKER_RESET_MS", breaker.resetMs, 100, 3_600_000),
      minCallers: int("BREAKER_MIN_CALLERS", breaker.minCallers ?? DEFAULT_BREAKER_MIN_CALLERS, 1, 1_000),
    },
    rateLimit: { perMinute, burst: int("RATE_LIMIT_BURST", perMinute, 1, 1_000_000), maxWaitMs: int("RATE_LIMIT_MAX_WAIT_MS", rateLimit.maxWaitMs, 0, 120_000) },
  };
  if (config.retry.maxDelayMs < config.retry.baseDelayMs) {
    reader.problems.push(`${prefix}_RETRY_MAX_DELAY_MS must not be below ${prefix}_RETRY_BASE_DELAY_MS`);
  }
  return config;
}

/** The defaults as they apply without any variable set: the bucket holds one minute's worth of calls. */
export function resilienceFrom(defaults: ResilienceDefaults): ResilienceConfig {
  return { retry: { ...defaults.retry }, breaker: { ...defaults.breaker }, rateLimit: { ...defaults.rateLimit, burst: defaults.rateLimit.perMinute } };
}

/**
 * For an in-process simulator: the same policy with waits short enough for local runs and tests (a retry after
 * tens of milliseconds, a breaker that half-opens after a second). Nothing there is shared or remote to protect.
 */
export function sandboxResilience(defaults: ResilienceDefaults): ResilienceConfig {
  const config = resilienceFrom(defaults);
  return { ...config, retry: { ...config.retry, baseDelayMs: 20, maxDelayMs: 200 }, breaker: { ...config.breaker, resetMs: 1_000 } };
}

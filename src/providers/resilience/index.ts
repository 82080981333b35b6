export { currentCaller, onBehalfOf } from "./attribution";
export { CircuitBreaker, type BreakerOptions, type BreakerState } from "./breaker";
export { systemClock, type Clock } from "./clock";
export { readResilience, resilienceFrom, resilienceVars, sandboxResilience, type ResilienceDefaults } from "./config";
export { FailFastError, outcomeOf, type Outcome } from "./fail-fast";
export { ProviderGuard, type CallOptions, type GuardOptions, type ResilienceConfig } from "./guard";
export type { BreakerHealth, ProviderHealth } from "./health";
export { TokenBucket, type RateLimitOptions } from "./rate-limiter";
export { backoffMs, isRetryable, retryDelayMs, withRetry, type RetryPolicy } from "./retry";

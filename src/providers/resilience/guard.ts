import type { Logger } from "../../logger";
import { breakerChanged, ProviderCallTelemetry, throttleObserved } from "../../telemetry/provider-calls";
import { CircuitBreaker, type BreakerOptions } from "./breaker";
import { systemClock, type Clock } from "./clock";
import { failFast, outcomeOf } from "./fail-fast";
import { worstState, type ProviderHealth } from "./health";
import { TokenBucket, type RateLimitOptions } from "./rate-limiter";
import { isRetryable, withRetry, type RetryPolicy } from "./retry";

export interface ResilienceConfig {
  retry: RetryPolicy;
  breaker: BreakerOptions;
  rateLimit: RateLimitOptions;
}

export interface GuardOptions {
  /** The CardProvider name the errors carry. */
  provider: string;
  /** Breaker scopes known up front, so health() lists them before their first call. */
  scopes: readonly string[];
  config: ResilienceConfig;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
}

export interface CallOptions {
  /** True only when sending the call again cannot create a second card (an idempotency key, a GET). */
  repeatable: boolean;
  /** What the call does, for its span: `createCard`, `listCards`… */
  operation?: string;
}

/**
 * One provider's resilience, built once per issuer so its state spans every request: a circuit breaker per scope,
 * one rate limiter, one retry policy. A call runs as retry( breaker( call ) ), and the call itself takes a token from
 * `throttle` right before it sends, so an open breaker costs no token and a retry queues like any other call.
 */
export class ProviderGuard {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly limiter: TokenBucket;
  private readonly clock: Clock;

  constructor(private readonly options: GuardOptions) {
    this.clock = options.clock ?? systemClock;
    this.limiter = new TokenBucket(options.config.rateLimit, this.clock);
    for (const scope of options.scopes) this.breakerFor(scope);
  }

  /** Waits for a rate-limit token, or fails fast with RATE_LIMITED instead of earning the provider's 429. */
  readonly throttle = async (): Promise<void> => {
    const admission = await throttleObserved(this.options.provider, this.limiter.available() < 1, () => this.limiter.take());
    if (admission.ok) return;
    const { perMinute } = this.options.config.rateLimit;
    throw failFast(this.options.provider, "RATE_LIMITED", `over this service's limit of ${perMinute} calls a minute`, admission.waitMs);
  };

  async call<T>(scope: string, call: () => Promise<T>, { repeatable, operation = "call" }: CallOptions): Promise<T> {
    const breaker = this.breakerFor(scope);
    const telemetry = new ProviderCallTelemetry(this.options.provider, operation, repeatable);
    const once = () => telemetry.run(breaker.state, () => breaker.run(call));
    let retryable = false;
    try {
      if (!repeatable) return await once();
      return await withRetry(once, this.options.config.retry, {
        clock: this.clock,
        random: this.options.random,
        onRetry: ({ attempt, delayMs, error }) => {
          telemetry.retried(error.reason, delayMs);
          this.options.logger.warn({ provider: this.options.provider, scope, attempt, delayMs, reason: error.reason }, "retrying a provider call");
        },
      });
    } catch (error) {
      retryable = isRetryable(error);
      throw error;
    } finally {
      telemetry.finished(retryable);
    }
  }

  health(): ProviderHealth {
    const breakers = [...this.breakers].map(([scope, breaker]) => {
      const state = breaker.state;
      const waitMs = breaker.waitMs();
      return {
        scope,
        state,
        consecutiveFailures: breaker.consecutiveFailures,
        ...(state === "open" ? { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : {}),
      };
    });
    const { perMinute, burst } = this.options.config.rateLimit;
    return {
      provider: this.options.provider,
      breaker: worstState(breakers.map((b) => b.state)),
      breakers,
      rateLimit: { perMinute, burst, available: Math.floor(Math.max(0, this.limiter.available())) },
    };
  }

  private breakerFor(scope: string): CircuitBreaker {
    let breaker = this.breakers.get(scope);
    if (breaker) return breaker;
    const { provider, logger } = this.options;
    breaker = new CircuitBreaker(
      this.options.config.breaker,
      {
        classify: outcomeOf,
        rejection: (waitMs) => failFast(provider, "CIRCUIT_OPEN", "too many recent calls failed; not calling it until the circuit half-opens", waitMs),
        onStateChange: (from, to) => {
          breakerChanged(provider, scope, to);
          logger[to === "closed" ? "info" : "warn"]({ provider, scope, from, to }, `provider circuit ${to}`);
        },
      },
      this.clock,
    );
    this.breakers.set(scope, breaker);
    breakerChanged(provider, scope, breaker.state);
    return breaker;
  }
}

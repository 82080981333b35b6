import { context, SpanKind, trace, type Span } from "@opentelemetry/api";
import { breakerState, limiterQueue, limiterRefusals, limiterWait, providerCalls, providerDuration, providerRetries } from "./metrics";
import { markFailed, tracer, withAttempt } from "./spans";

export type BreakerStateName = "closed" | "open" | "halfOpen";
const BREAKER_VALUE: Record<BreakerStateName, number> = { closed: 0, halfOpen: 1, open: 2 };

/** The stable outcome of a provider call: success, rejected (a refusal), or the unavailable reason. */
function outcomeOf(error: unknown): string {
  const extensions = (error as { extensions?: Record<string, unknown> })?.extensions;
  if (extensions?.code === "PROVIDER_REJECTED") return "rejected";
  return String(extensions?.reason ?? "UPSTREAM_ERROR");
}

/**
 * The traces and metrics of one logical provider call (ProviderGuard.call): a span and a metric sample per attempt.
 * An attempt's span stays open until the guard knows whether a retry follows, so it can say so
 * (`cards.provider.retry`: retried; not_needed after a success; gave_up when attempts or time ran out;
 * not_retryable for a refusal or a fail-fast; not_allowed for a call that may not be repeated). The HTTP spans the
 * datasource makes are its children.
 */
export class ProviderCallTelemetry {
  private attempt = 0;
  private open: { span: Span; failed: boolean } | undefined;

  constructor(
    private readonly provider: string,
    private readonly operation: string,
    private readonly repeatable: boolean,
  ) {}

  /** One attempt; `breaker` is the breaker's state as the attempt starts. */
  async run<T>(breaker: BreakerStateName, fn: () => Promise<T>): Promise<T> {
    this.attempt += 1;
    const attempt = this.attempt;
    const started = performance.now();
    const span = tracer.startSpan(`${this.provider} ${this.operation}`, {
      kind: SpanKind.INTERNAL,
      attributes: { "cards.provider": this.provider, "cards.provider.operation": this.operation, "cards.provider.attempt": attempt, "cards.provider.breaker": breaker },
    });
    this.open = { span, failed: false };
    try {
      const result = await context.with(trace.setSpan(context.active(), span), () => withAttempt(attempt, fn));
      this.sample("success", started);
      return result;
    } catch (error) {
      const outcome = outcomeOf(error);
      this.sample(outcome, started);
      this.open.failed = true;
      if (outcome === "CIRCUIT_OPEN") span.setAttribute("cards.provider.breaker", "rejected");
      span.setAttribute("cards.provider.outcome", outcome);
      markFailed(span, error);
      throw error;
    }
  }

  /** The last attempt failed and another follows after `delayMs`. */
  retried(reason: string, delayMs: number): void {
    providerRetries.inc({ provider: this.provider, reason });
    this.close("retried", { "cards.provider.retry_delay_ms": delayMs });
  }

  /** The call is over: ends the last attempt's span. `retryable`: its error was one worth another try. */
  finished(retryable: boolean): void {
    if (!this.open) return;
    if (!this.open.failed) this.close("not_needed");
    else if (!this.repeatable) this.close("not_allowed");
    else this.close(retryable ? "gave_up" : "not_retryable");
  }

  private sample(outcome: string, started: number): void {
    const labels = { provider: this.provider, outcome };
    providerCalls.inc(labels);
    providerDuration.observe(labels, (performance.now() - started) / 1000);
    if (outcome === "success") this.open?.span.setAttribute("cards.provider.outcome", "success");
  }

  private close(retry: string, extra: Record<string, number> = {}): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    open.span.setAttributes({ "cards.provider.retry": retry, ...extra });
    open.span.end();
  }
}

/** The breaker of `provider` for `scope` (a bank connection, or the provider) is now in `state`. */
export function breakerChanged(provider: string, scope: string, state: BreakerStateName): void {
  breakerState.set({ provider, scope }, BREAKER_VALUE[state]);
}

/**
 * Wraps a rate-limiter admission: `queued` says whether the call had to wait for a token (it joined the queue);
 * an admitted call's wait is observed, a refused one counted.
 */
export async function throttleObserved<A extends { ok: boolean; waitedMs?: number }>(provider: string, queued: boolean, take: () => Promise<A>): Promise<A> {
  if (queued) limiterQueue.inc({ provider });
  try {
    const admission = await take();
    if (admission.ok) limiterWait.observe({ provider }, (admission.waitedMs ?? 0) / 1000);
    else limiterRefusals.inc({ provider });
    return admission;
  } finally {
    if (queued) limiterQueue.dec({ provider });
  }
}

import type { IncomingHttpHeaders } from "node:http";
import { context, createContextKey, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

/**
 * Every span this service makes comes from this tracer. Until startTracing registers a provider it hands out
 * non-recording spans, so instrumented code costs next to nothing with tracing off.
 *
 * What spans may carry is fixed here: operation names and types, provider names, route templates, HTTP statuses,
 * reasons and error codes, SQL statement kinds and table names. Never variables, input values, URLs with ids, SQL
 * text or parameters, tokens or card data (test/telemetry/tracing.test.ts checks).
 */
export const tracer = trace.getTracer("cards-subgraph");

/** The attempt number of the provider call in progress, for the HTTP spans made under it. */
const ATTEMPT = createContextKey("cards.provider.attempt");

/**
 * Runs one GraphQL request in a server span that continues the caller's W3C `traceparent` (the router's), so the
 * spans of the store and the providers made while it runs join the router's trace.
 */
export function inRequestSpan<T>(headers: IncomingHttpHeaders, fn: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  return tracer.startActiveSpan("graphql", { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
}

/** Names the request's span after the operation once it is known: `query CardById`, `mutation CreateCard`. */
export function nameOperation(type: string, name: string | null | undefined): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.updateName(name ? `${type} ${name}` : type);
  span.setAttribute("graphql.operation.type", type);
  if (name) span.setAttribute("graphql.operation.name", name);
}

/** Marks the request's span as failed with the response's stable error codes (never their messages). */
export function recordErrorCodes(codes: readonly string[]): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording() || codes.length === 0) return;
  span.setAttribute("cards.error.codes", [...new Set(codes)]);
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes[0] });
}

/** Runs `fn` as provider-call attempt `attempt`: HTTP spans made inside carry the number. */
export function withAttempt<T>(attempt: number, fn: () => T): T {
  return context.with(context.active().setValue(ATTEMPT, attempt), fn);
}

export interface HttpCall {
  provider: string;
  method: string;
  /** The route template, e.g. `/accounts/{id}/cards`: never the URL, whose path holds ids. */
  route: string;
}

/** One HTTP request to a provider, as a client span; the datasource reports the status with recordHttpStatus. */
export function inHttpSpan<T>(call: HttpCall, fn: () => Promise<T>): Promise<T> {
  const attempt = context.active().getValue(ATTEMPT);
  const attributes: Attributes = {
    "cards.provider": call.provider,
    "http.request.method": call.method,
    "url.template": call.route,
    ...(typeof attempt === "number" ? { "cards.provider.attempt": attempt } : {}),
  };
  return tracer.startActiveSpan(`${call.method} ${call.route}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Called where a datasource reads a provider's answer: the status of the HTTP span in progress. */
export function recordHttpStatus(status: number): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.setAttribute("http.response.status_code", status);
  if (status >= 400) span.setAttribute("error.type", String(status));
}

/** The error's class and stable reason or code, never its message (provider messages can echo input). */
export function markFailed(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const extensions = (error as { extensions?: Record<string, unknown> })?.extensions;
  const kind = extensions?.reason ?? extensions?.code ?? (error instanceof Error ? error.name : "Error");
  span.setAttribute("error.type", String(kind));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String(kind) });
}

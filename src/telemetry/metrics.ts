import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics, served by metrics-server.ts. Labels hold only bounded values: operation
 * signatures built from schema field names, provider names, configured breaker scopes, reasons and error codes.
 * Every metric is listed in the README (Operating it → Metrics).
 */
export const registry = new Registry();

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const graphqlRequests = new Counter({
  name: "cards_graphql_requests_total",
  help: "GraphQL requests by operation (type and root fields) and outcome (OK or the first error code).",
  labelNames: ["operation", "outcome"] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: "cards_graphql_request_duration_seconds",
  help: "Time from the request's arrival at GraphQL to its response, by operation and outcome.",
  labelNames: ["operation", "outcome"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const providerCalls = new Counter({
  name: "cards_provider_calls_total",
  help: "Provider call attempts by provider and outcome: success, rejected, or the unavailable reason (TIMEOUT, CIRCUIT_OPEN, ...).",
  labelNames: ["provider", "outcome"] as const,
  registers: [registry],
});

export const providerDuration = new Histogram({
  name: "cards_provider_call_duration_seconds",
  help: "Duration of each provider call attempt, rate-limit wait included, by provider and outcome.",
  labelNames: ["provider", "outcome"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const providerRetries = new Counter({
  name: "cards_provider_retries_total",
  help: "Provider call attempts that were followed by a retry, by provider and the reason of the failed attempt.",
  labelNames: ["provider", "reason"] as const,
  registers: [registry],
});

/** 0 closed, 1 half-open, 2 open. */
export const breakerState = new Gauge({
  name: "cards_provider_breaker_state",
  help: "Circuit-breaker state per provider and scope (a bank connection, or the provider): 0 closed, 1 half-open, 2 open.",
  labelNames: ["provider", "scope"] as const,
  registers: [registry],
});

export const limiterQueue = new Gauge({
  name: "cards_provider_rate_limit_queue_length",
  help: "Provider calls waiting for a rate-limit token now.",
  labelNames: ["provider"] as const,
  registers: [registry],
});

export const limiterWait = new Histogram({
  name: "cards_provider_rate_limit_wait_seconds",
  help: "How long admitted provider calls waited for a rate-limit token (0 for most).",
  labelNames: ["provider"] as const,
  buckets: [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  registers: [registry],
});

export const limiterRefusals = new Counter({
  name: "cards_provider_rate_limit_refusals_total",
  help: "Provider calls refused by the client-side rate limiter (RATE_LIMITED without calling the provider).",
  labelNames: ["provider"] as const,
  registers: [registry],
});

export type IdempotencyOutcome = "new" | "replayed" | "resumed" | "in_progress" | "key_reused";

export const idempotencyOutcomes = new Counter({
  name: "cards_idempotency_outcomes_total",
  help: "createCard requests by what their idempotency key found: new, replayed, resumed, in_progress, key_reused.",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export interface StoreGauges {
  pendingAttempts(): Promise<{ count: number; oldestAgeSeconds: number }>;
  pool(): { total: number; idle: number; waiting: number };
}

let store: StoreGauges | undefined;

/** The store the collect-time gauges read (one per process: the app's). */
export function observeStore(source: StoreGauges | undefined): void {
  store = source;
}

/** Both read with one small query per scrape, never on a request's path. */
let pending: Promise<{ count: number; oldestAgeSeconds: number }> | undefined;
function readPending(): Promise<{ count: number; oldestAgeSeconds: number }> {
  pending ??= (store ? store.pendingAttempts() : Promise.resolve({ count: 0, oldestAgeSeconds: 0 })).finally(() => {
    pending = undefined;
  });
  return pending;
}

new Gauge({
  name: "cards_idempotency_pending_attempts",
  help: "createCard attempts whose outcome is not yet known (pending in the store), read at scrape time.",
  registers: [registry],
  async collect() {
    this.set((await readPending()).count);
  },
});

new Gauge({
  name: "cards_idempotency_oldest_pending_age_seconds",
  help: "Age of the oldest pending createCard attempt (0 when there is none), read at scrape time.",
  registers: [registry],
  async collect() {
    this.set((await readPending()).oldestAgeSeconds);
  },
});

new Gauge({
  name: "cards_store_pool_connections",
  help: "Store connections by state: total (open), idle, waiting (callers queued for a connection); PGlite has one.",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    if (!store) return;
    const { total, idle, waiting } = store.pool();
    this.set({ state: "total" }, total);
    this.set({ state: "idle" }, idle);
    this.set({ state: "waiting" }, waiting);
  },
});

let defaults = false;

/** Node's own metrics (CPU, memory, event-loop delay, GC), from the first metrics server on. */
export function collectProcessMetrics(): void {
  if (defaults) return;
  defaults = true;
  collectDefaultMetrics({ register: registry });
}

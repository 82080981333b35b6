export { startTracing, tracingEnabled, type Tracing, type TracingOptions } from "./tracing";
export { inRequestSpan, inHttpSpan, recordHttpStatus } from "./spans";
export { telemetryPlugin } from "./graphql-plugin";
export { traceStatement } from "./sql";
export { ProviderCallTelemetry, breakerChanged, throttleObserved } from "./provider-calls";
export { idempotencyOutcomes, observeStore, registry, type IdempotencyOutcome, type StoreGauges } from "./metrics";
export { startMetricsServer, type MetricsServer, type MetricsServerOptions } from "./metrics-server";

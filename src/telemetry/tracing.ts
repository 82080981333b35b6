import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace";
import { samplerFromEnv } from "./sampler";

export interface Tracing {
  /** Exports what is still buffered, then stops; later spans are dropped. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { shutdown: async () => undefined };

/**
 * Tracing is off unless the standard variables ask for OTLP: `OTEL_TRACES_EXPORTER=otlp`, or an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) with no exporter named. `OTEL_SDK_DISABLED=true`
 * and `OTEL_TRACES_EXPORTER=none` keep it off. The exporter reads its own variables (endpoint, headers, timeout).
 */
export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean);
  if (exporters.length > 0) return exporters.includes("otlp");
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** Replaces the OTLP exporter and sends each span as it ends (tests use an in-memory exporter). */
  exporter?: SpanExporter;
}

let started: Tracing | undefined;

/**
 * Registers the process-wide tracer provider, the AsyncLocalStorage context manager and the W3C trace-context
 * propagator (what a federated router sends). Once per process: the spans are made through the global API
 * (`trace.getTracer`), which costs next to nothing while nothing is registered.
 */
export function startTracing(options: TracingOptions = {}): Tracing {
  const env = options.env ?? process.env;
  if (!options.exporter && !tracingEnabled(env)) return OFF;
  if (started) return started;
  const provider = new TracerProvider({
    sampler: samplerFromEnv(env),
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the default name.
    resource: resourceFromAttributes({ "service.name": "cards-subgraph" }).merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor({ exporter: options.exporter }) : new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const tracing: Tracing = {
    async shutdown() {
      await provider.shutdown();
      started = undefined;
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  started = tracing;
  return tracing;
}

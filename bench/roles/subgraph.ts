import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openStore } from "../../src/store";
import { startTracing } from "../../src/telemetry";
import type { Role } from "./role";
import { HOST } from "./role";

export interface SubgraphParams {
  /** Provider, auth and logging variables; nothing is read from this process's own environment. */
  env: Record<string, string>;
}

/** The real subgraph, as `npm start` runs it, counting every SQL statement it sends. */
export async function startSubgraph({ env }: SubgraphParams): Promise<Role> {
  let statements = 0;
  const onQuery = () => statements++;
  // Production refuses to start without DATABASE_URL; a PGlite run measures the same code on an embedded store the
  // bench opens itself, so the URL it gives the configuration check is never used.
  const embedded = env.DATABASE_URL ? undefined : await openStore({ onQuery });
  const config = loadConfig({ ...env, ...(embedded ? { DATABASE_URL: "postgres://bench-embedded-store.invalid/unused" } : {}), PORT: "0", HOST });
  // As `npm start` does: tracing from the OTEL_* variables (the OTLP exporter reads them from the process).
  for (const [name, value] of Object.entries(env)) if (name.startsWith("OTEL_")) process.env[name] = value;
  const tracing = startTracing();
  const app = await startApp(config, { onQuery, store: embedded });
  return {
    info: { url: app.url, sandboxes: app.sandboxes, metricsUrl: app.metricsUrl },
    sqlStatements: () => statements,
    async stop() {
      await app.stop();
      await tracing.shutdown();
      await embedded?.store.close();
    },
  };
}

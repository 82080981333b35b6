import "reflect-metadata";
import { startApp } from "./app";
import { devTokenBanner } from "./auth";
import { loadConfig } from "./config";
import { ConfigError } from "./env";
import { exitOnSignals } from "./http";
import { createLogger } from "./logger";
import { startTracing } from "./telemetry";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Off unless the standard OTEL_* variables ask for an OTLP exporter (see src/telemetry/tracing.ts).
  const tracing = startTracing();
  const app = await startApp(config, { logger });
  console.log(`cards subgraph at ${app.url}${app.sandboxes.length ? ` (sandbox providers: ${app.sandboxes.join(", ")})` : ""}`);
  const banner = devTokenBanner(app.devTokens, app.sandboxCustomers);
  if (banner) console.log(banner);
  exitOnSignals(
    async () => {
      await app.stop();
      await tracing.shutdown();
    },
    config.shutdownGraceMs,
    logger,
  );
}

main().catch((error) => {
  console.error("cards subgraph failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});

import "reflect-metadata";
import { startApp } from "./app";
import { loadConfig } from "./config";
import { ConfigError } from "./env";

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
  const app = await startApp(config);
  console.log(`cards subgraph at ${app.url}${app.sandboxes.length ? ` (sandbox providers: ${app.sandboxes.join(", ")})` : ""}`);
  const shutdown = () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error) => {
  console.error("cards subgraph failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});

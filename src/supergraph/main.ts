import "reflect-metadata";
import { startApp } from "../app";
import { devTokenBanner } from "../auth";
import { loadConfig, type AppConfig } from "../config";
import { ConfigError, EnvReader } from "../env";
import { graphiqlRoutes } from "../graphiql";
import { exitOnSignals } from "../http";
import { createLogger } from "../logger";
import { printSubgraphSdl } from "../schema/build";
import { startSupergraph } from "./index";

// `npm run supergraph`: this subgraph (on a free port, sandbox providers unless configured), the example customers
// subgraph and a gateway composed over both on SUPERGRAPH_PORT, for trying the federated graph locally.

/** The subgraph's settings plus SUPERGRAPH_PORT, with every problem of both reported at once. */
function readSettings(): { config: AppConfig; port: number } {
  const read = new EnvReader(process.env);
  const port = read.int("SUPERGRAPH_PORT", 4000, 0, 65535);
  const problems: string[] = [];
  let config: AppConfig | undefined;
  try {
    // Only the gateway's port is public here; the subgraphs take free ones so `npm start` may run alongside.
    config = loadConfig({ ...process.env, PORT: "0" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...read.problems);
  if (problems.length || !config) throw new ConfigError(problems);
  return { config, port };
}

async function main(): Promise<void> {
  const { config, port } = readSettings();
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, { logger: logger.child({ subgraph: "cards" }) });
  const token = app.devTokens?.customer ?? app.devTokens?.service;
  const supergraph = await startSupergraph({
    cardsUrl: app.url,
    cardsSdl: printSubgraphSdl(),
    port,
    host: config.host,
    logger,
    routerSecret: config.auth.routerSecret,
    routes: [graphiqlRoutes({ devToken: token })],
  }).catch(async (error) => {
    await app.stop();
    throw error;
  });
  console.log(
    [
      `supergraph at ${supergraph.url} (open it in a browser for GraphiQL)`,
      `  cards subgraph      ${app.url}${app.sandboxes.length ? ` (sandbox providers: ${app.sandboxes.join(", ")})` : ""}`,
      `  customers subgraph  ${supergraph.customersUrl}`,
      devTokenBanner(app.devTokens, app.sandboxCustomers) ?? "  Authorization: a bearer token from your AUTH_* issuer",
      `  after a createCard (README), try: { cards(customerId: "cus_ada", first: 5) { edges { node { id last4 spendSummary { totalSpent } customer { name } } } } }`,
    ].join("\n"),
  );
  exitOnSignals(
    async () => {
      await supergraph.stop();
      await app.stop();
    },
    config.shutdownGraceMs,
    logger,
  );
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `supergraph failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

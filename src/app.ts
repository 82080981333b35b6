import { ApolloServer } from "@apollo/server";
import { callerOf, createAuthenticator, devTokens, type DevTokens, type Principal } from "./auth";
import type { AppConfig } from "./config";
import type { Context } from "./context";
import { createCardLoaders } from "./cards/card.loader";
import { CardService, type ConfiguredProvider } from "./cards/card.service";
import { formatError } from "./graphql/format-error";
import { graphiqlRoutes } from "./graphiql";
import { healthRoutes, startHttpServer } from "./http";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { createLifecycle } from "./lifecycle";
import { createWebhooks } from "./webhooks";
import { noStore, shapeErrorResponses, logUnexpectedErrors } from "./graphql/plugins";
import { landingPagePlugin, securityOptions } from "./graphql/security";
import { createLogger, type Logger } from "./logger";
import { CallerLimits } from "./ratelimit";
import { createConsents, type Consents } from "./consents";
import { bankProvider, type BankConfig } from "./providers/bank";
import type { ProviderDefinition } from "./providers/provider";
import { buildCardsSubgraph } from "./schema/build";
import { Reconciler } from "./reconciler";
import { openStore, type OpenedStore, type StoreOptions } from "./store";
import { observeStore, startMetricsServer, telemetryPlugin } from "./telemetry";
import type { SqlCardStore } from "./store/sql-store";

export interface RunningApp {
  url: string;
  /** The Prometheus endpoint, when METRICS_PORT is set. */
  metricsUrl?: string;
  store: SqlCardStore;
  /** Resumes lapsed attempts every RECONCILE_INTERVAL_MS; `stats()` and `onAttempt` for metrics, `runOnce` for tests. */
  reconciler: Reconciler;
  /** Providers that run on their in-process simulator, by provider name. */
  sandboxes: string[];
  /** The simulators' seeded customers, whom the development customer token acts for. */
  sandboxCustomers: string[];
  /** Development tokens when the JWT secret was generated at start (see auth/dev-token.ts). */
  devTokens?: DevTokens;
  /** Runs one pass of the card-state sync now (tests, operators); returns how many cards it read. */
  syncCardsNow(): Promise<number>;
  stop(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  onQuery?: StoreOptions["onQuery"];
  /** An already opened store, which the caller closes (tests share one across apps); otherwise one is opened from the config. */
  store?: OpenedStore;
}

/** What a provider's issuer gets beyond its config (the bank: the consent token source). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ServicesFor = (definition: ProviderDefinition<any, any>, providerConfig: unknown) => unknown;

/** Starts simulators for unconfigured providers and builds one issuer per provider. */
async function configureProviders(config: AppConfig, logger: Logger, servicesFor: ServicesFor) {
  const providers: ConfiguredProvider[] = [];
  const stops: Array<() => Promise<void>> = [];
  const sandboxes: string[] = [];
  const sandboxCustomers: string[] = [];
  const webhookSinks = new Map<string, (url: string, token: string) => void>();
  for (const { definition, config: given } of config.providers) {
    let providerConfig = given;
    if (providerConfig === null) {
      const sandbox = await definition.startSandbox();
      stops.push(sandbox.stop);
      sandboxes.push(definition.name);
      sandboxCustomers.push(...sandbox.customers);
      if (sandbox.deliverWebhooks) webhookSinks.set(definition.name, sandbox.deliverWebhooks);
      providerConfig = sandbox.config;
    }
    const issuer = definition.createIssuer(providerConfig, logger.child({ provider: definition.name }), servicesFor(definition, providerConfig));
    if (issuer.close) stops.push(() => issuer.close!());
    providers.push({ definition, issuer });
  }
  return { providers, sandboxes, sandboxCustomers, stops, webhookSinks };
}

export async function startApp(config: AppConfig, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const opened = options.store ?? (await openStore({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, dataDir: config.dataDir, onQuery: options.onQuery }));
  const { store, engine } = opened;
  let consents: Consents | undefined;
  const { providers, sandboxes, sandboxCustomers, stops, webhookSinks } = await configureProviders(config, logger, (definition, providerConfig) => {
    if (definition !== bankProvider) return undefined;
    consents = createConsents(store.db, providerConfig as BankConfig, config.consents, logger);
    return { tokens: consents.tokens };
  });
  if (!consents) throw new Error("the bank provider is not registered");
  const bankConsents = consents;
  bankConsents.poller.start();
  const tokens = await devTokens(config.auth, sandboxCustomers);
  const service = new CardService(store, providers, config.idempotency, logger);
  const lifecycle = createLifecycle(store.db, providers, config.lifecycle, config.idempotency.hashSecret, logger);
  const webhooks = createWebhooks(providers, config.webhookTokens, store.db, lifecycle.service.store, logger);
  const { schema } = buildCardsSubgraph();
  const authenticate = createAuthenticator(config.auth);
  const callerLimits = new CallerLimits(config.callerLimits);

  const server = new ApolloServer<Context>({
    schema,
    formatError,
    ...securityOptions(config.graphql, config.documents),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [telemetryPlugin, callerLimits.plugin(), shapeErrorResponses, noStore, ApolloServerPluginCacheControlDisabled(), logUnexpectedErrors(logger), landingPagePlugin()],
    logger,
  });
  const { url } = await startHttpServer(server, {
    port: config.port,
    host: config.host,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    routes: [
      webhooks.route,
      healthRoutes({ store, providers: providers.map(({ definition, issuer }) => ({ name: definition.name, issuer })), logger }),
      ...(config.graphiql ? [graphiqlRoutes({ devToken: tokens?.customer ?? tokens?.service })] : []),
    ],
    connections: config.connections,
    // Before anything else runs, the body included: a request without a valid token gets 401 and costs no body
    // bytes, parsing or store work.
    authenticate: (req) => authenticate(req.headers),
    context: async ({ authenticated }) => {
      const principal = authenticated as Principal;
      return {
        principal,
        caller: callerOf(principal),
        cards: service,
        callerLimits,
        lifecycle: lifecycle.changes,
        lifecycleService: lifecycle.service,
        consents: bankConsents.service,
        store,
        loaders: createCardLoaders(store),
        logger,
      };
    },
  });
  const reconciler = new Reconciler(store, service, { ...config.reconciler, leaseMs: config.idempotency.leaseMs }, logger.child({ component: "reconciler" }));
  reconciler.start();
  observeStore({ pendingAttempts: () => store.pendingAttempts(), pool: () => opened.poolUsage?.() ?? { total: 0, idle: 0, waiting: 0 } });
  const metrics = config.metrics ? await startMetricsServer({ ...config.metrics, logger }) : undefined;
  webhooks.connect(url, webhookSinks);
  lifecycle.cardSync.start();
  const sweep = setInterval(() => store.sweepExpired().catch((err) => logger.warn({ err }, "sweep failed")), 10 * 60_000);
  sweep.unref();
  logger.info({ url, metricsUrl: metrics?.url, store: engine, sandboxes }, "cards subgraph ready");

  return {
    url,
    metricsUrl: metrics?.url,
    store,
    reconciler,
    sandboxes,
    sandboxCustomers,
    ...(tokens ? { devTokens: tokens } : {}),
    syncCardsNow: () => lifecycle.cardSync.tick(),
    async stop() {
      clearInterval(sweep);
      await metrics?.stop();
      await lifecycle.cardSync.stop();
      await bankConsents.poller.stop();
      await server.stop();
      await reconciler.stop();
      if (!options.store) await store.close();
      for (const stop of stops.reverse()) await stop();
    },
  };
}

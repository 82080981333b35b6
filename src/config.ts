import { readAuthConfig, type AuthConfig } from "./auth/config";
import { EnvReader, ConfigError } from "./env";
import { readConsentConfig, type ConsentConfig } from "./consents/consent.config";
import { readGraphiQLEnabled } from "./graphiql/config";
import { readGraphQLSecurityConfig, type GraphQLSecurityConfig } from "./graphql/config";
import { readDocumentLimits, type DocumentLimits } from "./graphql/document-limits";
import type { ConnectionLimits } from "./http/server";
import { readCallerLimits, type CallerLimitsConfig } from "./ratelimit/config";
import { readLifecycleConfig, type LifecycleConfig } from "./lifecycle/config";
import type { ProviderDefinition } from "./providers/provider";
import { readWebhookTokens } from "./webhooks/config";
import { PROVIDERS } from "./providers/registry";
import { readReconcilerConfig, type ReconcilerConfig } from "./reconciler/config";
import { readMetricsConfig, type MetricsConfig } from "./telemetry/config";

export interface ProviderSetting {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ProviderDefinition<any, any>;
  /** null: no env vars for this provider, so its sandbox simulator is started in-process. */
  config: unknown | null;
}

export interface AppConfig {
  port: number;
  host: string;
  /** GraphQL request bodies above this many bytes are refused with 413. */
  maxBodyBytes: number;
  /** After SIGTERM, how long in-flight requests may finish before their connections are closed. */
  shutdownGraceMs: number;
  logLevel: string;
  production: boolean;
  databaseUrl?: string;
  databaseSchema?: string;
  dataDir?: string;
  idempotency: { hashSecret: string; leaseMs: number; retentionMs: number; waitMs: number; pollMs: number };
  /** Freeze, cancel, controls, refresh, reveal and reconciliation of issued cards. */
  lifecycle: LifecycleConfig;
  /** Each webhook provider's delivery token (SUDO_WEBHOOK_TOKEN), by provider name; generated at start when unset. */
  webhookTokens: Record<string, string | undefined>;
  providers: ProviderSetting[];
  /** Resumes lapsed createCard attempts in the background (src/reconciler). */
  reconciler: ReconcilerConfig;
  auth: AuthConfig;
  graphql: GraphQLSecurityConfig;
  documents: DocumentLimits;
  callerLimits: CallerLimitsConfig;
  /** Socket-level bounds of the HTTP server (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, MAX_CONNECTIONS). */
  connections: ConnectionLimits;
  /** Serve GraphiQL to browsers on GET / (GRAPHIQL). */
  graphiql: boolean;
  /** The Prometheus endpoint's own port (METRICS_PORT); absent when off. */
  metrics?: MetricsConfig;
  /** Bank consent: token encryption keys and the poller's pace (CONSENT_ENCRYPTION_KEYS, BANK_CONSENT_*). */
  consents: ConsentConfig;
}

/** A fixed dev secret keeps request hashes stable across sandbox restarts; production must set its own (and not this). */
export const DEV_HASH_SECRET = "cards-subgraph-development-only";

/** Reads and checks every variable, then reports all problems at once (see the README's configuration table). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const read = new EnvReader(env);
  const production = env.NODE_ENV === "production";
  const config: AppConfig = {
    port: read.int("PORT", 4001, 0, 65535),
    host: read.string("HOST", "127.0.0.1"),
    maxBodyBytes: read.int("MAX_BODY_BYTES", 1_048_576, 1024, 104_857_600),
    shutdownGraceMs: read.int("SHUTDOWN_GRACE_MS", 10_000, 0, 600_000),
    logLevel: read.oneOf("LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace", "silent"], "info"),
    production,
    databaseUrl: read.optional("DATABASE_URL"),
    databaseSchema: read.optional("DATABASE_SCHEMA"),
    dataDir: read.optional("DATA_DIR"),
    idempotency: {
      hashSecret: production ? read.string("IDEMPOTENCY_SECRET") : read.string("IDEMPOTENCY_SECRET", DEV_HASH_SECRET),
      leaseMs: read.int("IDEMPOTENCY_LEASE_MS", 60_000, 100, 3_600_000),
      retentionMs: read.int("IDEMPOTENCY_RETENTION_HOURS", 24, 1, 24 * 365) * 3_600_000,
      waitMs: read.int("IDEMPOTENCY_WAIT_MS", 10_000, 0, 120_000),
      // Waiters are woken by the store (LISTEN/NOTIFY) when an attempt changes; this is only their fallback poll.
      pollMs: read.int("IDEMPOTENCY_POLL_MS", 1_000, 10, 60_000),
    },
    lifecycle: readLifecycleConfig(read),
    webhookTokens: readWebhookTokens(read, production),
    providers: [],
    reconciler: readReconcilerConfig(read),
    auth: readAuthConfig(read, production),
    graphql: readGraphQLSecurityConfig(read, production),
    documents: readDocumentLimits(read),
    callerLimits: readCallerLimits(read),
    connections: {
      headersTimeoutMs: read.int("HTTP_HEADERS_TIMEOUT_MS", 10_000, 100, 120_000),
      requestTimeoutMs: read.int("HTTP_REQUEST_TIMEOUT_MS", 30_000, 100, 600_000),
      maxConnections: read.int("MAX_CONNECTIONS", 1_000, 1, 100_000),
    },
    graphiql: readGraphiQLEnabled(read, production),
    consents: readConsentConfig(read, production),
  };
  read.strongSecretInProduction("IDEMPOTENCY_SECRET", config.idempotency.hashSecret, [DEV_HASH_SECRET]);
  config.metrics = readMetricsConfig(read, config.host, production);
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    read.problems.push("DATABASE_URL must start with postgres:// or postgresql://");
  }
  if (production && !config.databaseUrl) {
    // The embedded store forgets on restart (in memory) or is one process's alone (DATA_DIR): after a crash, or with
    // two replicas, a retried key would reach the provider again and issue a second card.
    read.problems.push("DATABASE_URL is required when NODE_ENV=production: idempotency needs a durable store shared by every replica (PostgreSQL)");
  }
  if (config.databaseSchema && !/^[a-z_][a-z0-9_]*$/.test(config.databaseSchema)) {
    read.problems.push("DATABASE_SCHEMA must be a lower-case SQL identifier");
  }
  for (const definition of PROVIDERS) {
    try {
      const providerConfig = definition.readConfig(env);
      if (providerConfig === null && production) read.problems.push(`${definition.name}: provider settings are required when NODE_ENV=production`);
      config.providers.push({ definition, config: providerConfig });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      read.problems.push(...error.problems);
    }
  }
  read.done();
  return config;
}

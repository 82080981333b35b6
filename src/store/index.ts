import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect, type LogEvent } from "kysely";
import { Pool } from "pg";
import type { Database } from "./db";
import { traceStatement } from "../telemetry/sql";
import { pgAttemptChanges, pgliteAttemptChanges, type AttemptChanges } from "./attempt-changes";
import { migrationProvider } from "./migrations";
import { PGlitePool } from "./pglite-pool";
import { SqlCardStore } from "./sql-store";

export interface StoreOptions {
  /** A PostgreSQL URL; without one the embedded PGlite engine is used. */
  databaseUrl?: string;
  /** PGlite data directory; in memory when absent. Ignored with databaseUrl. */
  dataDir?: string;
  poolSize?: number;
  /** PostgreSQL schema to work in (created if missing); tests use one per suite so they can share a server. */
  schema?: string;
  /** Told when the LISTEN connection for attempt wake-ups fails (it reconnects by itself). */
  onListenError?: (error: unknown) => void;
  /** Called once per SQL statement sent: tests and benchmarks count round trips with it. */
  onQuery?: (event: LogEvent) => void;
}

export interface PoolUsage {
  /** Connections open. */
  total: number;
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

export interface OpenedStore {
  store: SqlCardStore;
  engine: "postgres" | "pglite";
  /** For the metrics: how busy the connection pool is right now (absent for a store opened elsewhere). */
  poolUsage?(): PoolUsage;
}

async function createSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error("schema must be a lower-case SQL identifier");
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } catch (error) {
    // Replicas starting together race in CREATE SCHEMA IF NOT EXISTS, which PostgreSQL does not serialise: the loser
    // fails with a unique violation although the schema now exists (Kysely's Migrator copes the same way).
    const { rowCount } = await pool.query("select 1 from pg_namespace where nspname = $1", [schema]);
    if (!rowCount) throw error;
  } finally {
    await pool.end();
  }
}

interface Engine {
  dialect: PostgresDialect;
  engine: OpenedStore["engine"];
  poolUsage: () => PoolUsage;
  changes: () => Promise<AttemptChanges>;
}

async function dialectFor(options: StoreOptions): Promise<Engine> {
  if (options.databaseUrl) {
    if (options.schema) await createSchema(options.databaseUrl, options.schema);
    const connection = { connectionString: options.databaseUrl, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) };
    const pool = new Pool({ ...connection, max: options.poolSize ?? 10 });
    const poolUsage = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    return { dialect: new PostgresDialect({ pool }), engine: "postgres", poolUsage, changes: () => pgAttemptChanges({ ...connection, onError: options.onListenError }) };
  }
  const db = new PGlite(options.dataDir);
  await db.waitReady;
  const pool = new PGlitePool(db);
  return { dialect: new PostgresDialect({ pool: pool as never }), engine: "pglite", poolUsage: () => pool.usage(), changes: () => pgliteAttemptChanges(db) };
}

/** Opens the store and brings its schema up to date before anything reads it. */
export async function openStore(options: StoreOptions = {}): Promise<OpenedStore> {
  const { dialect, engine, poolUsage, changes } = await dialectFor(options);
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect,
    // Each statement becomes a span of the request that sent it (when tracing is on), and is counted by tests.
    log: onQuery
      ? (event) => {
          traceStatement(event);
          onQuery(event);
        }
      : traceStatement,
  });
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // Each feature owns a name prefix (0002_, 0003_, …) and they land in any order: a database that already ran a
    // later prefix still takes an earlier one that arrived after it (they touch different tables or columns).
    allowUnorderedMigrations: true,
    ...(options.schema && options.databaseUrl ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
  return { store: new SqlCardStore(db, await changes()), engine, poolUsage };
}

import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openStore, type StoreOptions } from "../../src/store";
import type { SqlCardStore } from "../../src/store/sql-store";

/** A fresh store: in-memory PGlite, or a new schema on the PostgreSQL server named by DATABASE_URL. */
export async function openTestStore(options: Omit<StoreOptions, "databaseUrl" | "schema"> = {}) {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = databaseUrl ? `test_${randomBytes(6).toString("hex")}` : undefined;
  return openStore({ ...options, databaseUrl, schema });
}

export const storeEngine = process.env.DATABASE_URL ? "postgres" : "pglite";

export async function truncateAll(store: SqlCardStore): Promise<void> {
  await sql`truncate cards, card_attempts`.execute(store.db);
}

import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

/** One ordered list of migrations for PGlite and PostgreSQL alike, run at start-up. */
const migrations: Record<string, Migration> = {
  "0001_cards_and_attempts": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("cards")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("provider_card_id", "text", (c) => c.notNull())
        .addColumn("customer_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("brand", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("mode", "text")
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("holder_name", "text")
        .addColumn("last4", "text", (c) => c.check(sql`last4 ~ '^[0-9]{4}$'`))
        .addColumn("masked_pan", "text")
        .addColumn("expiry_month", "integer")
        .addColumn("expiry_year", "integer")
        .addColumn("masked_account_number", "text")
        .addColumn("product_id", "text")
        .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("stored_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint("cards_provider_card_unique", ["provider", "provider_card_id"])
        .execute();
      await db.schema.createIndex("cards_customer_newest").on("cards").columns(["customer_id", "created_at desc", "id desc"]).execute();

      await db.schema
        .createTable("card_attempts")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("card_id", "text", (c) => c.notNull().unique())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("customer_id", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('pending', 'succeeded', 'failed')`))
        .addColumn("error", "jsonb")
        .addColumn("lease_until", "timestamptz", (c) => c.notNull())
        .addColumn("lease_token", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("expires_at", "timestamptz", (c) => c.notNull())
        .addPrimaryKeyConstraint("card_attempts_pk", ["scope", "key"])
        .execute();
      await db.schema.createIndex("card_attempts_expiry").on("card_attempts").column("expires_at").execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

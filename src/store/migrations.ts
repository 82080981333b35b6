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
  "0002_attempt_recovery": {
    async up(db: Kysely<unknown>) {
      // The key the provider sees is the attempt's own (see providerIdempotencyKey): a key used again after its
      // retention is a new attempt and must not meet the old attempt's key at the provider. Attempts recorded before
      // keep the key they were sent with, so a resume is still replayed rather than issued again.
      await db.schema.alterTable("card_attempts").addColumn("provider_key", "text").execute();
      await sql`update card_attempts set provider_key = encode(sha256(convert_to(scope || E'\n' || key, 'UTF8')), 'hex')`.execute(db);
      await db.schema.alterTable("card_attempts").alterColumn("provider_key", (c) => c.setNotNull()).execute();
      // What a resume needs without the client: the provider input, sealed (see src/cards/sealed-input.ts), kept only
      // while the attempt is pending.
      await db.schema.alterTable("card_attempts").addColumn("resume_input", "text").execute();
      // The provider's answer when the card could not be written: JSON text (jsonb refuses what text escapes), so a
      // retry or the reconciler records it without asking the provider again.
      await db.schema.alterTable("card_attempts").addColumn("issued_card", "text").execute();
      // An attempt that meets a provider card already stored resolves to that card, so two attempts may share one.
      await sql`alter table card_attempts drop constraint if exists card_attempts_card_id_key`.execute(db);
      await db.schema
        .createIndex("card_attempts_resumable")
        .on("card_attempts")
        .column("lease_until")
        .where(sql<boolean>`state = 'pending'`)
        .execute();
    },
  },
  "0002_attempt_wakeups": {
    async up(db: Kysely<unknown>) {
      // Wakes every process waiting on an attempt (src/cards/attempt-waiters.ts) when it finishes or its lease is
      // released early, instead of each waiter polling. After commit, so a woken waiter reads the new state.
      await sql`
        create or replace function card_attempts_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify('card_attempts', md5(new.scope || chr(10) || new.key));
          return null;
        end
        $$`.execute(db);
      await sql`
        create trigger card_attempts_notify after update on card_attempts for each row
        when (old.state is distinct from new.state or new.lease_until < old.lease_until)
        execute function card_attempts_notify()`.execute(db);
    },
  },
  "0003_bank_consents": {
    // Customer consent at the bank (src/consents). Tokens and the device code are stored only AES-256-GCM encrypted.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("bank_consents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("customer_id", "text", (c) => c.notNull())
        .addColumn("connection_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'REVOKED')`))
        .addColumn("user_code", "text")
        .addColumn("verification_uri", "text")
        .addColumn("verification_uri_complete", "text")
        .addColumn("consent_message", "text")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("sealed_device_code", "text")
        .addColumn("expires_at", "timestamptz", (c) => c.notNull())
        .addColumn("poll_interval_ms", "integer", (c) => c.notNull())
        .addColumn("next_poll_at", "timestamptz", (c) => c.notNull())
        .addColumn("lease_token", "text")
        .addColumn("lease_until", "timestamptz", (c) => c.notNull().defaultTo(sql`'epoch'::timestamptz`))
        .addColumn("sealed_access_token", "text")
        .addColumn("sealed_refresh_token", "text")
        .addColumn("access_expires_at", "timestamptz")
        .addColumn("token_version", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("ended_reason", "text")
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("approved_at", "timestamptz")
        .execute();
      // At most one live consent per customer and connection: starting again returns it instead of asking twice.
      await sql`create unique index bank_consents_one_live on bank_consents (customer_id, connection_id) where status in ('PENDING', 'APPROVED')`.execute(db);
      await db.schema.createIndex("bank_consents_customer").on("bank_consents").columns(["customer_id", "created_at desc"]).execute();
      await sql`create index bank_consents_due on bank_consents (next_poll_at) where status = 'PENDING'`.execute(db);
    },
  },
  "0004_card_lifecycle": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("card_events")
        .addColumn("id", "bigint", (c) => c.generatedAlwaysAsIdentity().primaryKey())
        .addColumn("card_id", "text", (c) => c.notNull())
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status_before", "text")
        .addColumn("status_after", "text")
        .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .execute();
      await db.schema.createIndex("card_events_card_newest").on("card_events").columns(["card_id", "id desc"]).execute();
      // Every issued card's first audit row, written by the database in the statement that stores the card, so no
      // issuing path can skip it. The actor is the caller whose createCard attempt the card belongs to.
      await sql`
        create function card_events_issued() returns trigger language plpgsql as $$
        begin
          insert into card_events (card_id, actor, kind, status_before, status_after, detail)
          values (new.id, coalesce((select scope from card_attempts where card_id = new.id), 'unknown'), 'ISSUED', null, new.status,
                  jsonb_build_object('provider', new.provider));
          return new;
        end $$`.execute(db);
      await sql`create trigger cards_issued after insert on cards for each row execute function card_events_issued()`.execute(db);
      await db.schema
        .createTable("card_sync")
        .addColumn("card_id", "text", (c) => c.primaryKey())
        .addColumn("provider_updated_at", "timestamptz")
        .addColumn("synced_at", "timestamptz")
        .addColumn("check_after", "timestamptz")
        .addColumn("lease_token", "text")
        .addColumn("lease_until", "timestamptz")
        .execute();
      await db.schema.createIndex("card_sync_check_after").on("card_sync").column("check_after").execute();
      await db.schema
        .createTable("card_operations")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("card_id", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('pending', 'succeeded', 'failed')`))
        .addColumn("error", "jsonb")
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("card_operations_pk", ["scope", "key"])
        .execute();
      await db.schema
        .createTable("provider_events")
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("card_id", "text")
        .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
        .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("outcome", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("provider_events_pk", ["provider", "event_id"])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

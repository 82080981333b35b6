import { sql, type CompiledQuery, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { Card } from "../cards/card.type";
import type { CardRow, CardsTable, Database } from "./db";
import type { AttemptChanges } from "./attempt-changes";
import { isUniqueViolation } from "./errors";
import { cardToRow, issuedCardToJson, rowTimes, rowToAttempt, rowToCard, type JsonCardRow } from "./rows";
import type { Attempt, AttemptTimes, CardPage, CardStore, NewAttempt, StoredError } from "./store";

/** The SQL type of every column a new card row sets (stored_at is the database's). */
const CARD_COLUMN_TYPES = {
  id: "text",
  provider: "text",
  provider_card_id: "text",
  customer_id: "text",
  type: "text",
  brand: "text",
  status: "text",
  mode: "text",
  currency: "text",
  holder_name: "text",
  last4: "text",
  masked_pan: "text",
  expiry_month: "integer",
  expiry_year: "integer",
  masked_account_number: "text",
  product_id: "text",
  details: "jsonb",
  created_at: "timestamptz",
} as const satisfies Record<Exclude<keyof CardsTable, "stored_at">, string>;
type CardColumn = keyof typeof CARD_COLUMN_TYPES;
const CARD_COLUMNS = Object.keys(CARD_COLUMN_TYPES) as CardColumn[];

/** Lease and retention times are computed by the database clock, so replicas with skewed clocks agree. */
const fromNow = (ms: number): RawBuilder<Date> => sql<Date>`now() + (${String(Math.round(ms))} || ' milliseconds')::interval`;

export class SqlCardStore implements CardStore {
  /**
   * Every read by id (card, _entities, the loaders) is this one statement: built and compiled once, then sent with
   * each request's ids, so a small read pays no query building.
   */
  private readonly cardsById: CompiledQuery<{ card: JsonCardRow }>;

  constructor(
    readonly db: Kysely<Database>,
    private readonly changes?: AttemptChanges,
  ) {
    this.cardsById = this.asJson(db.selectFrom("cards").select(CARD_COLUMNS).where("id", "=", sql<string>`any(${[] as string[]}::text[])`)).compile();
  }

  onAttemptChange(listener: (changeId: string) => void): () => void {
    return this.changes?.subscribe(listener) ?? (() => undefined);
  }

  async beginAttempt(attempt: NewAttempt, times: AttemptTimes): Promise<{ attempt: Attempt; created: boolean }> {
    for (let round = 0; round < 2; round++) {
      const inserted = await this.db
        .insertInto("card_attempts")
        .values({
          scope: attempt.scope,
          key: attempt.key,
          request_hash: attempt.requestHash,
          card_id: attempt.cardId,
          provider: attempt.provider,
          customer_id: attempt.customerId,
          state: "pending",
          error: null,
          lease_token: attempt.leaseToken,
          provider_key: attempt.providerKey,
          resume_input: attempt.resumeInput,
          issued_card: null,
          lease_until: fromNow(times.leaseMs),
          created_at: sql`now()`,
          updated_at: sql`now()`,
          expires_at: fromNow(times.retentionMs),
        })
        .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
        // Only what the database computed: the rest is what we just sent.
        .returning(["lease_until", "created_at", "expires_at"])
        .executeTakeFirst();
      if (inserted) {
        const { leaseUntil, createdAt, expiresAt } = rowTimes(inserted);
        return { attempt: { ...attempt, state: "pending", error: null, issuedCard: null, leaseUntil, createdAt, expiresAt }, created: true };
      }
      // A key past its retention is forgotten, as Stripe does: delete it and start afresh.
      const expired = await this.db
        .deleteFrom("card_attempts")
        .where("scope", "=", attempt.scope)
        .where("key", "=", attempt.key)
        .where("expires_at", "<", sql<Date>`now()`)
        .executeTakeFirst();
      if (Number(expired.numDeletedRows) === 0) break;
    }
    const existing = await this.getAttempt(attempt.scope, attempt.key);
    if (!existing) throw new Error("attempt vanished between insert and read");
    return { attempt: existing, created: false };
  }

  async claimAttempt(scope: string, key: string, leaseToken: string, leaseMs: number): Promise<Attempt | null> {
    const row = await this.db
      .updateTable("card_attempts")
      .set({ lease_token: leaseToken, lease_until: fromNow(leaseMs), updated_at: sql`now()` })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("state", "=", "pending")
      .where("lease_until", "<=", sql<Date>`now()`)
      .returningAll()
      .executeTakeFirst();
    return row ? rowToAttempt(row) : null;
  }

  async getAttempt(scope: string, key: string): Promise<Attempt | null> {
    const row = await this.db.selectFrom("card_attempts").selectAll().where("scope", "=", scope).where("key", "=", key).executeTakeFirst();
    return row ? rowToAttempt(row) : null;
  }

  /**
   * One statement, so one round trip and one commit: the UPDATE in the CTE claims the outcome only for the lease
   * holder, and the INSERT selects from its result, so the card is stored exactly when the attempt was marked. A
   * failing INSERT (a constraint) fails the whole statement and leaves the attempt pending, as a transaction would.
   */
  async completeAttempt(scope: string, key: string, leaseToken: string, card: Card): Promise<Card | null> {
    try {
      return (await this.insertCompleted(scope, key, leaseToken, card)) ? card : null;
    } catch (error) {
      if (!isUniqueViolation(error, "cards_provider_card_unique")) throw error;
      return this.resolveToStored(scope, key, leaseToken, card);
    }
  }

  private async insertCompleted(scope: string, key: string, leaseToken: string, card: Card): Promise<boolean> {
    const row = cardToRow(card);
    // INSERT … SELECT gives parameters no column types (PostgreSQL would read them as text): cast each one.
    const values = CARD_COLUMNS.map((column) => sql`cast(${row[column]} as ${sql.raw(CARD_COLUMN_TYPES[column])})`.as(column));
    const stored = await this.db
      .with("done", (db) =>
        db
          .updateTable("card_attempts")
          .set({ state: "succeeded", resume_input: null, issued_card: null, updated_at: sql`now()` })
          .where("scope", "=", scope)
          .where("key", "=", key)
          .where("lease_token", "=", leaseToken)
          .where("state", "=", "pending")
          .returning("card_id"),
      )
      .insertInto("cards")
      .columns(CARD_COLUMNS)
      .expression((eb) => eb.selectFrom("done").select(values))
      .returning("id")
      .executeTakeFirst();
    return stored !== undefined;
  }

  /**
   * The provider answered with a card we already hold (its idempotency replayed an earlier attempt's card): the
   * attempt points at that card instead of failing for ever on the unique constraint. Only the same customer's card.
   */
  private async resolveToStored(scope: string, key: string, leaseToken: string, card: Card): Promise<Card | null> {
    const stored = this.db
      .selectFrom("cards")
      .select("id")
      .where("provider", "=", card.provider)
      .where("provider_card_id", "=", card.providerCardId)
      .where(sql<boolean>`cards.customer_id = card_attempts.customer_id`);
    const row = await this.owned(scope, key, leaseToken)
      .set({ state: "succeeded", card_id: sql`coalesce((${stored}), card_id)`, resume_input: null, issued_card: null, updated_at: sql`now()` })
      .where(({ exists }) => exists(stored))
      .returning("card_id")
      .executeTakeFirst();
    if (!row) {
      const attempt = await this.getAttempt(scope, key);
      if (attempt?.state === "pending" && attempt.leaseToken === leaseToken) {
        throw new Error(`provider card ${card.provider}/${card.providerCardId} is already stored for another customer`);
      }
      return null;
    }
    return (await this.findCards([row.card_id])).get(row.card_id) ?? null;
  }

  async keepIssuedCard(scope: string, key: string, leaseToken: string, card: Card): Promise<boolean> {
    const result = await this.owned(scope, key, leaseToken)
      .set({ issued_card: issuedCardToJson(card), lease_until: sql`now()`, updated_at: sql`now()` })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async claimResumable(leaseToken: string, leaseMs: number, limit: number, providers: readonly string[]): Promise<Attempt[]> {
    if (providers.length === 0) return [];
    // SKIP LOCKED: replicas ticking together each take different attempts instead of queueing on the same rows.
    const lapsed = this.db
      .selectFrom("card_attempts")
      .select(["scope", "key"])
      .where("state", "=", "pending")
      .where("lease_until", "<=", sql<Date>`now()`)
      .where("provider", "=", sql<string>`any(${[...providers]}::text[])`)
      .where((eb) => eb.or([eb("resume_input", "is not", null), eb("issued_card", "is not", null)]))
      .orderBy("lease_until")
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const rows = await this.db
      .updateTable("card_attempts")
      .set({ lease_token: leaseToken, lease_until: fromNow(leaseMs), updated_at: sql`now()` })
      .where(sql<boolean>`(scope, key) in (${lapsed})`)
      .where("state", "=", "pending")
      .where("lease_until", "<=", sql<Date>`now()`)
      .returningAll()
      .execute();
    return rows.map(rowToAttempt);
  }

  async failAttempt(scope: string, key: string, leaseToken: string, error: StoredError): Promise<boolean> {
    const result = await this.owned(scope, key, leaseToken)
      .set({ state: "failed", error: JSON.stringify(error), resume_input: null, issued_card: null, updated_at: sql`now()` })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async releaseAttempt(scope: string, key: string, leaseToken: string, afterMs: number): Promise<void> {
    await this.owned(scope, key, leaseToken).set({ lease_until: fromNow(afterMs), updated_at: sql`now()` }).execute();
  }

  /** An UPDATE of the attempt, if `leaseToken` still owns it and it is pending: how every outcome is written. */
  private owned(scope: string, key: string, leaseToken: string) {
    return this.db
      .updateTable("card_attempts")
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("lease_token", "=", leaseToken)
      .where("state", "=", "pending");
  }

  async sweepExpired(): Promise<number> {
    // A pending attempt is kept past retention: its card may exist at the provider and must still be recoverable.
    const result = await this.db
      .deleteFrom("card_attempts")
      .where("expires_at", "<", sql<Date>`now()`)
      .where("state", "<>", "pending")
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async findCards(ids: readonly string[]): Promise<Map<string, Card>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.executeQuery<{ card: JsonCardRow }>({ ...this.cardsById, parameters: [[...ids]] });
    return new Map(rows.map(({ card }) => [card.id, rowToCard(card)]));
  }

  async listCustomerCards(customerId: string, first: number, after: { createdAt: Date; id: string } | null): Promise<CardPage> {
    let query = this.db.selectFrom("cards").select(CARD_COLUMNS).where("customer_id", "=", customerId);
    if (after) {
      query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`);
    }
    query = query.orderBy("created_at", "desc").orderBy("id", "desc").limit(first + 1);
    const rows = await this.asJson(query).orderBy("c.created_at", "desc").orderBy("c.id", "desc").execute();
    return { cards: rows.slice(0, first).map(({ card }) => rowToCard(card)), hasNextPage: rows.length > first };
  }

  async listCardsForCustomers(customerIds: readonly string[], first: number): Promise<Map<string, CardPage>> {
    const pages = new Map<string, CardPage>(customerIds.map((id) => [id, { cards: [], hasNextPage: false }]));
    if (customerIds.length === 0) return pages;
    const ranked = this.db
      .selectFrom("cards")
      .select(CARD_COLUMNS)
      .select(sql<number>`row_number() over (partition by customer_id order by created_at desc, id desc)`.as("rank"))
      .where("customer_id", "=", sql<string>`any(${[...customerIds]}::text[])`)
      .as("ranked");
    const rows = await this.db
      .selectFrom(ranked)
      .select(["rank", sql<JsonCardRow>`row_to_json(ranked)`.as("card")])
      .where("rank", "<=", first + 1)
      .orderBy("customer_id")
      .orderBy("rank")
      .execute();
    for (const { rank, card } of rows) {
      const page = pages.get(card.customer_id)!;
      if (Number(rank) > first) page.hasNextPage = true;
      else page.cards.push(rowToCard(card));
    }
    return pages;
  }

  /**
   * Each card row as one JSON value. Decoding a row column by column (PGlite's protocol parser in JavaScript, or
   * pg's type parsers) costs about twice the CPU of one JSON.parse per row: a third of a 1,000-card read on PGlite.
   */
  private asJson(cards: SelectQueryBuilder<Database, "cards", Pick<CardRow, CardColumn>>) {
    return this.db.selectFrom(cards.as("c")).select(sql<JsonCardRow>`row_to_json(c)`.as("card"));
  }

  /** For the metrics: how many attempts have no known outcome, and how old the oldest is (database clock). */
  async pendingAttempts(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const row = await this.db
      .selectFrom("card_attempts")
      .select([sql<string>`count(*)`.as("count"), sql<number | null>`extract(epoch from now() - min(created_at))::float8`.as("age")])
      .where("state", "=", "pending")
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldestAgeSeconds: Math.max(0, Number(row.age ?? 0)) };
  }

  /** One round trip to the database, for the readiness check. Rejects once the store is closed. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.changes?.close();
    await this.db.destroy();
  }
}

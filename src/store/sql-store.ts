import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Card } from "../cards/card.type";
import type { Database } from "./db";
import { cardToRow, rowToAttempt, rowToCard } from "./rows";
import type { Attempt, AttemptTimes, CardPage, CardStore, NewAttempt, StoredError } from "./store";

/** Lease and retention times are computed by the database clock, so replicas with skewed clocks agree. */
const fromNow = (ms: number): RawBuilder<Date> => sql<Date>`now() + (${String(Math.round(ms))} || ' milliseconds')::interval`;

export class SqlCardStore implements CardStore {
  constructor(readonly db: Kysely<Database>) {}

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
          lease_until: fromNow(times.leaseMs),
          created_at: sql`now()`,
          updated_at: sql`now()`,
          expires_at: fromNow(times.retentionMs),
        })
        .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { attempt: rowToAttempt(inserted), created: true };
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

  async completeAttempt(scope: string, key: string, leaseToken: string, card: Card): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const owned = await tx
        .updateTable("card_attempts")
        .set({ state: "succeeded", updated_at: sql`now()` })
        .where("scope", "=", scope)
        .where("key", "=", key)
        .where("lease_token", "=", leaseToken)
        .where("state", "=", "pending")
        .executeTakeFirst();
      if (Number(owned.numUpdatedRows) === 0) return false;
      await tx.insertInto("cards").values(cardToRow(card)).execute();
      return true;
    });
  }

  async failAttempt(scope: string, key: string, leaseToken: string, error: StoredError): Promise<boolean> {
    const result = await this.db
      .updateTable("card_attempts")
      .set({ state: "failed", error: JSON.stringify(error), updated_at: sql`now()` })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("lease_token", "=", leaseToken)
      .where("state", "=", "pending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async releaseAttempt(scope: string, key: string, leaseToken: string, afterMs: number): Promise<void> {
    await this.db
      .updateTable("card_attempts")
      .set({ lease_until: fromNow(afterMs), updated_at: sql`now()` })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("lease_token", "=", leaseToken)
      .where("state", "=", "pending")
      .execute();
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
    const rows = await this.db.selectFrom("cards").selectAll().where("id", "=", sql<string>`any(${[...ids]}::text[])`).execute();
    return new Map(rows.map((row) => [row.id, rowToCard(row)]));
  }

  async listCustomerCards(customerId: string, first: number, after: { createdAt: Date; id: string } | null): Promise<CardPage> {
    let query = this.db.selectFrom("cards").selectAll().where("customer_id", "=", customerId);
    if (after) {
      query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`);
    }
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(first + 1).execute();
    return { cards: rows.slice(0, first).map(rowToCard), hasNextPage: rows.length > first };
  }

  async listCardsForCustomers(customerIds: readonly string[], first: number): Promise<Map<string, CardPage>> {
    const pages = new Map<string, CardPage>(customerIds.map((id) => [id, { cards: [], hasNextPage: false }]));
    if (customerIds.length === 0) return pages;
    const ranked = this.db
      .selectFrom("cards")
      .selectAll()
      .select(sql<number>`row_number() over (partition by customer_id order by created_at desc, id desc)`.as("rank"))
      .where("customer_id", "=", sql<string>`any(${[...customerIds]}::text[])`)
      .as("ranked");
    const rows = await this.db.selectFrom(ranked).selectAll().where("rank", "<=", first + 1).orderBy("customer_id").orderBy("rank").execute();
    for (const row of rows) {
      const page = pages.get(row.customer_id)!;
      if (Number(row.rank) > first) page.hasNextPage = true;
      else page.cards.push(rowToCard(row));
    }
    return pages;
  }

  /** One round trip to the database, for the readiness check. Rejects once the store is closed. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

import { sql, type Kysely } from "kysely";
import type { Card } from "../cards/card.type";
import type { NewCardEvent } from "../audit";
import { AuditStore } from "../audit";
import type { ProviderCardState } from "../providers/provider";
import type { Database } from "../store/db";
import { rowToCard, type JsonCardRow } from "../store/rows";
import type { StoredError } from "../store/store";

const fromNow = (ms: number) => sql<Date>`now() + (${String(Math.round(ms))} || ' milliseconds')::interval`;

export type Operation = { state: "pending" | "succeeded" | "failed"; requestHash: string; cardId: string; error: StoredError | null };

/**
 * The lifecycle's tables (migration 0004): the per-card lease that serialises changes across replicas, what we know
 * of each card at its provider, the idempotency keys of cancel and controls changes. Every state change and its audit
 * row commit together.
 */
export class LifecycleStore {
  readonly audit: AuditStore;

  constructor(private readonly db: Kysely<Database>) {
    this.audit = new AuditStore(db);
  }

  async card(id: string): Promise<Card | null> {
    const row = await this.db
      .selectFrom((db) => db.selectFrom("cards").selectAll().where("id", "=", id).as("c"))
      .select(sql<JsonCardRow>`row_to_json(c)`.as("card"))
      .executeTakeFirst();
    return row ? rowToCard(row.card) : null;
  }

  async cardByProviderId(provider: string, providerCardId: string): Promise<Card | null> {
    const row = await this.db.selectFrom("cards").select("id").where("provider", "=", provider).where("provider_card_id", "=", providerCardId).executeTakeFirst();
    return row ? this.card(row.id) : null;
  }

  /** Takes the card's lease if nobody holds it (or the holder's lapsed). Database time, so replicas agree. */
  async acquireLease(cardId: string, token: string, leaseMs: number): Promise<boolean> {
    const row = await this.db
      .insertInto("card_sync")
      .values({ card_id: cardId, lease_token: token, lease_until: fromNow(leaseMs) })
      .onConflict((oc) =>
        oc
          .column("card_id")
          .doUpdateSet({ lease_token: token, lease_until: fromNow(leaseMs) })
          .where(sql<boolean>`card_sync.lease_until is null or card_sync.lease_until <= now()`),
      )
      .returning("card_id")
      .executeTakeFirst();
    return row !== undefined;
  }

  async releaseLease(cardId: string, token: string): Promise<void> {
    await this.db.updateTable("card_sync").set({ lease_token: null, lease_until: null }).where("card_id", "=", cardId).where("lease_token", "=", token).execute();
  }

  /**
   * Stores what the provider says the card is now, with its audit row, unless we already hold a newer state (by the
   * provider's own clock). Returns the stored card, or null when the state was older and nothing changed.
   */
  async applyState(card: Card, state: ProviderCardState, event: NewCardEvent | null, options: { read: boolean }): Promise<Card | null> {
    return this.db.transaction().execute(async (trx) => {
      const sync = await trx.selectFrom("card_sync").select("provider_updated_at").where("card_id", "=", card.id).forUpdate().executeTakeFirst();
      const known = sync?.provider_updated_at ? new Date(sync.provider_updated_at) : null;
      if (known && state.updatedAt && state.updatedAt < known) return null;
      const current = await trx.selectFrom("cards").select(["status", "details"]).where("id", "=", card.id).forUpdate().executeTakeFirst();
      if (!current) return null;
      await trx
        .updateTable("cards")
        .set({
          status: state.status,
          details: sql`details || ${JSON.stringify({ spendingControls: state.spendingControls ?? null, metadata: state.metadata ?? null })}::jsonb`,
        })
        .where("id", "=", card.id)
        .execute();
      const at = state.updatedAt ?? known;
      await trx
        .insertInto("card_sync")
        .values({ card_id: card.id, provider_updated_at: at, synced_at: options.read ? sql`now()` : null, check_after: null })
        .onConflict((oc) =>
          oc.column("card_id").doUpdateSet({
            provider_updated_at: at,
            check_after: null,
            ...(options.read ? { synced_at: sql`now()` } : {}),
          }),
        )
        .execute();
      if (event) await this.audit.record({ ...event, statusBefore: current.status }, trx);
      return { ...card, status: state.status, spendingControls: state.spendingControls, metadata: state.metadata } as Card;
    });
  }

  /** An outcome we could not confirm: the card sync reads the card again at or after `afterMs` from now. */
  async checkLater(cardId: string, afterMs: number): Promise<void> {
    await this.db
      .insertInto("card_sync")
      .values({ card_id: cardId, check_after: fromNow(afterMs) })
      .onConflict((oc) => oc.column("card_id").doUpdateSet({ check_after: fromNow(afterMs) }))
      .execute();
  }

  /**
   * Cards whose provider state may have moved: an unconfirmed change that is due, or not read for `staleMs`. Canceled
   * cards are final and never read again. At most `limit`, most urgent first.
   */
  async dueForSync(providers: readonly string[], limit: number, staleMs: number): Promise<string[]> {
    if (providers.length === 0) return [];
    const rows = await this.db
      .selectFrom("cards as c")
      .leftJoin("card_sync as s", "s.card_id", "c.id")
      .select("c.id")
      .where("c.status", "<>", "CANCELED")
      .where("c.provider", "=", sql<string>`any(${[...providers]}::text[])`)
      .where((eb) =>
        eb.or([
          eb("s.check_after", "<=", sql<Date>`now()`),
          eb(sql`coalesce(s.synced_at, c.created_at)`, "<", fromNow(-staleMs)),
        ]),
      )
      .orderBy(sql`s.check_after asc nulls last`)
      .orderBy(sql`coalesce(s.synced_at, c.created_at)`)
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async beginOperation(scope: string, key: string, requestHash: string, cardId: string): Promise<Operation | null> {
    const inserted = await this.db
      .insertInto("card_operations")
      .values({ scope, key, request_hash: requestHash, card_id: cardId, state: "pending", error: null, created_at: sql`now()` })
      .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    if (inserted) return null;
    const row = await this.db.selectFrom("card_operations").selectAll().where("scope", "=", scope).where("key", "=", key).executeTakeFirstOrThrow();
    const error = typeof row.error === "string" ? (JSON.parse(row.error) as StoredError) : row.error;
    return { state: row.state, requestHash: row.request_hash, cardId: row.card_id, error };
  }

  async finishOperation(scope: string, key: string, error: StoredError | null): Promise<void> {
    await this.db
      .updateTable("card_operations")
      .set({ state: error ? "failed" : "succeeded", error: error ? JSON.stringify(error) : null })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("state", "=", "pending")
      .execute();
  }
}

import { sql, type Kysely } from "kysely";
import { CardEventKind, providerActor } from "../audit";
import type { LifecycleStore } from "../lifecycle/lifecycle.store";
import type { ProviderEvent } from "../providers/provider";
import type { Database } from "../store/db";

/** What became of a delivery; the answer's body says it, the log line too. */
export type Outcome = "applied" | "duplicate" | "stale" | "unchanged" | "unknown-card" | "recorded";

/**
 * Stores each provider event once (its id is the key, so a redelivery changes nothing) and applies what it says to
 * the card, unless we already hold a newer state. A delivery that crashed before it was applied is still `received`,
 * and its redelivery applies it.
 */
export class WebhookInbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly lifecycle: LifecycleStore,
  ) {}

  async receive(provider: string, event: ProviderEvent): Promise<Outcome> {
    const card = event.providerCardId ? await this.lifecycle.cardByProviderId(provider, event.providerCardId) : null;
    const inserted = await this.db
      .insertInto("provider_events")
      .values({ provider, event_id: event.id, type: event.type, card_id: card?.id ?? null, occurred_at: event.occurredAt, outcome: "received" })
      .onConflict((oc) => oc.columns(["provider", "event_id"]).doNothing())
      .returning("event_id")
      .executeTakeFirst();
    if (!inserted) {
      const seen = await this.db.selectFrom("provider_events").select("outcome").where("provider", "=", provider).where("event_id", "=", event.id).executeTakeFirst();
      if (seen?.outcome !== "received") return "duplicate";
    }
    const outcome = await this.apply(provider, event, card);
    await this.db
      .updateTable("provider_events")
      .set({ outcome })
      .where("provider", "=", provider)
      .where("event_id", "=", event.id)
      .where("outcome", "=", sql<string>`'received'`)
      .execute();
    return outcome;
  }

  private async apply(provider: string, event: ProviderEvent, card: Awaited<ReturnType<LifecycleStore["cardByProviderId"]>>): Promise<Outcome> {
    if (!event.providerCardId || event.status === null) return "recorded";
    if (!card) return "unknown-card";
    const state = { status: event.status, spendingControls: card.spendingControls ?? null, metadata: card.metadata ?? null, updatedAt: event.occurredAt };
    const changed = card.status !== event.status;
    const audit = changed
      ? { cardId: card.id, actor: providerActor(provider), kind: CardEventKind.PROVIDER_EVENT, statusBefore: card.status, statusAfter: event.status, detail: { type: event.type, eventId: event.id } }
      : null;
    const stored = await this.lifecycle.applyState(card, state, audit, { read: false });
    if (!stored) return "stale";
    return changed ? "applied" : "unchanged";
  }
}

import type { Kysely } from "kysely";
import type { CardStatus } from "../cards/card.enums";
import type { Database } from "../store/db";
import type { CardEvent, CardEventKind } from "./audit.types";

export interface NewCardEvent {
  cardId: string;
  actor: string;
  kind: CardEventKind;
  statusBefore: CardStatus | string | null;
  statusAfter: CardStatus | string | null;
  /** Names and reasons only: callers must never put card data or a token here. */
  detail?: Record<string, unknown>;
}

/** Actors that are not callers. */
export const SYSTEM_CARD_SYNC = "system:card-sync";
export const providerActor = (provider: string) => `provider:${provider}`;

/** The audit trail: append-only rows in card_events, read newest first by the id the database assigns. */
export class AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(event: NewCardEvent, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .insertInto("card_events")
      .values({
        card_id: event.cardId,
        actor: event.actor,
        kind: event.kind,
        status_before: event.statusBefore,
        status_after: event.statusAfter,
        detail: JSON.stringify(event.detail ?? {}),
      })
      .execute();
  }

  /** Newest first; `before` is the id of the last event of the previous page. */
  async list(cardId: string, first: number, before: string | null): Promise<{ events: CardEvent[]; hasNextPage: boolean }> {
    let query = this.db.selectFrom("card_events").selectAll().where("card_id", "=", cardId);
    if (before !== null) query = query.where("id", "<", before);
    const rows = await query.orderBy("id", "desc").limit(first + 1).execute();
    const events = rows.slice(0, first).map((row) => ({
      id: String(row.id),
      at: new Date(row.at),
      actor: row.actor,
      kind: row.kind as CardEventKind,
      statusBefore: row.status_before as CardStatus | null,
      statusAfter: row.status_after as CardStatus | null,
      detail: (typeof row.detail === "string" ? JSON.parse(row.detail) : row.detail) as Record<string, unknown>,
    }));
    return { events, hasNextPage: rows.length > first };
  }
}

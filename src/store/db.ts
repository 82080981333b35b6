import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CardsTable {
  id: string;
  provider: string;
  provider_card_id: string;
  customer_id: string;
  type: string;
  brand: string | null;
  status: string;
  mode: string | null;
  currency: string;
  holder_name: string | null;
  last4: string | null;
  masked_pan: string | null;
  expiry_month: number | null;
  expiry_year: number | null;
  masked_account_number: string | null;
  product_id: string | null;
  /** Address, spending controls, metadata and custom properties: shown as given, never queried by. */
  details: ColumnType<CardDetails, string, string>;
  created_at: Timestamp;
  stored_at: ColumnType<Date, never, never> | Generated<Date>;
}

export interface CardDetails {
  address?: unknown;
  spendingControls?: unknown;
  metadata?: Record<string, unknown> | null;
  customProperties?: unknown;
}

export interface AttemptsTable {
  scope: string;
  key: string;
  request_hash: string;
  card_id: string;
  provider: string;
  customer_id: string;
  state: "pending" | "succeeded" | "failed";
  error: ColumnType<{ message: string; extensions: Record<string, unknown> } | null, string | null, string | null>;
  lease_until: Timestamp;
  lease_token: string;
  /** The idempotency key sent to the provider, derived from the attempt (see providerIdempotencyKey). */
  provider_key: string;
  /** The provider input sealed for a resume without the client (src/cards/sealed-input.ts); null once finished. */
  resume_input: string | null;
  /** The provider's answer as JSON text, kept when the card could not be written; null once the card is stored. */
  issued_card: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

/** The audit trail (src/audit): one row per change of a card, never updated or deleted. */
export interface CardEventsTable {
  id: Generated<string>;
  card_id: string;
  at: ColumnType<Date, never, never> | Generated<Date>;
  /** `${iss}|${sub}` of the caller, `provider:<NAME>` for a provider's own change, `system:reconciler`. */
  actor: string;
  kind: string;
  status_before: string | null;
  status_after: string | null;
  /** What changed (field names, reason, provider event type); never card data or tokens. */
  detail: ColumnType<Record<string, unknown>, string, string>;
}

/** What we know of a card's state at the provider (src/lifecycle), and the per-card lease that serialises changes. */
export interface CardSyncTable {
  card_id: string;
  /** The provider's own time of the state we hold; older events and reads are ignored. */
  provider_updated_at: Timestamp | null;
  /** When we last read the card from the provider. */
  synced_at: Timestamp | null;
  /** A change whose outcome was unknown: reconcile at or after this time. */
  check_after: Timestamp | null;
  lease_token: string | null;
  lease_until: Timestamp | null;
}

/** Idempotency keys of cancelCard and updateCardControls, scoped to the caller like createCard's. */
export interface CardOperationsTable {
  scope: string;
  key: string;
  request_hash: string;
  card_id: string;
  state: "pending" | "succeeded" | "failed";
  error: ColumnType<{ message: string; extensions: Record<string, unknown> } | null, string | null, string | null>;
  created_at: Timestamp;
}

/** Provider webhook deliveries (src/webhooks), one row per event id: a redelivery finds its row and changes nothing. */
export interface ProviderEventsTable {
  provider: string;
  event_id: string;
  type: string;
  card_id: string | null;
  occurred_at: Timestamp;
  received_at: ColumnType<Date, never, never> | Generated<Date>;
  outcome: string;
}

/** src/consents: one row per consent request; token columns hold ciphertext only (consent.cipher.ts). */
export interface BankConsentsTable {
  id: string;
  customer_id: string;
  connection_id: string;
  status: "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "REVOKED";
  user_code: string | null;
  verification_uri: string | null;
  verification_uri_complete: string | null;
  consent_message: string | null;
  scope: string;
  sealed_device_code: string | null;
  expires_at: Timestamp;
  poll_interval_ms: number;
  next_poll_at: Timestamp;
  lease_token: string | null;
  lease_until: ColumnType<Date, Date | string | undefined, Date | string>;
  sealed_access_token: string | null;
  sealed_refresh_token: string | null;
  access_expires_at: NullableTimestamp;
  token_version: ColumnType<number, number | undefined, number>;
  ended_reason: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  approved_at: NullableTimestamp;
}

export interface Database {
  cards: CardsTable;
  card_attempts: AttemptsTable;
  card_events: CardEventsTable;
  card_sync: CardSyncTable;
  card_operations: CardOperationsTable;
  provider_events: ProviderEventsTable;
  bank_consents: BankConsentsTable;
}

export type CardRow = Selectable<CardsTable>;
export type NewCardRow = Insertable<CardsTable>;
export type AttemptRow = Selectable<AttemptsTable>;

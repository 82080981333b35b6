import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

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
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  cards: CardsTable;
  card_attempts: AttemptsTable;
}

export type CardRow = Selectable<CardsTable>;
export type NewCardRow = Insertable<CardsTable>;
export type AttemptRow = Selectable<AttemptsTable>;

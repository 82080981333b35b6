import type { Card } from "../cards/card.type";
import type { Attempt } from "./store";
import type { AttemptRow, CardDetails, CardRow, NewCardRow } from "./db";

/** Only public card fields reach the store: there is no column for a PAN, CVV2, PIN or token (PCI DSS 3.3.1). */
export function cardToRow(card: Card): NewCardRow {
  const details: CardDetails = {
    address: card.address ?? null,
    spendingControls: card.spendingControls ?? null,
    metadata: card.metadata ?? null,
    customProperties: card.customProperties ?? null,
  };
  return {
    id: card.id,
    provider: card.provider,
    provider_card_id: card.providerCardId,
    customer_id: card.customerId,
    type: card.type,
    brand: card.brand ?? null,
    status: card.status,
    mode: card.mode ?? null,
    currency: card.currency,
    holder_name: card.holderName ?? null,
    last4: card.last4 ?? null,
    masked_pan: card.maskedPan ?? null,
    expiry_month: card.expiry?.month ?? null,
    expiry_year: card.expiry?.year ?? null,
    masked_account_number: card.maskedAccountNumber ?? null,
    product_id: card.productId ?? null,
    details: JSON.stringify(details),
    created_at: card.createdAt,
  };
}

/** A card row as `row_to_json` gives it: timestamps as ISO strings, `details` already parsed. */
export type JsonCardRow = Omit<CardRow, "stored_at" | "created_at"> & { created_at: Date | string };

export function rowToCard(row: JsonCardRow): Card {
  const details = (typeof row.details === "string" ? JSON.parse(row.details) : row.details) as CardDetails;
  return {
    id: row.id,
    provider: row.provider,
    providerCardId: row.provider_card_id,
    customerId: row.customer_id,
    type: row.type,
    brand: row.brand,
    status: row.status,
    mode: row.mode,
    currency: row.currency,
    holderName: row.holder_name,
    last4: row.last4,
    maskedPan: row.masked_pan,
    expiry: row.expiry_month !== null && row.expiry_year !== null ? { month: row.expiry_month, year: row.expiry_year } : null,
    maskedAccountNumber: row.masked_account_number,
    productId: row.product_id,
    address: details.address,
    spendingControls: details.spendingControls,
    metadata: details.metadata ?? null,
    customProperties: details.customProperties,
    createdAt: new Date(row.created_at),
  } as Card;
}

export function rowTimes(row: Pick<AttemptRow, "lease_until" | "created_at" | "expires_at">): Pick<Attempt, "leaseUntil" | "createdAt" | "expiresAt"> {
  return { leaseUntil: new Date(row.lease_until), createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) };
}

export function rowToAttempt(row: AttemptRow): Attempt {
  return {
    scope: row.scope,
    key: row.key,
    requestHash: row.request_hash,
    cardId: row.card_id,
    provider: row.provider,
    customerId: row.customer_id,
    state: row.state,
    error: typeof row.error === "string" ? JSON.parse(row.error) : row.error,
    leaseToken: row.lease_token,
    ...rowTimes(row),
    providerKey: row.provider_key,
    resumeInput: row.resume_input,
    issuedCard: row.issued_card === null ? null : issuedCardFromJson(row.issued_card),
  };
}

/** JSON text, not jsonb: JSON.stringify escapes what PostgreSQL cannot hold (NUL), so any answer can be kept. */
export function issuedCardToJson(card: Card): string {
  return JSON.stringify(card);
}

function issuedCardFromJson(text: string): Card {
  const card = JSON.parse(text) as Card & { createdAt: string };
  return { ...card, createdAt: new Date(card.createdAt) };
}

import { CardBrand, CardMode, CardStatus, CardType } from "../../cards/card.enums";
import type { IssuedCard } from "../provider";
import type { BankCardInput } from "./bank.input";
import type { WireAddress, WireCard, WireCreateCardBody, WireCustomProperty } from "./wire";

/** Builds the create-card body. Field order is fixed so a retry under the same idempotency key is byte-identical. */
export function toWireBody(input: BankCardInput, { encryptedPin }: { encryptedPin: string }): WireCreateCardBody {
  const body: WireCreateCardBody = {
    card_status: input.status,
    card_holder_name: input.holderName,
    card_default_pin: encryptedPin,
    card_expiry: { month: String(input.expiry.month).padStart(2, "0"), year: String(input.expiry.year).padStart(4, "0") },
  };
  if (input.productId != null) body.product_id = input.productId;
  if (input.type != null) body.card_type = input.type;
  if (input.mode != null) body.card_mode = input.mode;
  if (input.currency != null) body.card_currency = input.currency;
  if (input.address != null) body.card_address = addressBody(input.address);
  if (input.customProperties != null) {
    body.custom_properties = input.customProperties.map(
      (p) => ({ id: p.id, ...present(p, ["description", "type", "value"]) }) as WireCustomProperty,
    );
  }
  return body;
}

/** Our input accepts any case for the country (ISO codes are case-insensitive); the bank wants upper case. */
function addressBody(address: NonNullable<BankCardInput["address"]>): WireAddress {
  const out = present(address, ["street", "city", "state", "country"]) as WireAddress;
  if (out.country) out.country = out.country.toUpperCase();
  return out;
}

function present<T extends object>(source: T, keys: (keyof T & string)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] != null) out[key] = source[key];
  return out;
}

/**
 * The card as our API shows it. This is the boundary where the PAN, CVV2, PIN and card token are dropped: nothing
 * after this point ever sees them. Fields the bank left out fall back to what we asked for.
 */
export function toIssuedCard(wire: WireCard, input: BankCardInput): IssuedCard {
  const digits = onlyDigits(wire.card_number);
  return {
    providerCardId: String(wire.card_id),
    customerId: input.customerId,
    type: enumValue(CardType, wire.card_type) ?? input.type ?? CardType.OTHER,
    brand: brandOf(wire.card_scheme),
    status: statusOf(wire.card_status) ?? (input.status as string as CardStatus),
    mode: enumValue(CardMode, wire.card_mode) ?? input.mode ?? null,
    currency: text(wire.card_currency)?.toUpperCase() ?? input.currency ?? "NGN",
    holderName: text(wire.card_holder_name) ?? input.holderName,
    last4: digits && digits.length >= 4 ? digits.slice(-4) : null,
    maskedPan: digits && digits.length >= 13 && digits.length <= 19 ? maskPan(digits) : null,
    expiry: expiryOf(wire.card_expiry) ?? { month: input.expiry.month, year: input.expiry.year },
    maskedAccountNumber: maskAccount(text(wire.account_number)),
    productId: text(wire.product_id) ?? input.productId ?? null,
    address: addressOf(wire.card_address),
    spendingControls: null,
    metadata: null,
    customProperties: customPropertiesOf(wire.custom_properties),
    createdAt: null,
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function onlyDigits(value: unknown): string | null {
  const s = text(value);
  return s && /^\d+$/.test(s) ? s : null;
}

function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}${"*".repeat(pan.length - 10)}${pan.slice(-4)}`;
}

function maskAccount(account: string | null): string | null {
  return account === null ? null : `${"*".repeat(Math.max(0, account.length - 4))}${account.slice(-4)}`;
}

function enumValue<E extends Record<string, string>>(e: E, value: unknown): E[keyof E] | null {
  const key = text(value)?.toUpperCase();
  if (!key) return null;
  return (e[key] as E[keyof E] | undefined) ?? ((e as Record<string, string>).OTHER as E[keyof E] | undefined) ?? null;
}

/** The status enum has no OTHER: an unknown value falls back to the status we asked for (the bank created the card). */
function statusOf(value: unknown): CardStatus | null {
  const key = text(value)?.toUpperCase();
  if (key === "CANCELLED") return CardStatus.CANCELED;
  return key && key in CardStatus ? CardStatus[key as keyof typeof CardStatus] : null;
}

function brandOf(scheme: unknown): CardBrand | null {
  const key = text(scheme)?.toUpperCase().replace(/[\s_-]+/g, "");
  if (!key) return null;
  return key in CardBrand ? CardBrand[key as keyof typeof CardBrand] : CardBrand.OTHER;
}

function expiryOf(wire: WireCard["card_expiry"]): { month: number; year: number } | null {
  const month = Number(wire?.month);
  const year = Number(wire?.year);
  const valid = Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(year) && year >= 1000 && year <= 9999;
  return valid ? { month, year } : null;
}

function addressOf(wire: WireCard["card_address"]): IssuedCard["address"] {
  if (!wire || typeof wire !== "object") return null;
  return { street: text(wire.street), city: text(wire.city), state: text(wire.state), country: text(wire.country) };
}

function customPropertiesOf(wire: WireCard["custom_properties"]): IssuedCard["customProperties"] {
  if (!Array.isArray(wire)) return null;
  return wire
    .filter((p) => text(p?.id) !== null)
    .map((p) => ({ id: String(p.id), description: text(p.description), type: text(p.type), value: text(p.value) }));
}

const WIRE_TO_INPUT: Record<string, string> = {
  card_status: "status",
  card_holder_name: "holderName",
  card_default_pin: "defaultPin",
  card_expiry: "expiry",
  product_id: "productId",
  card_type: "type",
  card_mode: "mode",
  card_currency: "currency",
  card_address: "address",
  custom_properties: "customProperties",
};

/**
 * Maps a wire path from the bank's `errors[].field` (`card_expiry.month`, `custom_properties[0].value`) to the
 * matching path in our input (`expiry.month`, `customProperties.0.value`). Undefined for fields we do not send
 * from the input (headers, unknown names).
 */
export function inputPathOf(wireField: string | undefined): string | undefined {
  if (!wireField) return undefined;
  const [head, ...rest] = wireField.replace(/\[(\d+)\]/g, ".$1").split(".");
  const mapped = WIRE_TO_INPUT[head];
  return mapped ? [mapped, ...rest].join(".") : undefined;
}

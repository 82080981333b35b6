import { randomBytes, randomInt } from "node:crypto";
import type { CardScheme } from "./seed";
import { luhnValidPan, randomDigits } from "../pan";

export interface BankCardAddress {
  street?: string;
  city?: string;
  state?: string;
  country?: string;
}

export interface BankCustomProperty {
  id: string;
  description: string;
  type: string;
  value: string;
}

/** A create-card request that passed validation, with `card_expiry` already normalised to wire strings. */
export interface ValidCardRequest {
  card_status: string;
  card_holder_name: string;
  card_default_pin: string;
  card_expiry: { month: string; year: string };
  product_id: string;
  card_type?: string;
  card_mode?: string;
  card_currency?: string;
  card_address?: BankCardAddress;
  custom_properties?: BankCustomProperty[];
}

/** The card object of FACTS A.8, as the sandbox stores and sends it (full PAN and CVV2 included, as the bank does). */
export interface BankSandboxCard {
  card_id: string;
  customer_id: string;
  product_id: string;
  account_number: string;
  card_scheme: CardScheme;
  card_type: string;
  card_mode: string;
  card_status: string;
  card_currency: string;
  card_holder_name: string;
  card_number: string;
  card_cvv2: string;
  card_default_pin: string;
  card_token: string;
  card_expiry: { month: string; year: string };
  card_address: BankCardAddress | null;
  custom_properties: BankCustomProperty[];
}

export interface CardOwner {
  customerId: string;
  accountNumber: string;
}

export function buildCard(request: ValidCardRequest, scheme: CardScheme, owner: CardOwner): BankSandboxCard {
  return {
    card_id: `crd_${randomBytes(8).toString("hex")}`,
    customer_id: owner.customerId,
    product_id: request.product_id,
    account_number: owner.accountNumber,
    card_scheme: scheme,
    card_type: request.card_type ?? "VIRTUAL",
    card_mode: request.card_mode ?? "DEBIT",
    card_status: request.card_status,
    card_currency: request.card_currency ?? "NGN",
    card_holder_name: request.card_holder_name,
    card_number: generatePan(scheme),
    card_cvv2: randomDigits(3),
    card_default_pin: request.card_default_pin,
    card_token: `tok_${randomBytes(12).toString("hex")}`,
    card_expiry: { ...request.card_expiry },
    card_address: request.card_address ? { ...request.card_address } : null,
    custom_properties: (request.custom_properties ?? []).map((p) => ({ ...p })),
  };
}

/** Issuer prefixes per scheme: Visa 4, Mastercard 51-55, Verve 506 (its 5061/5078/6500 ranges all fit 16 digits). */
function binFor(scheme: CardScheme): string {
  if (scheme === "VISA") return "4";
  if (scheme === "MASTERCARD") return `5${randomInt(1, 6)}`;
  return "506";
}

function generatePan(scheme: CardScheme): string {
  return luhnValidPan(binFor(scheme));
}

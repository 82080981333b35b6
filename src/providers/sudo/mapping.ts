import { CardBrand, CardStatus, CardType } from "../../cards/card.enums";
import type { IssuedCard, ProviderCardState } from "../provider";
import { expiryOf, holderNameOf, last4Of, maskedAccountOf, maskedPanOf, spendingControlsOf } from "./card-fields";
import {
  SUDO_CONTRACT,
  WIRE_BRAND,
  WIRE_CURRENCY,
  WIRE_INTERVAL,
  WIRE_ISSUER_COUNTRY,
  WIRE_REPLACEMENT_REASON,
  WIRE_STATUS,
  WIRE_TYPE,
} from "./contract";
import type { SpendingControlsInput } from "./spending-controls.input";
import type { SudoCardInput } from "./sudo.input";
import type { WireCard, WireCreateCardBody, WireSpendingControls } from "./wire";

const RESERVED = SUDO_CONTRACT.reservedMetadataKey;

/** Drops null and undefined members: Sudo gets only the fields the caller set (or that have defaults). */
function compact<T extends object>(value: { [K in keyof T]: T[K] | null | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/**
 * The `POST /cards` body for a validated input. The metadata always carries our card id under the reserved key:
 * Sudo has no idempotency, and that tag is how a resumed attempt finds a card an interrupted call created.
 */
export function toWireBody(input: SudoCardInput, cardId: string): WireCreateCardBody {
  return compact<WireCreateCardBody>({
    customerId: input.customerId,
    type: WIRE_TYPE[input.type],
    brand: input.brand ? WIRE_BRAND[input.brand] : undefined,
    number: input.number,
    currency: WIRE_CURRENCY[input.currency],
    issuerCountry: WIRE_ISSUER_COUNTRY[input.issuerCountry],
    status: WIRE_STATUS[input.status],
    fundingSourceId: input.fundingSourceId,
    debitAccountId: input.debitAccountId,
    amount: input.amount,
    expirationDate: input.expirationDate,
    bankCode: input.bankCode,
    accountNumber: input.accountNumber,
    replacementFor: input.replacementFor,
    replacementReason: input.replacementReason ? WIRE_REPLACEMENT_REASON[input.replacementReason] : undefined,
    metadata: { ...input.metadata, [RESERVED]: cardId },
    spendingControls: input.spendingControls ? spendingControlsToWire(input.spendingControls) : undefined,
    sendPINSMS: input.sendPinSms,
    enable2FA: input.enable2FA,
    programId: input.programId,
  });
}

export function spendingControlsToWire(controls: SpendingControlsInput): WireSpendingControls {
  const { channels } = controls;
  return compact<WireSpendingControls>({
    channels: channels ? compact({ atm: channels.atm, pos: channels.pos, web: channels.web, mobile: channels.mobile }) : undefined,
    allowedCategories: controls.allowedCategories,
    blockedCategories: controls.blockedCategories,
    spendingLimits: controls.spendingLimits?.map((limit) =>
      compact({ amount: limit.amount, interval: WIRE_INTERVAL[limit.interval], categories: limit.categories }),
    ),
  });
}

/**
 * The card as our API shows it. Only IssuedCard fields are built, each from a named wire field, so nothing else
 * Sudo sends (balances, vault data, ids of other records) can reach a client or the store. Fields Sudo left out
 * fall back to what we asked for.
 */
export function toIssuedCard(wire: WireCard, input: SudoCardInput): IssuedCard {
  return {
    providerCardId: wire._id,
    customerId: input.customerId,
    type: enumOf(CardType, wire.type) ?? CardType[input.type],
    brand: brandOf(wire.brand) ?? (input.brand ? CardBrand[input.brand] : null),
    status: statusOf(wire.status) ?? CardStatus[input.status],
    mode: null,
    currency: textOf(wire.currency)?.toUpperCase() ?? input.currency,
    holderName: holderNameOf(wire.customer),
    last4: last4Of(wire.last4, wire.maskedPan),
    maskedPan: maskedPanOf(wire.maskedPan),
    expiry: expiryOf(wire.expiryMonth, wire.expiryYear),
    maskedAccountNumber: maskedAccountOf(wire.account),
    productId: null,
    address: null,
    spendingControls: spendingControlsOf(wire.spendingControls),
    metadata: publicMetadataOf(wire.metadata),
    customProperties: null,
    createdAt: dateOf(wire.createdAt),
  };
}

/** What a GET or PUT says the card is now; a status we cannot read keeps what we knew (never guessed). */
export function toCardState(wire: WireCard, known: CardStatus): ProviderCardState {
  return {
    status: statusOf(wire.status) ?? known,
    spendingControls: spendingControlsOf(wire.spendingControls),
    metadata: publicMetadataOf(wire.metadata),
    updatedAt: dateOf(wire.updatedAt),
  };
}

/**
 * Metadata for `PUT /cards/{id}`, as the JSON string the update documents: the caller's keys plus our reserved tag,
 * which must survive every update or a later recovery could not recognise the card.
 */
export function updateMetadataOf(metadata: Record<string, unknown> | null | undefined, cardId: string): string {
  return JSON.stringify({ ...metadata, [RESERVED]: cardId });
}

/** The card id we tagged the card with, if it is one of ours. */
export function taggedCardIdOf(wire: WireCard): string | undefined {
  const tag = metadataOf(wire.metadata)?.[RESERVED];
  return typeof tag === "string" ? tag : undefined;
}

/** The caller's metadata: the reserved key is ours, so it is stripped; null when nothing else is left. */
function publicMetadataOf(value: WireCard["metadata"]): Record<string, unknown> | null {
  const metadata = metadataOf(value);
  if (!metadata) return null;
  const rest = Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== RESERVED));
  return Object.keys(rest).length ? rest : null;
}

function metadataOf(value: WireCard["metadata"]): Record<string, unknown> | undefined {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function enumOf<E extends Record<string, string>>(e: E, value: unknown): E[keyof E] | undefined {
  const key = textOf(value)?.toUpperCase();
  return key !== undefined && Object.prototype.hasOwnProperty.call(e, key) ? e[key as keyof E] : undefined;
}

/** "MasterCard" -> MASTERCARD, "AfriGo" -> AFRIGO; a scheme we do not know is OTHER. */
function brandOf(value: unknown): CardBrand | undefined {
  if (textOf(value) === undefined) return undefined;
  return enumOf(CardBrand, value) ?? CardBrand.OTHER;
}

/** Sudo spells it "canceled"; accept the British spelling too rather than lose the state. */
function statusOf(value: unknown): CardStatus | undefined {
  return textOf(value)?.toLowerCase() === "cancelled" ? CardStatus.CANCELED : enumOf(CardStatus, value);
}

function dateOf(value: unknown): Date | null {
  const at = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : new Date(at);
}

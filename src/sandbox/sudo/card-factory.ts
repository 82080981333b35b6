import { luhnValidPan } from "../pan";
import { objectId, randomDigits } from "./ids";
import { MONTHS } from "./dto/rules";
import type { SpendingControlsDto } from "./dto/spending-controls.dto";
import type { CardBrandName, CurrencyCode, StoredSpendingControls, StoredSpendingLimit } from "./store";

// Made-up issuer prefixes in each scheme's range (FACTS B.8 shows Verve 506…); AfriGo cards start with 564.
const BINS: Record<CardBrandName, string> = { Verve: "506102", AfriGo: "564101", MasterCard: "531234", Visa: "418791" };
const PAN_LENGTH = 16;
const VALIDITY_YEARS = 3;

/** A Luhn-valid PAN on the brand's BIN. */
export function generatePan(brand: CardBrandName): string {
  return luhnValidPan(BINS[brand], PAN_LENGTH);
}

/** First 6, a star per hidden digit, last 4 (FACTS B.8, e.g. `506321******3531`). */
export function maskPan(pan: string): string {
  return pan.slice(0, 6) + "*".repeat(Math.max(0, pan.length - 10)) + pan.slice(-4);
}

export const generateCvv2 = (): string => randomDigits(3);
export const generatePin = (): string => randomDigits(4);

/** From a Visa `MMM-YYYY` expirationDate, else three years from now. */
export function expiryOf(expirationDate: string | undefined, now: Date): { expiryMonth: string; expiryYear: string } {
  if (expirationDate) {
    const [month, year] = expirationDate.split("-");
    const index = MONTHS.indexOf(month as (typeof MONTHS)[number]);
    return { expiryMonth: String(index + 1).padStart(2, "0"), expiryYear: year };
  }
  return {
    expiryMonth: String(now.getUTCMonth() + 1).padStart(2, "0"),
    expiryYear: String(now.getUTCFullYear() + VALIDITY_YEARS),
  };
}

/**
 * FACTS B.7 defaults. ATM limits apply to the ATM MCCs (6010, 6011); POS/WEB limits to every category. The docs
 * list the USD defaults as 0.00, and the sandbox echoes that as documented.
 */
function defaultLimits(currency: CurrencyCode): StoredSpendingLimit[] {
  const ngn = currency === "NGN";
  const atm = ["6010", "6011"];
  return [
    limit(ngn ? 20_000 : 0, "per_authorization", atm),
    limit(ngn ? 500_000 : 0, "per_authorization", []),
    limit(ngn ? 150_000 : 0, "daily", atm),
    limit(ngn ? 500_000 : 0, "daily", []),
  ];
}

function limit(amount: number, interval: string, categories: string[]): StoredSpendingLimit {
  return { _id: objectId(), amount, interval, categories };
}

/** Stored controls: whatever the request set, and the rest from `base` (or the defaults when there is no base). */
export function buildControls(
  input: SpendingControlsDto | undefined,
  currency: CurrencyCode,
  base?: StoredSpendingControls,
): StoredSpendingControls {
  const set = input?.channels;
  const prior = base?.channels ?? { atm: true, pos: true, web: true, mobile: true };
  // The two category lists are one choice (allow-list or block-list), so a request that sets either replaces both.
  const lists = input?.allowedCategories || input?.blockedCategories ? input : base;
  return {
    _id: base?._id ?? objectId(),
    channels: {
      _id: base?.channels._id ?? objectId(),
      atm: set?.atm ?? prior.atm,
      pos: set?.pos ?? prior.pos,
      web: set?.web ?? prior.web,
      mobile: set?.mobile ?? prior.mobile,
    },
    allowedCategories: lists?.allowedCategories ?? [],
    blockedCategories: lists?.blockedCategories ?? [],
    spendingLimits:
      input?.spendingLimits?.map((l) => limit(l.amount, l.interval, l.categories ?? [])) ?? base?.spendingLimits ?? defaultLimits(currency),
  };
}

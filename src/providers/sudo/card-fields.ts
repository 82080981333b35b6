import { SpendingLimitInterval } from "../../cards/card.enums";
import type { IssuedCard } from "../provider";
import type { WireCard } from "./wire";

// Readers for the wire card's fields that need more than a rename. Each takes one untrusted value and returns
// what our Card may show, or null.

type Controls = NonNullable<IssuedCard["spendingControls"]>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The populated customer's name (FACTS B.8); a bare customer id gives nothing. */
export function holderNameOf(customer: WireCard["customer"]): string | null {
  if (!isObject(customer)) return null;
  const name = textOf(customer.name);
  if (name) return name;
  const individual = isObject(customer.individual) ? customer.individual : {};
  const parts = [textOf(individual.firstName), textOf(individual.lastName)].filter(Boolean);
  return parts.length ? parts.join(" ") : null;
}

export function last4Of(last4: unknown, maskedPan: unknown): string | null {
  const given = textOf(last4);
  if (given && /^\d{4}$/.test(given)) return given;
  return /(\d{4})$/.exec(textOf(maskedPan) ?? "")?.[1] ?? null;
}

/**
 * Re-masks whatever Sudo sent to at most the BIN and the last four digits (the star count varies, FACTS B.8), so
 * even a full PAN sent by mistake never gets through. The BIN is kept only when enough digits remain hidden.
 */
export function maskedPanOf(value: unknown): string | null {
  const pan = textOf(value)?.replace(/[\s-]/g, "");
  if (!pan || !/^[\d*]{10,23}$/.test(pan) || !/\d{4}$/.test(pan)) return null;
  const bin = pan.length >= 13 && /^\d{6}/.test(pan) ? pan.slice(0, 6) : "";
  return `${bin}${"*".repeat(pan.length - bin.length - 4)}${pan.slice(-4)}`;
}

/** "01" and "2027" (or "27": one sample has a two-digit year) to month 1, year 2027. */
export function expiryOf(month: unknown, year: unknown): IssuedCard["expiry"] {
  const m = /^\d{1,2}$/.test(textOf(month) ?? "") ? Number(month) : NaN;
  const y = textOf(year) ?? "";
  const fullYear = /^\d{4}$/.test(y) ? Number(y) : /^\d{2}$/.test(y) ? 2000 + Number(y) : NaN;
  return m >= 1 && m <= 12 && !Number.isNaN(fullYear) ? { month: m, year: fullYear } : null;
}

/** All but the last four digits hidden; only a populated account carries the number. */
export function maskedAccountOf(account: WireCard["account"]): string | null {
  const number = isObject(account) ? textOf(account.accountNumber) : undefined;
  if (!number || number.length < 5) return null;
  return `${"*".repeat(number.length - 4)}${number.slice(-4)}`;
}

export function spendingControlsOf(wire: unknown): Controls | null {
  if (!isObject(wire)) return null;
  return {
    channels: channelsOf(wire.channels),
    allowedCategories: categoriesOf(wire.allowedCategories),
    blockedCategories: categoriesOf(wire.blockedCategories),
    spendingLimits: Array.isArray(wire.spendingLimits) ? wire.spendingLimits.flatMap(limitOf) : [],
  };
}

/** Only a complete set of channel flags is shown; guessing a missing one could claim a channel is blocked. */
function channelsOf(wire: unknown): Controls["channels"] {
  if (!isObject(wire)) return null;
  const { atm, pos, web, mobile } = wire;
  if (typeof atm !== "boolean" || typeof pos !== "boolean" || typeof web !== "boolean" || typeof mobile !== "boolean") return null;
  return { atm, pos, web, mobile };
}

function categoriesOf(wire: unknown): string[] {
  return Array.isArray(wire) ? wire.filter((c): c is string => typeof c === "string") : [];
}

/** A limit whose interval we do not know cannot be shown faithfully, so it is left out. */
function limitOf(wire: unknown): Controls["spendingLimits"] {
  if (!isObject(wire) || typeof wire.amount !== "number" || !Number.isFinite(wire.amount)) return [];
  const interval = textOf(wire.interval)?.toUpperCase();
  const known = Object.values(SpendingLimitInterval).find((value) => value === interval);
  return known ? [{ amount: wire.amount, interval: known, categories: categoriesOf(wire.categories) }] : [];
}

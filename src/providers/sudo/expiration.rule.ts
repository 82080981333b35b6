import { ValidateBy } from "class-validator";
import { SUDO_LIMITS } from "./contract";

// `expirationDate` is `MMM-YYYY` with an upper-case English month (FACTS B.6), e.g. AUG-2027. A card is valid
// through the last day of that month, so the current month is still allowed. Months are counted in UTC.

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const FORMAT = /^([A-Z]{3})-(\d{4})$/;

export const IS_EXPIRATION_DATE = "isExpirationDate";
export const NOT_IN_PAST = "notInPast";
export const MAX_VALIDITY = "maxValidity";

/** Months from `now`'s month to the date's month; undefined when the text is not `MMM-YYYY`. */
export function monthsAhead(value: unknown, now: Date = new Date()): number | undefined {
  const match = typeof value === "string" ? FORMAT.exec(value) : null;
  const month = match ? MONTHS.indexOf(match[1]) : -1;
  if (!match || month < 0) return undefined;
  return Number(match[2]) * 12 + month - (now.getUTCFullYear() * 12 + now.getUTCMonth());
}

/** The inverse of monthsAhead: the `MMM-YYYY` text of the month `offset` months from `now`. */
export function expirationDateIn(offset: number, now: Date = new Date()): string {
  const total = now.getUTCFullYear() * 12 + now.getUTCMonth() + offset;
  return `${MONTHS[((total % 12) + 12) % 12]}-${Math.floor(total / 12)}`;
}

function rule(name: string, validate: (ahead: number | undefined) => boolean, message: string): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: (value: unknown) => validate(monthsAhead(value)), defaultMessage: () => message } });
}

export const IsExpirationDate = () =>
  rule(IS_EXPIRATION_DATE, (ahead) => ahead !== undefined, "$property must be MMM-YYYY with an upper-case month, e.g. AUG-2027");

// A malformed date is reported once, by IsExpirationDate; the window rules pass it.
export const NotInPast = () => rule(NOT_IN_PAST, (ahead) => ahead === undefined || ahead >= 0, "$property must not be in the past");

export const WithinMaxValidity = () =>
  rule(
    MAX_VALIDITY,
    (ahead) => ahead === undefined || ahead <= SUDO_LIMITS.maxValidityMonths,
    `$property must be at most ${SUDO_LIMITS.maxValidityMonths} months ahead`,
  );

import { ValidateBy, type ValidationOptions } from "class-validator";

export const NOT_EXPIRED = "notExpired";

interface MonthYear {
  month?: unknown;
  year?: unknown;
}

/**
 * A card is valid through the last day of its expiry month, so only earlier months are in the past (UTC).
 * A malformed month or year is not "expired": its own field rule reports it.
 */
export function isExpired(expiry: MonthYear, now: Date = new Date()): boolean {
  const { month, year } = expiry;
  if (!isIntIn(month, 1, 12) || !isIntIn(year, 1000, 9999)) return false;
  return year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Checks the month and year together, which no single-field rule can. */
export function IsNotExpired(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: NOT_EXPIRED,
      validator: {
        validate: (value: unknown) => typeof value !== "object" || value === null || !isExpired(value as MonthYear),
        defaultMessage: () => "$property must not be in the past",
      },
    },
    options,
  );
}

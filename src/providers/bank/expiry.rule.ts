import { ValidateBy, type ValidationOptions } from "class-validator";

export const NOT_EXPIRED = "notExpired";

interface MonthYear {
  month?: unknown;
  year?: unknown;
}

/** A card is valid through the last day of its expiry month, so only earlier months are in the past (UTC). */
export function isExpired(expiry: MonthYear, now: Date = new Date()): boolean {
  const { month, year } = expiry;
  if (typeof month !== "number" || typeof year !== "number") return false;
  return year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

/**
 * Checks the month and year together, which no single-field rule can. Malformed parts are left to their own
 * field rules so one mistake is reported once.
 */
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

import { Transform } from "class-transformer";
import { IsObject, ValidateBy, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from "class-validator";

// Cross-field rules of FACTS B.6/B.7/B.10 that class-validator has no built-in decorator for. Each one reads its
// sibling fields from `args.object`; the constraint name becomes the key in the 400 body's `constraints`.

export const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
export const EXPIRATION_DATE = /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-\d{4}$/;
/** FACTS B.6: all cards are valid for at most three years. */
export const MAX_VALIDITY_MONTHS = 36;

const sibling = (args: ValidationArguments, name: string): unknown => (args.object as Record<string, unknown>)[name];

/** Verve and AfriGo are domestic Nigerian schemes, so they only come in NGN. */
@ValidatorConstraint({ name: "brandCurrency" })
export class BrandCurrency implements ValidatorConstraintInterface {
  validate(currency: unknown, args: ValidationArguments): boolean {
    const brand = sibling(args, "brand");
    return !(brand === "Verve" || brand === "AfriGo") || currency === "NGN";
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be NGN for ${String(sibling(args, "brand"))} cards`;
  }
}

/** A physical Visa maps by Card ID; every other brand maps by PAN, so it must look like one. */
@ValidatorConstraint({ name: "isCardNumber" })
export class CardNumberForBrand implements ValidatorConstraintInterface {
  validate(number: unknown, args: ValidationArguments): boolean {
    if (sibling(args, "brand") === "Visa") return typeof number === "string" && number.trim() !== "";
    return typeof number === "string" && /^\d{16,19}$/.test(number);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a 16 to 19 digit card number`;
  }
}

/** MasterCard cards must be funded at issue (at least 1); other brands may start empty. */
@ValidatorConstraint({ name: "min" })
export class FundingAmount implements ValidatorConstraintInterface {
  validate(amount: unknown, args: ValidationArguments): boolean {
    return typeof amount === "number" && amount >= minimumAmount(args);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be less than ${minimumAmount(args)}`;
  }
}

function minimumAmount(args: ValidationArguments): number {
  return sibling(args, "brand") === "MasterCard" ? 1 : 0;
}

@ValidatorConstraint({ name: "visaOnly" })
export class VisaOnly implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return sibling(args, "brand") === "Visa";
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} applies to Visa cards only`;
  }
}

/** The expiry month may be this month at the earliest and 36 months ahead at the latest (UTC). */
@ValidatorConstraint({ name: "expiryWindow" })
export class ExpiryWindow implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // A malformed value is reported by `matches`; reporting it twice would only add noise.
    if (typeof value !== "string" || !EXPIRATION_DATE.test(value)) return true;
    const ahead = monthsAhead(value, new Date());
    return ahead >= 0 && ahead <= MAX_VALIDITY_MONTHS;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be in the past or more than ${MAX_VALIDITY_MONTHS} months ahead`;
  }
}

/** Months from `now`'s month to a `MMM-YYYY` date's month. */
export function monthsAhead(expirationDate: string, now: Date): number {
  const [month, year] = expirationDate.split("-");
  const index = MONTHS.indexOf(month as (typeof MONTHS)[number]);
  return Number(year) * 12 + index - (now.getUTCFullYear() * 12 + now.getUTCMonth());
}

/** FACTS B.7 leaves "both lists" undefined; the sandbox refuses it rather than guess which list wins. */
@ValidatorConstraint({ name: "exclusiveCategories" })
export class ExclusiveCategories implements ValidatorConstraintInterface {
  validate(blocked: unknown, args: ValidationArguments): boolean {
    const allowed = sibling(args, "allowedCategories");
    return !(Array.isArray(blocked) && blocked.length > 0 && Array.isArray(allowed) && allowed.length > 0);
  }

  defaultMessage(): string {
    return "allowedCategories and blockedCategories cannot both be set";
  }
}

/** `metadata` is documented as a JSON string but sent as an object everywhere; accept both. */
function parseMetadata({ value }: { value: unknown }): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Update metadata is a JSON string (FACTS E.2) whose value must be an object, as the card's metadata is. */
export function IsJsonObjectText(): PropertyDecorator {
  return ValidateBy({
    name: "isJsonObject",
    validator: {
      validate: (value: unknown) => {
        const parsed = parseMetadata({ value });
        return typeof value !== "string" || (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed));
      },
      defaultMessage: () => "metadata must be a JSON object encoded as a string",
    },
  });
}

const jsonFields = new WeakMap<object, Set<string>>();

/**
 * A free-form JSON object field (`metadata`): an object, or a string holding one. class-transformer must not walk
 * it: it reads a key `constructor` as the object's class and throws, which answered 500 (see jsonFieldsOf).
 */
export function JsonObjectField(): PropertyDecorator {
  return (target, property) => {
    const fields = jsonFields.get(target.constructor) ?? new Set<string>();
    fields.add(String(property));
    jsonFields.set(target.constructor, fields);
    Transform(parseMetadata)(target, property);
    IsObject()(target, property);
  };
}

/** The JSON object fields of a DTO class: validateDto hands them to class-transformer as JSON text, which it leaves whole. */
export function jsonFieldsOf(cls: object): ReadonlySet<string> {
  return jsonFields.get(cls) ?? new Set();
}

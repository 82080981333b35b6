import { ValidateBy, type ValidationArguments, type ValidationOptions } from "class-validator";

// Generic class-validator decorators for Sudo's conditional rules. A field that is required only in some cases
// cannot use @IsOptional (it would skip the "required" check too) nor the built-in format decorators (they would
// report a missing value a second time), so such fields pair `RequiredWhen` with `IfPresent` rules instead:
// one mistake, one problem.

/** Present means neither undefined nor null, as GraphQL and @IsOptional see it. */
export const isPresent = (value: unknown): boolean => value !== undefined && value !== null;

type Sibling = Record<string, unknown>;

/** Fails when the value is missing and `condition` holds for the object it belongs to. */
export function RequiredWhen(name: string, condition: (object: Sibling) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => isPresent(value) || !condition(args?.object as Sibling),
      defaultMessage: () => message,
    },
  });
}

/** A rule that judges only present values; a missing value is left to the field's presence rule. */
export function IfPresent(
  name: string,
  test: (value: unknown, object: Sibling) => boolean,
  message: string | ((object: Sibling) => string),
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => !isPresent(value) || test(value, args?.object as Sibling),
        defaultMessage: (args?: ValidationArguments) => (typeof message === "string" ? message : message(args?.object as Sibling)),
      },
    },
    options,
  );
}

export const REQUIRED_WITH = "requiredWith";

/** Two fields that only make sense together: each one reports its own absence. */
export function RequiredWith(other: string): PropertyDecorator {
  return RequiredWhen(REQUIRED_WITH, (object) => isPresent(object[other]), `$property is required when ${other} is given`);
}

export const IS_MCC = "isMcc";
const MCC = /^\d{4}$/;

/** FACTS B.7: merchant category codes are 4-digit strings such as "6011". */
export function IsMccList(): PropertyDecorator {
  return ValidateBy({
    name: IS_MCC,
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || value.every((code) => typeof code === "string" && MCC.test(code)),
      defaultMessage: () => "$property must contain only 4-digit merchant category codes",
    },
  });
}

export const EXCLUSIVE_CATEGORIES = "exclusiveCategories";

/** FACTS B.7 does not say which list wins when both are set, so we refuse the combination (as the sandbox does). */
export function ExclusiveWith(other: string): PropertyDecorator {
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  return ValidateBy({
    name: EXCLUSIVE_CATEGORIES,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !(nonEmpty(value) && nonEmpty((args?.object as Sibling)[other])),
      defaultMessage: () => `$property cannot be set together with ${other}; use one list or the other`,
    },
  });
}

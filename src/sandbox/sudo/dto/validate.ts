import { plainToInstance, type ClassConstructor } from "class-transformer";
import { validateSync, type ValidationError } from "class-validator";
import { jsonFieldsOf } from "./rules";

/** One entry of a NestJS ValidationPipe 400 `message` array, as Sudo's clients read it (FACTS B.4). */
export interface NestValidationError {
  property: string;
  children: NestValidationError[];
  constraints?: Record<string, string>;
}

export type Validated<T> = { ok: true; dto: T } | { ok: false; errors: NestValidationError[] };

/**
 * Transforms and validates a plain object the way Nest's ValidationPipe does. Values are left out of the errors on
 * purpose: a physical card's `number` is a PAN and must not be echoed back.
 */
export function validateDto<T extends object>(cls: ClassConstructor<T>, plain: object): Validated<T> {
  const dto = plainToInstance(cls, withJsonFieldsAsText(cls, plain));
  const errors = validateSync(dto, { validationError: { target: false, value: false } });
  return errors.length === 0 ? { ok: true, dto } : { ok: false, errors: errors.map(toNest) };
}

function toNest(error: ValidationError): NestValidationError {
  const out: NestValidationError = { property: error.property, children: (error.children ?? []).map(toNest) };
  if (error.constraints) out.constraints = error.constraints;
  return out;
}

/** JSON object fields as JSON text: class-transformer leaves a string whole, and the field's transform parses it. */
function withJsonFieldsAsText(cls: object, plain: object): object {
  const fields = jsonFieldsOf(cls);
  if (!fields.size) return plain;
  const copy: Record<string, unknown> = { ...plain };
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === "object" && value !== null) copy[field] = JSON.stringify(value);
  }
  return copy;
}

/** `given` treats null like a missing field, as `@IsOptional()` does. */
export const given = (value: unknown): boolean => value !== undefined && value !== null;

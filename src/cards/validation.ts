import { validate, type ValidationError } from "class-validator";
import type { FieldProblem } from "../errors";
import { containsCardNumber } from "../luhn";

/** Flattens class-validator's tree into dotted field paths; values are never copied (they may be PANs or PINs). */
export function toFieldProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field: path, rule, message: message.replace(/^\S+ /, `${path} `) });
    }
    out.push(...toFieldProblems(error.children ?? [], path));
  }
  return out;
}

/** Runs the class-validator rules of an input object; an empty list means it is valid. */
export async function validateInput(input: object, prefix: string): Promise<FieldProblem[]> {
  const errors = await validate(input, {
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return toFieldProblems(errors, prefix);
}

/**
 * C0 controls (NUL included), DEL and C1 controls, and UTF-16 surrogates not in a pair. PostgreSQL cannot store NUL
 * in text or jsonb at all (a card the provider issued would then never reach the registry), and the rest are
 * invisible, rewrite terminals and log viewers, or are not text. Tab, LF and CR are handled by LINE_BREAKS.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LINE_BREAKS = /[\t\n\r]/;

/** The most characters an id argument may have: ours are 29, providers' ids far fewer than this. */
export const MAX_ID_LENGTH = 255;

/**
 * An id a caller sends to look something up (`card(id:)`, `cards(customerId:)`, an `_entities` key): one line of
 * storable text. Anything else cannot name a stored row, and NUL would reach the store as an error.
 */
export function idProblem(id: unknown, field: string): FieldProblem | undefined {
  if (typeof id !== "string" || id === "") return { field, rule: "isId", message: `${field} must be a non-empty string` };
  if (id.length > MAX_ID_LENGTH) return { field, rule: "maxLength", message: `${field} must be at most ${MAX_ID_LENGTH} characters` };
  if (FORBIDDEN.test(id) || LINE_BREAKS.test(id)) return { field, rule: "noControlCharacters", message: `${field} must not contain control characters or unpaired surrogates` };
  return undefined;
}
/** Keys that change an object's prototype or shadow its constructor wherever a provider or a client merges them. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const multiLineFields = new WeakMap<object, Set<string | symbol>>();

/**
 * Marks a field whose text may span lines (tab, LF and CR allowed, in a JSON field in its string values only): prose
 * such as descriptions and notes. Every other string, names, addresses, ids and keys, is one line.
 */
export function AllowsLineBreaks(): PropertyDecorator {
  return (target, property) => {
    const fields = multiLineFields.get(target) ?? new Set();
    fields.add(property);
    multiLineFields.set(target, fields);
  };
}

function allowsLineBreaks(owner: object, property: string): boolean {
  for (let proto = Object.getPrototypeOf(owner); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (multiLineFields.get(proto)?.has(property)) return true;
  }
  return false;
}

/** A JSON scalar's value (graphql-scalars builds objects from literals without a prototype). */
const isJsonObject = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

interface Pending {
  value: unknown;
  /** The path problems are reported at: inside a JSON field it stays the field's own (keys are not echoed). */
  path: string;
  multiLine: boolean;
  inJson: boolean;
}

/**
 * Checks every string of an input, and every key of its JSON fields, at any depth, for what the store cannot hold or
 * a reader should not see. Iterative, so a deeply nested value costs no stack. One problem per field and rule.
 * A card number anywhere in that text (numbers in JSON fields included) is refused too, since it would be stored and
 * returned as it is; `cardNumberFields` are the top-level fields meant to carry one (sent, never stored).
 */
export function textProblems(input: object, prefix: string, cardNumberFields: readonly string[] = []): FieldProblem[] {
  const exempt = new Set(cardNumberFields.map((field) => `${prefix}.${field}`));
  const problems = new Map<string, FieldProblem>();
  const report = (path: string, rule: string, message: string) => {
    if (!problems.has(`${path}\n${rule}`)) problems.set(`${path}\n${rule}`, { field: path, rule, message: `${path} ${message}` });
  };
  const checkText = (text: string, path: string, multiLine: boolean, what: string) => {
    if (FORBIDDEN.test(text)) report(path, "noControlCharacters", `${what}must not contain control characters or unpaired surrogates`);
    else if (!multiLine && LINE_BREAKS.test(text)) report(path, "singleLine", `${what}must be one line, without tabs or line breaks`);
    // The problem names the field, never the value.
    if (!exempt.has(path) && containsCardNumber(text)) report(path, "noCardNumber", `${what ? `${what.trim()}: one ` : ""}looks like a card number; card numbers must not be sent in free text`);
  };
  const stack: Pending[] = [{ value: input, path: prefix, multiLine: false, inJson: false }];
  while (stack.length) {
    const { value, path, multiLine, inJson } = stack.pop()!;
    if (typeof value === "string") {
      checkText(value, path, multiLine, inJson ? "values " : "");
    } else if (inJson && typeof value === "number" && Number.isSafeInteger(value)) {
      checkText(String(value), path, multiLine, "values ");
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: inJson ? path : `${path}.${i}`, multiLine, inJson }));
    } else if (value !== null && typeof value === "object") {
      const json = inJson || isJsonObject(value);
      for (const key of Object.keys(value)) {
        if (json) {
          checkText(key, path, false, "keys ");
          if (PROTOTYPE_KEYS.has(key)) report(path, "noPrototypeKeys", `must not use the key ${key}`);
        }
        const child = (value as Record<string, unknown>)[key];
        stack.push({ value: child, path: json ? path : `${path}.${key}`, multiLine: multiLine || (!json && allowsLineBreaks(value, key)), inJson: json });
      }
    }
  }
  return [...problems.values()];
}

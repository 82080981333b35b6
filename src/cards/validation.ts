import { validate, type ValidationError } from "class-validator";
import type { FieldProblem } from "../errors";

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

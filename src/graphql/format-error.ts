import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { AppError, ErrorCode } from "../errors";

const VARIABLE_ERROR = /^Variable "\$(\w+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; ([\s\S]*)$/;
/** A required variable sent as null or left out: the whole argument is the problem. */
const VARIABLE_MISSING = /^Variable "\$(\w+)" of (?:non-null|required) type "[^"]+" (must not be null|was not provided)\.$/;
const ONE_OF = /OneOf (type|Input Object)|exactly one key/i;
/** Literal-value problems graphql-js reports at validation time: bad input, not a bad query. */
const LITERAL_VALUE = /cannot represent|Expected value of type|was not provided|is not defined by type|OneOf/i;

/** graphql-js echoes offending values in its messages; a PAN or a PIN must not come back in an error. */
export function withoutValues(reason: string): string {
  return reason
    .replace(/(non[- ]\w+ value|value): [\s\S]*$/i, "$1.")
    .replace(/, found [\s\S]*$/i, ".")
    .replace(/Value "[^"]*"/g, "The value")
    .replace(/\d{4,}/g, "****");
}

/**
 * A variable error's field, as `$variable.path`: the plugin in plugins.ts rewrites the variable to the argument it
 * feeds (`$i.bank.defaultPin` → `input.bank.defaultPin`), since only the request's document knows that.
 */
function variableError(message: string): { message: string; field: string } | null {
  const absent = VARIABLE_MISSING.exec(message);
  if (absent) return { message: `$${absent[1]}: ${absent[2] === "was not provided" ? "is required" : "must not be null"}.`, field: `$${absent[1]}` };
  const match = VARIABLE_ERROR.exec(message);
  if (!match) return null;
  const [, variable, at, reason] = match;
  const missing = /^Field "(\w+)" (of required type|is not defined)/.exec(reason);
  // graphql-js writes list items as `limits[0]`; our field paths are dotted throughout (`limits.0`).
  const base = `$${at?.replace(/\[(\d+)\]/g, ".$1") ?? variable}`;
  const field = missing ? `${base}.${missing[1]}` : base;
  const why = ONE_OF.test(reason) ? "exactly one of its fields must be set." : withoutValues(reason);
  return { message: `${field}: ${why}`, field };
}

function inputProblem(formatted: GraphQLFormattedError, extensions: Record<string, unknown>): GraphQLFormattedError {
  return { message: extensions.message as string, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, field: extensions.field } };
}

/**
 * The one place errors are shaped for clients: our own errors pass as they are; graphql-js input errors become
 * BAD_USER_INPUT with a field and without the value; anything unexpected becomes a generic INTERNAL_SERVER_ERROR
 * (logged by the server), so no stack trace, upstream body or secret reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = String(formatted.extensions?.code ?? "");
  if (original instanceof AppError) {
    // `http` (status and headers, e.g. a 401's challenge) is for Apollo to apply, not for the response body.
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED") {
    const variable = variableError(formatted.message);
    if (variable) return inputProblem(formatted, variable);
    if (ONE_OF.test(formatted.message)) {
      return inputProblem(formatted, { message: "input: exactly one of its fields must be set.", field: "input" });
    }
    if (code === "BAD_USER_INPUT" || LITERAL_VALUE.test(formatted.message)) {
      return { message: withoutValues(formatted.message), locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    return { message: withoutValues(formatted.message), locations: formatted.locations, extensions: { code } };
  }
  if (["GRAPHQL_PARSE_FAILED", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "OPERATION_RESOLUTION_FAILURE"].includes(code)) {
    return { message: withoutValues(formatted.message), locations: formatted.locations, extensions: { code } };
  }
  return { message: "Internal server error", path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

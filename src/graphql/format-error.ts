import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ErrorCode } from "../errors";

const OUR_CODES = new Set<string>(Object.values(ErrorCode));

const VARIABLE_ERROR = /^Variable "\$(\w+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; ([\s\S]*)$/;

/** graphql-js echoes the offending value in its messages; a PAN or a PIN must not come back in an error. */
function withoutValues(reason: string): string {
  return reason
    .replace(/(value|found):? [\s\S]*?(?=(\.|;)?$)/i, "$1")
    .replace(/Value "[^"]*"/g, "The value")
    .replace(/\d{4,}/g, "****");
}

/** Turns graphql-js input errors into BAD_USER_INPUT with the offending field path. */
function inputError(message: string): { message: string; field?: string } {
  if (/OneOf Input Object|must specify exactly one key|oneOf/i.test(message)) {
    return { message: "input must set exactly one provider field", field: "input" };
  }
  const match = VARIABLE_ERROR.exec(message);
  if (!match) return { message: withoutValues(message) };
  const [, variable, at, reason] = match;
  const missing = /^Field "(\w+)" of required type/.exec(reason) ?? /^Field "(\w+)" is not defined/.exec(reason);
  const base = at ?? variable;
  const field = missing ? `${base}.${missing[1]}` : base;
  return { message: `${field}: ${withoutValues(reason)}`, field };
}

/**
 * The one place errors are shaped for clients: our own errors pass as they are; graphql-js input errors become
 * BAD_USER_INPUT with a field and without the value; anything unexpected becomes a generic INTERNAL_SERVER_ERROR
 * (logged by the server), so no stack trace, upstream body or secret reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = String(formatted.extensions?.code ?? "");
  if (original instanceof GraphQLError && OUR_CODES.has(String(original.extensions?.code))) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { ...original.extensions } };
  }
  if (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED") {
    const { message, field } = inputError(formatted.message);
    const inputCode = /exactly one/.test(message) ? ErrorCode.BAD_USER_INPUT : code;
    return { message, locations: formatted.locations, extensions: { code: inputCode, ...(field ? { field } : {}) } };
  }
  if (code === "GRAPHQL_PARSE_FAILED" || code === "BAD_REQUEST" || code === "PERSISTED_QUERY_NOT_FOUND" || code === "OPERATION_RESOLUTION_FAILURE") {
    return { message: withoutValues(formatted.message), locations: formatted.locations, extensions: { code } };
  }
  return { message: "Internal server error", path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

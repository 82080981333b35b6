import { GraphQLError, type GraphQLFormattedError } from "graphql";

// @apollo/gateway wraps a subgraph's non-2xx answer in an error whose extensions carry the subgraph's URL, status line
// and body, and a failed fetch in one whose message names the URL. None of that is the client's business: these
// errors say only what kind of failure it was, in words and a code written here.

const BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: "BAD_REQUEST", message: "A subgraph could not accept this request." },
  401: { code: "UNAUTHENTICATED", message: "Authentication required: send a valid bearer token in the Authorization header." },
  403: { code: "FORBIDDEN", message: "This request is not allowed." },
  413: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large." },
  429: { code: "RATE_LIMITED", message: "Too many requests; retry later." },
};
const UNAVAILABLE = { code: "SUBGRAPH_UNAVAILABLE", message: "A subgraph could not answer this request; retry later." };

/** What a client is told about a subgraph's non-2xx answer: a code and a fixed message, plus when to retry. */
export function subgraphStatusError(status: number, retryAfter: string | null): GraphQLError {
  const { code, message } = BY_STATUS[status] ?? (status >= 400 && status < 500 ? BY_STATUS[400] : UNAVAILABLE);
  const seconds = retryAfter !== null && /^\d{1,6}$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  return new GraphQLError(message, { extensions: { code, ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}) } });
}

/** Any other failure to get an answer (refused connection, timeout, a body that is not JSON). */
export function subgraphUnavailableError(): GraphQLError {
  return new GraphQLError(UNAVAILABLE.message, { extensions: { code: UNAVAILABLE.code } });
}

/** Extension keys through which a gateway or library error could carry internals. */
const INTERNAL_EXTENSIONS = ["response", "exception", "stacktrace", "serviceName", "url"];
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** The gateway's formatError: a last line behind the data source, for errors raised elsewhere in the gateway. */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ? { ...formatted.extensions } : undefined;
  for (const key of INTERNAL_EXTENSIONS) if (extensions) delete extensions[key];
  return { ...formatted, message: formatted.message.replace(URL_IN_TEXT, "[subgraph]"), ...(extensions ? { extensions } : {}) };
}

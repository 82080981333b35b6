import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { redactCardTokens } from "./card-token";
import { replaceCardNumbers } from "./luhn";

export type Logger = pino.Logger;

/** Keys whose values are card data, credentials or signatures wherever they appear. */
const SENSITIVE_KEYS = [
  "card_number", "card_cvv2", "card_default_pin", "card_token", "pin", "defaultPin", "cvv2", "cvv", "number", "pan",
  "client_secret", "clientSecret", "apiKey", "x-api-key", "access_token", "accessToken", "refresh_token", "refreshToken",
  "id_token", "authorization", "Authorization", "router-authorization", "proxy-authorization", "cookie", "set-cookie",
  "signature", "password", "secret",
];

/**
 * Structured redaction by pino (fast-redact): the keys at the top of a log object, one level down (`*.pin`) and in
 * request/response headers. Deeper copies are caught by scrubLogLine, which sees the final JSON line.
 */
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS.map((key) => (/^[\w$]+$/.test(key) ? key : `["${key}"]`)),
  ...SENSITIVE_KEYS.map((key) => (/^[\w$]+$/.test(key) ? `*.${key}` : `*["${key}"]`)),
  "*.headers.authorization", "*.headers.signature", "*.headers.cookie", '*.headers["x-api-key"]', '*.headers["router-authorization"]',
];

const CENSOR = "[REDACTED]";
const keyAlternatives = SENSITIVE_KEYS.map((k) => k.replace(/[-_]/g, "[-_]?")).join("|");
/** `"key": value` for a sensitive key at any depth of the line's JSON. */
const SENSITIVE_JSON = new RegExp(`"(${keyAlternatives})"(\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|-?\\d[\\d.eE+-]*)`, "gi");
/**
 * The same inside a string that holds JSON, e.g. an echoed upstream body, escaped once or more
 * (`"message":"{\\"pin\\":\\"1234\\"}"`): the quotes carry the same run of backslashes throughout.
 */
const SENSITIVE_ESCAPED_JSON = new RegExp(`(\\\\+)"(${keyAlternatives})\\1"(\\s*:\\s*)(?:\\1".*?\\1"|-?\\d[\\d.eE+-]*)`, "gi");
/** Three base64url segments starting with `eyJ`: a JWT (callers' tokens, bank access tokens, the Sudo API key). */
const JWT = /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi;

/**
 * The last line of defence, applied to every serialized log line: a sensitive key at any depth loses its value, and
 * JWTs, bearer credentials and Luhn-valid card numbers in free text (messages, error messages, stacks) are masked.
 */
export function scrubLogLine(line: string): string {
  const scrubbed = redactCardTokens(line, CENSOR)
    .replace(SENSITIVE_JSON, (_m, key: string, colon: string) => `"${key}"${colon}"${CENSOR}"`)
    .replace(SENSITIVE_ESCAPED_JSON, (_m, slashes: string, key: string, colon: string) => `${slashes}"${key}${slashes}"${colon}${slashes}"${CENSOR}${slashes}"`)
    .replace(JWT, CENSOR)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${CENSOR}`);
  return replaceCardNumbers(scrubbed, (digits) => `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`);
}

/**
 * Fields added to every line logged while `fn` runs, by whichever logger writes it. The HTTP layer scopes each request
 * with its id, so the service's and the providers' lines (whose loggers are built once per process) carry it too.
 */
const scopedFields = new AsyncLocalStorage<Record<string, unknown>>();

export function withLogFields<T>(fields: Record<string, unknown>, fn: () => T): T {
  return scopedFields.run(fields, fn);
}

/** What pg and PGlite errors carry of the statement's values (holder names, keys, lease tokens): never logged. */
const DATABASE_VALUE_FIELDS = ["params", "parameters", "values", "queryOptions"];

/**
 * pino's error serializer, minus the statement's values: they go, and a `detail` such as `Key (id)=(value) already
 * exists` keeps its columns but loses the values. Causes are serialized the same way.
 */
export function serializeError(error: unknown): unknown {
  const out = pino.stdSerializers.err(error as Error) as unknown;
  // A plain object is passed through as it is: copy it rather than edit the caller's.
  return withoutDatabaseValues(out === error && typeof out === "object" && out !== null ? { ...out } : out, 0);
}

function withoutDatabaseValues(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null || depth > 5) return value;
  const fields = value as Record<string, unknown>;
  for (const name of DATABASE_VALUE_FIELDS) delete fields[name];
  if (typeof fields.detail === "string") fields.detail = fields.detail.replace(/=\(.*\)/s, "=([REDACTED])");
  if (typeof fields.cause === "object" && fields.cause !== null) fields.cause = withoutDatabaseValues({ ...fields.cause }, depth + 1);
  return fields;
}

export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: { streamWrite: scrubLogLine },
      serializers: { err: serializeError },
      base: { service: "cards-subgraph" },
      mixin: () => scopedFields.getStore() ?? {},
    },
    destination,
  );
}

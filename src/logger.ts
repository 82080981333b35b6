import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { isLuhnValid } from "./luhn";

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
/** 13 to 19 digits, possibly grouped by single spaces or dashes, not inside a longer run of digits or letters. */
const PAN_LIKE = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w])/g;

/**
 * The last line of defence, applied to every serialized log line: a sensitive key at any depth loses its value, and
 * JWTs, bearer credentials and Luhn-valid card numbers in free text (messages, error messages, stacks) are masked.
 * A bare 13-digit run is kept: epoch milliseconds look like that, and neither provider issues 13-digit PANs.
 */
export function scrubLogLine(line: string): string {
  return line
    .replace(SENSITIVE_JSON, (_m, key: string, colon: string) => `"${key}"${colon}"${CENSOR}"`)
    .replace(SENSITIVE_ESCAPED_JSON, (_m, slashes: string, key: string, colon: string) => `${slashes}"${key}${slashes}"${colon}${slashes}"${CENSOR}${slashes}"`)
    .replace(JWT, CENSOR)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${CENSOR}`)
    .replace(PAN_LIKE, (run) => {
      const digits = run.replace(/[ -]/g, "");
      if ((digits.length === 13 && digits === run) || !isLuhnValid(digits)) return run;
      return `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
    });
}

/**
 * Fields added to every line logged while `fn` runs, by whichever logger writes it. The HTTP layer scopes each request
 * with its id, so the service's and the providers' lines (whose loggers are built once per process) carry it too.
 */
const scopedFields = new AsyncLocalStorage<Record<string, unknown>>();

export function withLogFields<T>(fields: Record<string, unknown>, fn: () => T): T {
  return scopedFields.run(fields, fn);
}

export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: { streamWrite: scrubLogLine },
      base: { service: "cards-subgraph" },
      mixin: () => scopedFields.getStore() ?? {},
    },
    destination,
  );
}

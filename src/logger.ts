import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

export type Logger = pino.Logger;

/**
 * Card data and secrets must never reach a log line, whatever object a caller hands the logger. These paths cover
 * our own records, provider wire bodies and HTTP headers; tests scan real log output for PANs, CVV2s and PINs.
 */
export const REDACT_PATHS = [
  "*.card_number", "*.card_cvv2", "*.card_default_pin", "*.card_token", "*.pin", "*.defaultPin", "*.cvv2", "*.cvv",
  "*.number", "*.pan", "*.client_secret", "*.clientSecret", "*.apiKey", "*.access_token", "*.accessToken",
  "*.authorization", "*.Authorization", "*.signature", "*.password", "*.secret",
  "*.headers.authorization", "*.headers.signature", "req.headers.authorization", "req.headers.cookie",
];

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
    { level, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" }, base: { service: "cards-subgraph" }, mixin: () => scopedFields.getStore() ?? {} },
    destination,
  );
}

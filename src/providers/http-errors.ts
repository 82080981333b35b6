import { ProviderRejectedError, ProviderUnavailableError } from "../errors";

/** What every provider datasource may throw to the card service. */
export type ProviderError = ProviderRejectedError | ProviderUnavailableError;

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError;
}

/**
 * Classifies what a fetch threw. Only the error's kind is kept: its message can quote the URL, and a cause can
 * carry request details.
 */
export function fromTransportError(provider: string, error: unknown, what: string): ProviderError {
  if (isProviderError(error)) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "AbortError" || name === "TimeoutError") return new ProviderUnavailableError(provider, "TIMEOUT", `${what} timed out`);
  return new ProviderUnavailableError(provider, "NETWORK", `${what} failed: connection error`);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Parses a response body; anything but a JSON object is `undefined` (HTML pages, truncated JSON, arrays). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

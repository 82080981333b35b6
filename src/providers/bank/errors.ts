import {
  ProviderRejectedError,
  ProviderUnavailableError,
  sanitizeProviderText,
  type ProviderErrorDetail,
  type UnavailableReason,
} from "../../errors";

/** The CardProvider enum value; errors name the provider with it. */
export const BANK = "BANK";

export function rejected(code: string, message: unknown, httpStatus?: number, details: ProviderErrorDetail[] = []): ProviderRejectedError {
  const safeCode = sanitizeProviderText(code, 64) || "UNKNOWN";
  return new ProviderRejectedError(BANK, safeCode, sanitizeProviderText(message) || "no reason given", httpStatus, details);
}

export function unavailable(reason: UnavailableReason, detail: string, retryAfterSeconds?: number): ProviderUnavailableError {
  return new ProviderUnavailableError(BANK, reason, detail, retryAfterSeconds);
}

export function isProviderError(error: unknown): error is ProviderRejectedError | ProviderUnavailableError {
  return error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError;
}

/**
 * Classifies what a fetch threw. Only the error's kind is kept: its message can quote the URL, and a cause can
 * carry request details.
 */
export function fromTransportError(error: unknown, what: string): ProviderRejectedError | ProviderUnavailableError {
  if (isProviderError(error)) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === "AbortError" || name === "TimeoutError") return unavailable("TIMEOUT", `${what} timed out`);
  return unavailable("NETWORK", `${what} failed: connection error`);
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

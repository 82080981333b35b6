import {
  ProviderRejectedError,
  ProviderUnavailableError,
  sanitizeProviderText,
  type ProviderErrorDetail,
  type UnavailableReason,
} from "../../errors";

/** The CardProvider enum value; errors name the provider with it. */
export const SUDO = "SUDO";

export type SudoError = ProviderRejectedError | ProviderUnavailableError;

export function rejected(code: string, message: unknown, httpStatus?: number, details: ProviderErrorDetail[] = []): ProviderRejectedError {
  return new ProviderRejectedError(SUDO, code, sanitizeProviderText(message) || "no reason given", httpStatus, details);
}

export function unavailable(reason: UnavailableReason, detail: string, retryAfterSeconds?: number): ProviderUnavailableError {
  return new ProviderUnavailableError(SUDO, reason, detail, retryAfterSeconds);
}

export function isSudoError(error: unknown): error is SudoError {
  return error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError;
}

/**
 * Classifies what a fetch threw. Only the error's kind is kept: its message can quote the URL, and a cause can
 * carry request details.
 */
export function fromTransportError(error: unknown, what: string): SudoError {
  if (isSudoError(error)) return error;
  const name = (error as { name?: unknown } | null)?.name;
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

import { ProviderRejectedError, ProviderUnavailableError, sanitizeProviderText, type ProviderErrorDetail, type UnavailableReason } from "../../errors";
import { fromTransportError as transportError, type ProviderError } from "../http-errors";

export { parseJsonObject, retryAfterSeconds } from "../http-errors";

/** The CardProvider enum value; errors name the provider with it. */
export const BANK = "BANK";

export function rejected(code: string, message: unknown, httpStatus?: number, details: ProviderErrorDetail[] = []): ProviderRejectedError {
  const safeCode = sanitizeProviderText(code, 64) || "UNKNOWN";
  return new ProviderRejectedError(BANK, safeCode, sanitizeProviderText(message) || "no reason given", httpStatus, details);
}

export function unavailable(reason: UnavailableReason, detail: string, retryAfterSeconds?: number): ProviderUnavailableError {
  return new ProviderUnavailableError(BANK, reason, detail, retryAfterSeconds);
}

export const fromTransportError = (error: unknown, what: string): ProviderError => transportError(BANK, error, what);

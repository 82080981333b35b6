import { ProviderRejectedError, ProviderUnavailableError, sanitizeProviderText, type ProviderErrorDetail, type UnavailableReason } from "../../errors";
import { fromTransportError as transportError, type ProviderError } from "../http-errors";

export { retryAfterSeconds } from "../http-errors";

/** The CardProvider enum value; errors name the provider with it. */
export const SUDO = "SUDO";

export type SudoError = ProviderError;

export function rejected(code: string, message: unknown, httpStatus?: number, details: ProviderErrorDetail[] = []): ProviderRejectedError {
  return new ProviderRejectedError(SUDO, code, sanitizeProviderText(message) || "no reason given", httpStatus, details);
}

export function unavailable(reason: UnavailableReason, detail: string, retryAfterSeconds?: number): ProviderUnavailableError {
  return new ProviderUnavailableError(SUDO, reason, detail, retryAfterSeconds);
}

export const fromTransportError = (error: unknown, what: string): SudoError => transportError(SUDO, error, what);

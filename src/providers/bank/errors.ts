import { AppError, ErrorCode, ProviderRejectedError, ProviderUnavailableError, sanitizeProviderText, type ProviderErrorDetail, type UnavailableReason } from "../../errors";
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

/**
 * No approved, live consent for this customer at this connection. Raised before any card call, so nothing can have
 * been issued: the card service frees the idempotency key at once, and a retry with the same key after the customer
 * approves goes through.
 */
export class ConsentRequiredError extends AppError {
  readonly nothingSent = true;

  constructor(customerId: string, connectionId: string) {
    super("The customer has not given (or no longer gives) consent at this bank connection; start one with startBankConsent.", {
      extensions: { code: ErrorCode.BANK_CONSENT_REQUIRED, provider: BANK, customerId, connectionId },
    });
  }
}

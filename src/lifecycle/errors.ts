import { appError, ErrorCode, ProviderUnavailableError } from "../errors";
import type { CardCapability } from "./capabilities";

/** One answer for an unknown id and for a card the caller may not touch, so neither reveals the other. */
export const cardNotFound = (field = "id") =>
  appError("No card with this id that this token may use.", { code: ErrorCode.NOT_FOUND, field });

export const unsupportedByProvider = (provider: string, capability: CardCapability) =>
  appError(`${provider} cards do not support ${capability}; Card.capabilities lists what they do support.`, {
    code: ErrorCode.UNSUPPORTED_BY_PROVIDER,
    provider,
    capability,
    field: "id",
  });

export const cardCanceled = () =>
  appError("The card is canceled, which is final: it cannot be frozen, unfrozen, changed or revealed.", { code: ErrorCode.CARD_CANCELED, field: "id" });

export const cardBusy = (retryAfterSeconds: number) =>
  appError("Another change of this card is still running; retry shortly.", { code: ErrorCode.CARD_BUSY, field: "id", retryAfterSeconds });

export const rateLimited = (retryAfterSeconds: number) =>
  appError("Too many card reveals from this caller; retry later.", { code: ErrorCode.RATE_LIMITED, retryAfterSeconds });

/** The provider may or may not have applied the change, and reading the card back did not settle it. */
export const outcomeUnknown = (provider: string) =>
  new ProviderUnavailableError(
    provider,
    "TIMEOUT",
    "the change could not be confirmed; the card will be re-read from the provider. Retry the same request to finish it.",
  );

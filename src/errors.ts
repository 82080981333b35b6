import { GraphQLError } from "graphql";
import { redactCardTokens } from "./card-token";

/** Stable `extensions.code` values clients can branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  PROVIDER_REJECTED: "PROVIDER_REJECTED",
  PROVIDER_UNAVAILABLE: "PROVIDER_UNAVAILABLE",
  IDEMPOTENCY_KEY_REUSED: "IDEMPOTENCY_KEY_REUSED",
  IDEMPOTENCY_IN_PROGRESS: "IDEMPOTENCY_IN_PROGRESS",
  /** The provider issued the card but the store could not record it yet; the same key finishes it (retryAfterSeconds). */
  STORE_UNAVAILABLE: "STORE_UNAVAILABLE",
  /** createCard through the bank for a (customer, connection) without an approved consent: run startBankConsent first. */
  BANK_CONSENT_REQUIRED: "BANK_CONSENT_REQUIRED",
  /** No bearer token, or one that is invalid or expired (HTTP 401). */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** A valid token without the scope the field needs. */
  FORBIDDEN: "FORBIDDEN",
  /** The issuer's key set (AUTH_JWKS_URL) could not be fetched, so no token can be checked (HTTP 503); retry later. */
  AUTH_UNAVAILABLE: "AUTH_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** No card with this id that the caller may change: an unknown id and someone else's card answer alike. */
  NOT_FOUND: "NOT_FOUND",
  /** The card's provider has no such operation (Card.capabilities lists what it has); nothing was sent. */
  UNSUPPORTED_BY_PROVIDER: "UNSUPPORTED_BY_PROVIDER",
  /** The card is canceled, which is final: it can no longer be frozen, unfrozen or changed. */
  CARD_CANCELED: "CARD_CANCELED",
  /** Another change of the same card is still running; retry shortly (the same idempotencyKey is safe). */
  CARD_BUSY: "CARD_BUSY",
  /** Too many requests of this kind from this caller; retry after `retryAfterSeconds`. */
  RATE_LIMITED: "RATE_LIMITED",
} as const;

/** Errors this subgraph raises on purpose; format-error.ts passes them to clients as they are. */
export class AppError extends GraphQLError {}

export function appError(message: string, extensions: Record<string, unknown>): AppError {
  return new AppError(message, { extensions });
}

export interface FieldProblem {
  /** Dotted path from the operation argument, e.g. `input.sudo.spendingControls.spendingLimits.0.interval`. */
  field: string;
  /** The rule that failed, e.g. `isNotEmpty`, `requiredForVirtual`. */
  rule: string;
  message: string;
}

export class BadUserInputError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    const first = problems[0];
    const summary = problems.length === 1 ? first.message : `${problems.length} fields are invalid: ${problems.map((p) => p.field).join(", ")}`;
    super(summary, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field, fields: problems } });
  }
}

export interface ProviderErrorDetail {
  field?: string;
  code?: string;
  message: string;
}

/** The provider understood the request and refused it; retrying the same input will not help. */
export class ProviderRejectedError extends AppError {
  constructor(
    readonly provider: string,
    readonly providerCode: string,
    providerMessage: string,
    readonly httpStatus?: number,
    details: ProviderErrorDetail[] = [],
  ) {
    super(`${provider} rejected the card: ${providerMessage}`, {
      extensions: {
        code: ErrorCode.PROVIDER_REJECTED,
        provider,
        providerCode,
        providerMessage,
        ...(details.length ? { providerErrors: details } : {}),
      },
    });
  }
}

/** CIRCUIT_OPEN: too many recent calls failed, so this one was not sent (retryAfterSeconds says when to try again). */
export type UnavailableReason = "TIMEOUT" | "NETWORK" | "RATE_LIMITED" | "UPSTREAM_ERROR" | "BAD_RESPONSE" | "AUTH_FAILED" | "CIRCUIT_OPEN";

/** The provider could not be reached or answered in a way we cannot trust; the outcome may be unknown. */
export class ProviderUnavailableError extends AppError {
  /** True when the call never left this process, so the provider cannot have acted on it. */
  readonly nothingSent: boolean = false;

  constructor(
    readonly provider: string,
    readonly reason: UnavailableReason,
    detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${provider} is unavailable: ${detail}`, {
      extensions: {
        code: ErrorCode.PROVIDER_UNAVAILABLE,
        provider,
        reason,
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      },
    });
  }
}

/** Long runs of key material (hex secrets, base64 keys, JWT segments); 32 leaves 24-character Mongo ids readable. */
const SECRET_LIKE = /[A-Za-z0-9+/_=-]{32,}/g;
/** A JWT whose segments are short enough to pass SECRET_LIKE one by one. */
const JWT_LIKE = /eyJ[\w-]*\.[\w-]+\.[\w-]*/g;
/**
 * A CVV2, PIN or PAN after its label, however the provider spelled the separator (`cvv2 370`, `"pin":"7390"`,
 * `PIN is 7390`, `cvv=370`).
 */
const LABELLED_CARD_DATA = /(?<![a-z])(cvv2?|cvc2?|pin|pan)((?:["'\s:=#]|\b(?:is|was|of|code|number)\b){1,6})\d{3,}/gi;
/** A card number written in groups (`4111 1111 1111 1111`, `4111-1111-1111-1111`): 13 to 19 digits. */
const GROUPED_DIGITS = /(?<!\d)\d{2,6}(?:[ -]\d{2,6}){2,5}(?!\d)/g;

const keepLast4 = (digits: string) => `${"*".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;

/**
 * Keeps provider text short and free of anything that looks like card data or a credential before it reaches a
 * client or the store: providers' messages are free text and may echo what they were sent.
 */
export function sanitizeProviderText(text: unknown, max = 200): string {
  const s = typeof text === "string" ? text : text === undefined || text === null ? "" : JSON.stringify(text);
  return redactCardTokens(s)
    .replace(JWT_LIKE, "[redacted]")
    .replace(SECRET_LIKE, (run) => (/[0-9]/.test(run) && /[A-Za-z]/.test(run) ? "[redacted]" : run))
    .replace(LABELLED_CARD_DATA, (_match, label: string, separator: string) => `${label}${separator}***`)
    .replace(GROUPED_DIGITS, (run) => {
      const digits = run.replace(/[ -]/g, "");
      return digits.length >= 13 && digits.length <= 19 ? keepLast4(digits) : run;
    })
    .replace(/\d{6,}/g, keepLast4)
    .slice(0, max);
}

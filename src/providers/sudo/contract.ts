import { DEFAULT_BREAKER_MIN_CALLERS } from "../resilience/config";
import { SpendingLimitInterval } from "../../cards/card.enums";
import { SudoCardBrand, SudoCardCurrency, SudoCardStatus, SudoCardType, SudoIssuerCountry, SudoReplacementReason } from "./sudo.enums";

/**
 * Every choice we made where Sudo's documentation is silent or contradicts itself (FACTS B.2-B.10), in one place.
 * The datasource, the mapping and the input rules all read them from here.
 */
export const SUDO_CONTRACT = {
  /** FACTS B.2: the docs show `Bearer`, a bare key and `Basic`; the public clients send `Bearer <key>`. */
  authScheme: "Bearer",
  /** FACTS B.1: no `/v1` prefix; paths are relative to the configured base URL. */
  cardsPath: "cards",
  customerCardsPath: (customerId: string) => `cards/customer/${encodeURIComponent(customerId)}`,
  cardPath: (cardId: string) => `cards/${encodeURIComponent(cardId)}`,
  cardTokenPath: (cardId: string) => `cards/${encodeURIComponent(cardId)}/token`,
  /** FACTS B.5: the card token lives 120 s; used when the token's own `exp` cannot be read. */
  cardTokenTtlMs: 120_000,
  /** FACTS B.1: Secure Proxy Show's vault ids; SUDO_VAULT_ID overrides the one picked from the API base URL. */
  sandboxVaultId: "we0dsa28s",
  productionVaultId: "vdl2xefo5",
  /** FACTS E.2: cancelling requires a reason, `lost` or `stolen`. */
  cancellationReasons: ["lost", "stolen"] as readonly string[],
  /**
   * FACTS E.2: webhooks carry the dashboard's "Authorization Token"; the header is not documented. We expect it as the
   * whole `Authorization` header value, which is what a dashboard field named after the header most likely sets.
   */
  webhookTokenHeader: "authorization",
  /**
   * FACTS B.3: a 2xx can still carry a failure, so success is a 2xx AND a body `statusCode` below this. A body
   * without `statusCode` is judged by its `data` alone.
   */
  failureStatusCodeFrom: 400,
  /**
   * FACTS B.9: Sudo has no idempotency key. Every card we create carries our card id in its metadata under this key,
   * so a resumed attempt can find the card an interrupted call created. Clients may not set it themselves.
   */
  reservedMetadataKey: "cardsSubgraphCardId",
  /** FACTS B.9: `limit` is at most 100; the largest page means the fewest calls while recovering. */
  recoveryPageSize: 100,
  /**
   * How far back a recovery looks: the card, if created, was created moments before, and the list is newest
   * first, so 10 pages (1,000 cards of one customer) is far more than enough while bounding the cost.
   */
  recoveryMaxPages: 10,
  /** FACTS B.2 is silent on timeouts; card creation funds accounts and can be slow. */
  defaultTimeoutMs: 15_000,
  /**
   * FACTS B.9: no idempotency, so `POST /cards` is NEVER retried, whatever the error: a second POST is a second
   * card. Only the GETs of a recovery search are retried. The budget defaults to one call's timeout.
   */
  retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 5_000, jitter: "equal" as const },
  /** One breaker for the API: 5 unusable answers in a row open it for 30 s. Refusals (4xx) never count. */
  breaker: { failureThreshold: 5, resetMs: 30_000, minCallers: DEFAULT_BREAKER_MIN_CALLERS },
  /**
   * FACTS B.9: Sudo publishes no quota, only that 429 exists and that clients should back off. 120 calls a minute
   * (2/s sustained, a minute's worth in a burst) is far above one business's card issuing and low enough that a
   * runaway loop cannot hammer Sudo; a 429 is still reported with its Retry-After. Per process, like the bank's.
   */
  rateLimitPerMinute: 120,
  rateLimitMaxWaitMs: 3_000,
} as const;

/** Our limits on the create body. Sudo publishes none; these keep requests and stored metadata small. */
export const SUDO_LIMITS = {
  /** FACTS B.6/B.10: all cards are valid for at most three years. */
  maxValidityMonths: 36,
  /** `number` is a PAN (16-19 digits) or a Visa Card ID of unknown shape; 64 is generous for either. */
  maxNumberLength: 64,
  maxCategories: 100,
  maxSpendingLimits: 20,
  maxMetadataKeys: 50,
  maxMetadataKeyLength: 40,
  maxMetadataBytes: 4096,
} as const;

// Wire spellings (FACTS B.6-B.8). Our enums are upper case with value === name; Sudo's are not.

export const WIRE_TYPE: Record<SudoCardType, string> = { PHYSICAL: "physical", VIRTUAL: "virtual" };
export const WIRE_BRAND: Record<SudoCardBrand, string> = { VERVE: "Verve", MASTERCARD: "MasterCard", VISA: "Visa", AFRIGO: "AfriGo" };
export const WIRE_CURRENCY: Record<SudoCardCurrency, string> = { NGN: "NGN", USD: "USD" };
export const WIRE_STATUS: Record<SudoCardStatus, string> = { ACTIVE: "active", INACTIVE: "inactive" };
/** PUT /cards/{id} statuses (FACTS E.2). */
export const WIRE_UPDATE_STATUS = { ACTIVE: "active", INACTIVE: "inactive", CANCELED: "canceled" } as const;
export const WIRE_ISSUER_COUNTRY: Record<SudoIssuerCountry, string> = { NGA: "NGA", USA: "USA" };
export const WIRE_REPLACEMENT_REASON: Record<SudoReplacementReason, string> = { LOST: "lost", STOLEN: "stolen" };
export const WIRE_INTERVAL: Record<SpendingLimitInterval, string> = {
  PER_AUTHORIZATION: "per_authorization",
  DAILY: "daily",
  WEEKLY: "weekly",
  MONTHLY: "monthly",
  YEARLY: "yearly",
  ALL_TIME: "all_time",
};

/** Sudo spells our `sendPinSms` as `sendPINSMS`; every other create field has the same name on both sides. */
export const WIRE_FIELD_RENAMES: Readonly<Record<string, string>> = { sendPINSMS: "sendPinSms" };

import { DEFAULT_BREAKER_MIN_CALLERS } from "../resilience/config";
/**
 * Every choice we made where the bank API's pages are silent (see docs/providers.md, "Bank API: choices").
 * Both the datasource and the sandbox simulator read them from here, so changing one line changes both sides. The
 * choices an operator may switch per deployment (header spelling, signature encoding, token endpoint and client
 * authentication, scopes) are in wire-variants.ts.
 */
export const PIN_SCHEMES = ["aes-256-cbc-sha256key-ivprefix-b64", "aes-256-cbc-sha256key-ivprefix-b64-wrapped", "plaintext"] as const;
export type PinScheme = (typeof PIN_SCHEMES)[number];

export const BANK_CONTRACT = {
  /** FACTS A.4: documented device authorization endpoint, form-encoded. */
  deviceCodePath: "/oauth2/device/code",
  deviceCodeGrant: "urn:ietf:params:oauth:grant-type:device_code",
  /** FACTS A.4 [I]: RFC 7009 revocation beside the token endpoint, as the public OBN client calls it. */
  revokePath: "/oauth2/revoke",
  cardsPath: "/cards",
  /** FACTS A.9: card pages answer "00"; the generic envelope says "success". */
  successStatuses: ["00", "success"] as readonly string[],
  /**
   * Statuses on a 409 that mean "not finished yet" (FACTS A.10: "09" request in progress): the outcome is unknown, so
   * the attempt stays open and is retried under the same key instead of being stored as a refusal.
   */
  transientStatuses: ["09"] as readonly string[],
  /** FACTS A.7: AES-256-CBC, key = SHA-256(client_secret), random IV prefixed, base64. */
  defaultPinScheme: "aes-256-cbc-sha256key-ivprefix-b64" as PinScheme,
  /** Refresh a token this long before it expires so no request goes out with one about to lapse. */
  tokenRefreshSkewSeconds: 60,
  /** FACTS A.5: the simulator rejects longer keys, as Stripe and the IETF draft do. */
  maxIdempotencyKeyLength: 255,
  /**
   * FACTS A.12: documented per-minute quotas, per client. Our limiter runs at the quota with a bucket of one minute's
   * worth (the bank documents bursts of twice that), and BANK_RATE_LIMIT_PER_MINUTE defaults to the production quota
   * when NODE_ENV=production. The limiter is per process: with N replicas, set it to the quota divided by N.
   */
  rateLimitPerMinute: { sandbox: 100, production: 10 },
  /**
   * Why every bank call may be retried: each attempt sends the same idempotency-key and a byte-identical body (the
   * PIN's IV comes from the key), so the bank replays the first outcome instead of issuing again (FACTS A.10);
   * "09" (still in progress) is worth asking again after a short wait. Token calls are safe too: a second device
   * code or token is harmless. Timeouts are retried only within the budget, which defaults to one call's timeout,
   * so by default a timed-out call goes back to the client (the bank is probably still working on it) while fast
   * failures (5xx, resets, 429, garbage) are retried at once.
   */
  retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 5_000, jitter: "equal" as const },
  /**
   * One breaker per connection (a partner bank that is down must not block the others); it covers the token and
   * card calls made for that connection. 5 unusable answers in a row open it for 30 s.
   */
  breaker: { failureThreshold: 5, resetMs: 30_000, minCallers: DEFAULT_BREAKER_MIN_CALLERS },
  /**
   * How long a call may wait in line for the rate limiter before failing with RATE_LIMITED. Short, because the
   * GraphQL request is held open meanwhile; at 10/min a token frees every 6 s, so a burst fails fast instead.
   */
  rateLimitMaxWaitMs: 3_000,
} as const;

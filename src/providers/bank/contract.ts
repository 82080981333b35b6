/**
 * Every choice we made where the bank API's pages are silent (see docs/providers.md, "Bank API: choices").
 * Both the datasource and the sandbox simulator read them from here, so changing one line changes both sides.
 */
export const PIN_SCHEMES = ["aes-256-cbc-sha256key-ivprefix-b64", "aes-256-cbc-sha256key-ivprefix-b64-wrapped", "plaintext"] as const;
export type PinScheme = (typeof PIN_SCHEMES)[number];

export const BANK_CONTRACT = {
  /** FACTS A.4: not documented; the OBN family uses /oauth2/token with HTTP Basic client auth. */
  tokenPath: "/oauth2/token",
  /** FACTS A.4: documented device authorization endpoint, form-encoded. */
  deviceCodePath: "/oauth2/device/code",
  deviceCodeGrant: "urn:ietf:params:oauth:grant-type:device_code",
  cardsPath: "/cards",
  /** FACTS A.5: the reference pages spell headers with hyphens; gateways drop underscore headers by default. */
  headers: { connectionId: "connection-id", idempotencyKey: "idempotency-key", signature: "signature" },
  /** FACTS A.9: card pages answer "00"; the generic envelope says "success". */
  successStatuses: ["00", "success"] as readonly string[],
  /**
   * Statuses on a 409 that mean "not finished yet" (FACTS A.10: "09" request in progress): the outcome is unknown, so
   * the attempt stays open and is retried under the same key instead of being stored as a refusal.
   */
  transientStatuses: ["09"] as readonly string[],
  /** FACTS A.6: encoding unstated; lowercase hex is the common reading. */
  signatureEncoding: "hex" as const,
  /** FACTS A.7: AES-256-CBC, key = SHA-256(client_secret), random IV prefixed, base64. */
  defaultPinScheme: "aes-256-cbc-sha256key-ivprefix-b64" as PinScheme,
  /** Scopes asked for with consent; card scopes are undocumented (FACTS A.4), so the simulator does not enforce them. */
  cardScopes: "cards.create cards.list.readonly",
  /** Refresh a token this long before it expires so no request goes out with one about to lapse. */
  tokenRefreshSkewSeconds: 60,
  /** FACTS A.5: the simulator rejects longer keys, as Stripe and the IETF draft do. */
  maxIdempotencyKeyLength: 255,
  /** FACTS A.12: documented per-minute quotas. */
  rateLimitPerMinute: { sandbox: 100, production: 10 },
} as const;

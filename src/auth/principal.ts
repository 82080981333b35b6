/**
 * The scopes this subgraph knows. A customer token acts for the customers named in its customer claim with the plain
 * scopes; a service token (no customer claim) acts across customers only with the `:any` scopes, which are kept apart
 * so that granting a customer app `cards:read` can never open every customer's cards.
 */
export const Scope = {
  READ: "cards:read",
  WRITE: "cards:write",
  READ_ANY: "cards:read:any",
  WRITE_ANY: "cards:write:any",
  /**
   * A short-lived token that shows the card's number, CVV2 and PIN in the owner's browser (cardRevealToken). Only
   * for a customer token and its own customers: there is deliberately no `:any` form.
   */
  REVEAL: "cards:reveal",
} as const;

export type Scope = (typeof Scope)[keyof typeof Scope];

/** Who a verified bearer token speaks for. */
export interface Principal {
  issuer: string;
  subject: string;
  scopes: ReadonlySet<string>;
  /**
   * The customers a customer token may act for (its customer claim); null for a token without the claim (a service
   * token, which needs the `:any` scopes). An empty set is a customer token that may act for nobody.
   */
  customers: ReadonlySet<string> | null;
}

/**
 * The idempotency scope of a principal: the same `sub` from two issuers is two callers, so one client's key can never
 * replay another client's card.
 */
export function callerOf(principal: Principal): string {
  return `${principal.issuer}|${principal.subject}`;
}

/** `scope` is space-separated (RFC 8693); some issuers send an `scp` array (or string) instead. Both are accepted. */
export function scopesOf(claims: Record<string, unknown>): Set<string> {
  const words = (value: unknown): string[] =>
    typeof value === "string" ? value.split(" ") : Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : [];
  return new Set([...words(claims.scope), ...words(claims.scp)].filter(Boolean));
}

/** More customers than any person acts for: a claim beyond it is a misconfigured issuer, not a customer. */
export const MAX_CLAIMED_CUSTOMERS = 100;

/**
 * The customer claim's value: absent is null (a service token); a string or an array of non-empty strings is the set;
 * anything else is refused by the caller (a malformed claim must not silently widen or narrow access).
 */
export function customersOf(claims: Record<string, unknown>, claim: string): Set<string> | null | "invalid" {
  if (!Object.hasOwn(claims, claim)) return null;
  const value = claims[claim];
  const ids = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
  if (!ids || ids.length > MAX_CLAIMED_CUSTOMERS || !ids.every((id) => typeof id === "string" && id !== "")) return "invalid";
  return new Set(ids as string[]);
}

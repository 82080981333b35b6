/** The scopes this subgraph knows. Reads need `cards:read`; `createCard` needs `cards:write`. */
export const Scope = {
  READ: "cards:read",
  WRITE: "cards:write",
} as const;

export type Scope = (typeof Scope)[keyof typeof Scope];

/** Who a verified bearer token speaks for. */
export interface Principal {
  issuer: string;
  subject: string;
  scopes: ReadonlySet<string>;
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

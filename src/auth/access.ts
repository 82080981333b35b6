import { ForbiddenError } from "./errors";
import { Scope, type Principal } from "./principal";

/** What an operation does to a customer's cards; `reveal` shows card data to the card's owner. */
export type Access = "read" | "write" | "reveal";

/**
 * For each access, the alternatives that grant it: a customer scope (own customers only) or a service `:any` scope.
 * Revealing card data has no service form: only the card's owner may see it (PCI DSS 3.4.1, need to know).
 */
export const ACCESS_SCOPES: Record<Access, { own: Scope; any: Scope | null }> = {
  read: { own: Scope.READ, any: Scope.READ_ANY },
  write: { own: Scope.WRITE, any: Scope.WRITE_ANY },
  reveal: { own: Scope.REVEAL, any: null },
};

/**
 * The one ownership rule (docs/security.md, "Who can see a card"): a customer token acts for the customers in its
 * claim with the plain scope; a token without the claim acts for any customer with the `:any` scope. A customer
 * token's `:any` scopes are ignored, so an identity provider that over-grants a customer app cannot open every card.
 */
export function canAccessCustomer(principal: Principal, customerId: string, access: Access): boolean {
  const { own, any } = ACCESS_SCOPES[access];
  if (principal.customers === null) return any !== null && principal.scopes.has(any);
  return principal.scopes.has(own) && principal.customers.has(customerId);
}

/** Whether the token could reach any customer with this access at all (the schema-level scope check). */
export function hasAccessScope(principal: Principal, access: Access): boolean {
  const { own, any } = ACCESS_SCOPES[access];
  return principal.customers === null ? any !== null && principal.scopes.has(any) : principal.scopes.has(own);
}

/**
 * FORBIDDEN unless the caller may act for `customerId`. Only for a customer id the caller named itself (an argument),
 * so the refusal reveals nothing the caller did not send; reads of stored cards filter to null instead.
 */
export function assertCanAccessCustomer(principal: Principal, customerId: string, access: Access, field: string): void {
  if (!canAccessCustomer(principal, customerId, access)) throw ForbiddenError.forCustomer(access, field);
}

/** Keeps only what the caller may read: a card or customer it may not see is null, exactly like an unknown id. */
export function readableOrNull<T extends { customerId: string }>(principal: Principal, item: T | null | undefined): T | null {
  return item && canAccessCustomer(principal, item.customerId, "read") ? item : null;
}

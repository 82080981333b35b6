import { bearer } from "../support/auth";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "../support/inputs";

/** Two customers, each known to both providers' sandboxes under the provider's own customer id. */
export const CUSTOMER_A = { bank: "cus_ada", sudo: SUDO_CUSTOMER } as const;
export const CUSTOMER_B = { bank: "cus_bayo", sudo: "64b0c0ffee0000000000c002" } as const;

export type ProviderName = "bank" | "sudo";
export const PROVIDER_NAMES: readonly ProviderName[] = ["bank", "sudo"];

/** A createCard input for this provider and customer. */
export function inputFor(provider: ProviderName, customerId: string): Record<string, unknown> {
  return provider === "bank" ? { bank: bankInput({ customerId }) } : { sudo: sudoInput({ customerId }) };
}

const ids = (c: typeof CUSTOMER_A | typeof CUSTOMER_B) => [c.bank, c.sudo];

/** The token kinds of the model (docs/security.md, "Who can see a card"). */
export const TOKENS = {
  /** A's end user: the customer claim names A's ids. */
  a: () => bearer({ sub: "user-a", customers: ids(CUSTOMER_A) }),
  b: () => bearer({ sub: "user-b", customers: ids(CUSTOMER_B) }),
  /** A person acting for both (a family account, say). */
  both: () => bearer({ sub: "user-ab", customers: [...ids(CUSTOMER_A), ...ids(CUSTOMER_B)] }),
  /** A back-office caller: no customer claim, the `:any` scopes. */
  service: () => bearer({ sub: "back-office", scopes: ["cards:read:any", "cards:write:any"] }),
  /** Customer scopes but no customer claim: acts for nobody. */
  neither: () => bearer({ sub: "nobody", scopes: ["cards:read", "cards:write"] }),
  /** A customer token an identity provider over-granted: its `:any` scopes are ignored. */
  aWithAny: () => bearer({ sub: "user-a-any", customers: ids(CUSTOMER_A), scopes: ["cards:read", "cards:write", "cards:read:any", "cards:write:any"] }),
} as const;

export type TokenKind = keyof typeof TOKENS;

/** Which customers' cards each token may see and issue: the model, written out once for the assertions. */
export function allowed(token: TokenKind, owner: "a" | "b"): boolean {
  switch (token) {
    case "a":
    case "aWithAny":
      return owner === "a";
    case "b":
      return owner === "b";
    case "both":
    case "service":
      return true;
    case "neither":
      return false;
  }
}

export const CARD_QUERY = "query($id: ID!) { card(id: $id) { id last4 holderName metadata customer { id } } }";
export const CARDS_QUERY = "query($c: ID!) { cards(customerId: $c, first: 50) { edges { node { id metadata } } } }";
export const ENTITIES_QUERY =
  "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id last4 holderName } ... on Customer { id cards(first: 50) { edges { node { id customer { id } } } } } } }";
export const CREATE_MUTATION = "mutation($k: String!, $i: CreateCardInput!) { createCard(idempotencyKey: $k, input: $i) { id customer { id } } }";

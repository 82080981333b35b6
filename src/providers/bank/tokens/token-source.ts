import { rejected } from "../errors";

/**
 * Access tokens for the card API. A card belongs to the customer bound to the token (FACTS A.4), so a token is
 * per (customer, connection), never shared between customers.
 */
export interface BankTokenSource {
  getToken(customerId: string, connectionId: string): Promise<string>;
  /** The API refused the token (401): forget it so the next getToken obtains a fresh one. */
  invalidate(customerId: string, connectionId: string): void;
}

/** Consent obtained outside this service (e.g. an authorization-code flow in the app), one token per customer. */
export class StaticTokenSource implements BankTokenSource {
  constructor(private readonly tokens: Readonly<Record<string, string>>) {}

  async getToken(customerId: string): Promise<string> {
    const token = Object.hasOwn(this.tokens, customerId) ? this.tokens[customerId] : undefined;
    if (!token) throw rejected("access_denied", "no bank consent is on file for this customer");
    return token;
  }

  /** Nothing to renew: a configured token stays what it is until the operator replaces it. */
  invalidate(): void {}
}

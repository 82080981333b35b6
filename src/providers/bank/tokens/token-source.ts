import { ConsentRequiredError } from "../errors";

/**
 * Access tokens for the card API. A card belongs to the customer bound to the token (FACTS A.4), so a token is
 * per (customer, connection), never shared between customers. Without an approved consent, getToken throws
 * ConsentRequiredError (BANK_CONSENT_REQUIRED) before anything is sent to the bank.
 */
export interface BankTokenSource {
  getToken(customerId: string, connectionId: string): Promise<string>;
  /** The API refused the token (401): renew it (refresh token) before the next getToken. */
  invalidate(customerId: string, connectionId: string): Promise<void>;
  /** The API refused even a renewed token: the consent is gone at the bank, so ask the customer again. */
  drop(customerId: string, connectionId: string): Promise<void>;
}

/** Consent obtained outside this service (BANK_TOKEN_SOURCE=static), one token per customer. */
export class StaticTokenSource implements BankTokenSource {
  constructor(private readonly tokens: Readonly<Record<string, string>>) {}

  async getToken(customerId: string, connectionId: string): Promise<string> {
    const token = Object.hasOwn(this.tokens, customerId) ? this.tokens[customerId] : undefined;
    if (!token) throw new ConsentRequiredError(customerId, connectionId);
    return token;
  }

  /** Nothing to renew or drop: a configured token stays what it is until the operator replaces it. */
  async invalidate(): Promise<void> {}

  async drop(): Promise<void> {}
}

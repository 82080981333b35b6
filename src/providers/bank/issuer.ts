import { createHmac } from "node:crypto";
import { ProviderRejectedError, type FieldProblem } from "../../errors";
import type { Logger } from "../../logger";
import type { CardIssuer, IssueRequest, IssuedCard } from "../provider";
import { ProviderGuard, type ProviderHealth } from "../resilience";
import type { BankCardInput } from "./bank.input";
import type { BankConfig } from "./config";
import { BankCardsApi } from "./datasource";
import { BANK, ConsentRequiredError, rejected } from "./errors";
import { toIssuedCard, toWireBody } from "./mapping";
import { encryptPin } from "./pin";
import { StaticTokenSource, type BankTokenSource } from "./tokens/token-source";
import type { WireCard, WireCreateCardBody } from "./wire";

export interface BankIssuerDeps {
  /**
   * Consent tokens (src/consents: durable, shared by replicas). Required unless BANK_TOKEN_SOURCE=static, whose
   * configured tokens are used otherwise.
   */
  tokens?: BankTokenSource;
  /** Replaces the guard built from `config.resilience`, e.g. to give tests a fake clock. */
  guard?: ProviderGuard;
}

function tokenSourceFor(config: BankConfig, given: BankTokenSource | undefined): BankTokenSource {
  if (config.tokenSource === "static") return new StaticTokenSource(config.consentTokens);
  if (!given) throw new Error("the bank issuer needs the consent token source (src/consents)");
  return given;
}

/**
 * The PIN's IV comes from the idempotency key, so a retry under the same key sends a byte-identical body: the API
 * replays a stored result only for an identical body (FACTS A.10) and answers 409 "94" otherwise.
 */
export function pinIv(clientSecret: string, idempotencyKey: string): Buffer {
  return createHmac("sha256", clientSecret).update(idempotencyKey, "utf8").digest().subarray(0, 16);
}

export class BankCardIssuer implements CardIssuer<BankCardInput> {
  /** The bank replays by idempotency key (and answers "09" while the first request runs), so resume at once. */
  readonly settleMs = 0;
  private readonly tokens: BankTokenSource;
  /** One breaker per connection and one rate limiter for the client (the bank's quota is per client, FACTS A.12). */
  private readonly guard: ProviderGuard;

  constructor(
    private readonly config: BankConfig,
    private readonly logger: Logger,
    deps: BankIssuerDeps = {},
  ) {
    this.tokens = tokenSourceFor(config, deps.tokens);
    this.guard = deps.guard ?? new ProviderGuard({ provider: BANK, scopes: config.connectionIds, config: config.resilience, logger });
  }

  health(): ProviderHealth {
    return this.guard.health();
  }

  validate(input: BankCardInput): FieldProblem[] {
    if (input.connectionId == null || this.config.connectionIds.includes(input.connectionId)) return [];
    return [{ field: "connectionId", rule: "knownConnection", message: "connectionId is not a configured bank connection" }];
  }

  async issue(request: IssueRequest<BankCardInput>): Promise<IssuedCard> {
    const { input, idempotencyKey } = request;
    const connectionId = input.connectionId ?? this.config.defaultConnectionId;
    const iv = pinIv(this.config.clientSecret, idempotencyKey);
    const encryptedPin = encryptPin(input.defaultPin, this.config.clientSecret, this.config.pinScheme, iv);
    const wire = await this.send(toWireBody(input, { encryptedPin }), input.customerId, connectionId, idempotencyKey);
    this.checkOwner(wire, input.customerId, request.cardId, connectionId);
    const card = toIssuedCard(wire, input);
    this.logger.info({ provider: "BANK", cardId: request.cardId, providerCardId: card.providerCardId, connectionId }, "bank card issued");
    return card;
  }

  /**
   * The card must belong to the customer whose consent we used: a consent approved at the bank by someone else (the
   * bank decides who signs in) would otherwise put another person's card on this customer. Such a card is never
   * stored or shown; the refusal is logged for an operator with the bank's card id.
   */
  private checkOwner(wire: WireCard, customerId: string, cardId: string, connectionId: string): void {
    if (wire.customer_id === undefined || wire.customer_id === customerId) return;
    this.logger.error({ provider: "BANK", cardId, providerCardId: wire.card_id, connectionId }, "bank issued the card to another customer than the consent's");
    throw rejected("CUSTOMER_MISMATCH", "the bank attributed the card to another customer than the one who consented", undefined);
  }

  /** The bank replays the stored result for a repeated idempotency key, so resuming is asking again. */
  resume(request: IssueRequest<BankCardInput>): Promise<IssuedCard> {
    return this.issue(request);
  }

  /**
   * Every attempt carries the same idempotency key and byte-identical body, so the bank replays instead of issuing
   * again (FACTS A.10): the whole exchange, token included, is repeatable.
   */
  private send(body: WireCreateCardBody, customerId: string, connectionId: string, idempotencyKey: string): Promise<WireCard> {
    return this.guard.call(connectionId, () => this.sendOnce(body, customerId, connectionId, idempotencyKey), { repeatable: true, operation: "createCard" });
  }

  private async sendOnce(body: WireCreateCardBody, customerId: string, connectionId: string, idempotencyKey: string): Promise<WireCard> {
    const attempt = async () => {
      const token = await this.tokens.getToken(customerId, connectionId);
      return this.api().createCard(body, { token, connectionId, idempotencyKey });
    };
    const unauthorized = (error: unknown) => error instanceof ProviderRejectedError && error.httpStatus === 401;
    try {
      return await attempt();
    } catch (error) {
      if (!unauthorized(error)) throw error;
    }
    // An expired or revoked token: one more try with a renewed one, under the same key so it cannot double-issue.
    this.logger.warn({ provider: "BANK", connectionId }, "bank rejected the access token; retrying once with a renewed one");
    await this.tokens.invalidate(customerId, connectionId);
    try {
      return await attempt();
    } catch (error) {
      if (!unauthorized(error)) throw error;
    }
    // Refused again: the consent is gone at the bank. Ask the customer again instead of retrying forever.
    await this.tokens.drop(customerId, connectionId);
    throw new ConsentRequiredError(customerId, connectionId);
  }

  private api(): BankCardsApi {
    const { apiBaseUrl, clientSecret, timeoutMs, wire } = this.config;
    return new BankCardsApi({ apiBaseUrl, clientSecret, timeoutMs, wire, logger: this.logger, throttle: this.guard.throttle });
  }
}

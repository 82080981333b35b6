import { createHmac } from "node:crypto";
import { ProviderRejectedError, type FieldProblem } from "../../errors";
import type { Logger } from "../../logger";
import type { CardIssuer, IssueRequest, IssuedCard } from "../provider";
import { ProviderGuard, type ProviderHealth } from "../resilience";
import type { BankCardInput } from "./bank.input";
import type { BankConfig } from "./config";
import { BankCardsApi } from "./datasource";
import { BANK } from "./errors";
import { toIssuedCard, toWireBody } from "./mapping";
import { encryptPin } from "./pin";
import { DeviceCodeTokenSource } from "./tokens/device-code";
import { OAuthClient } from "./tokens/oauth-client";
import { StaticTokenSource, type BankTokenSource } from "./tokens/token-source";
import type { WireCard, WireCreateCardBody } from "./wire";

export interface BankIssuerDeps {
  /** Replaces the token source the config names, e.g. to share one between issuers or to control it in tests. */
  tokens?: BankTokenSource;
  /** Replaces the guard built from `config.resilience`, e.g. to give tests a fake clock. */
  guard?: ProviderGuard;
}

/** The token source the config asks for. Built once per issuer so its cache and single-flight span all requests. */
export function createTokenSource(config: BankConfig): BankTokenSource {
  if (config.tokenSource === "static") return new StaticTokenSource(config.consentTokens);
  return new DeviceCodeTokenSource(new OAuthClient(config));
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
    this.tokens = deps.tokens ?? createTokenSource(config);
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
    const card = toIssuedCard(wire, input);
    this.logger.info({ provider: "BANK", cardId: request.cardId, providerCardId: card.providerCardId, connectionId }, "bank card issued");
    return card;
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
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ProviderRejectedError && error.httpStatus === 401)) throw error;
      // An expired or revoked token: one more try with a fresh one, under the same key so it cannot double-issue.
      this.logger.warn({ provider: "BANK", connectionId }, "bank rejected the access token; retrying once with a new one");
      this.tokens.invalidate(customerId, connectionId);
      return attempt();
    }
  }

  private api(): BankCardsApi {
    const { apiBaseUrl, clientSecret, timeoutMs, wire } = this.config;
    return new BankCardsApi({ apiBaseUrl, clientSecret, timeoutMs, wire, logger: this.logger, throttle: this.guard.throttle });
  }
}

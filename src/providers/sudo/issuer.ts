import { ProviderRejectedError, type FieldProblem } from "../../errors";
import type { Logger } from "../../logger";
import type { CardIssuer, CardLifecycle, IssuedCard, IssueRequest } from "../provider";
import type { ProviderGuard, ProviderHealth } from "../resilience";
import { SUDO_CONTRACT } from "./contract";
import type { SudoCardPage } from "./datasource";
import { unavailable } from "./errors";
import { taggedCardIdOf, toIssuedCard, toWireBody } from "./mapping";
import type { SudoCardInput } from "./sudo.input";
import type { WireCard, WireCreateCardBody } from "./wire";

/** The calls the issuer makes; SudoCardsApi in production. */
export interface SudoCardsClient {
  createCard(body: WireCreateCardBody): Promise<WireCard>;
  listCustomerCards(customerId: string, page: number, limit: number): Promise<SudoCardPage>;
}

export interface RecoverySearch {
  pageSize: number;
  maxPages: number;
}

export interface SudoIssuerOptions {
  search?: RecoverySearch;
  /** Sudo has no idempotency: a resume must not look for the card before a POST still in flight has landed. */
  settleMs?: number;
  /** Breaker, rate limiter and GET retries; without one, calls go straight to the client (unit tests). */
  guard?: ProviderGuard;
  /** Freeze, cancel, controls, refresh and reveal (lifecycle.ts); absent in unit tests of issuing. */
  lifecycle?: CardLifecycle;
}

/** Sudo has one breaker: its API is one service. */
export const SUDO_SCOPE = "api";

/**
 * Issues Sudo cards exactly once. Sudo has no idempotency key (FACTS B.9), so every card is tagged with our card id
 * and a resumed attempt looks for the tag before it creates anything.
 */
export class SudoCardIssuer implements CardIssuer<SudoCardInput> {
  readonly settleMs: number;
  readonly health?: () => ProviderHealth;
  readonly lifecycle?: CardLifecycle;
  private readonly search: RecoverySearch;
  private readonly guard?: ProviderGuard;

  constructor(
    private readonly api: SudoCardsClient,
    private readonly logger: Logger,
    options: SudoIssuerOptions = {},
  ) {
    this.search = options.search ?? { pageSize: SUDO_CONTRACT.recoveryPageSize, maxPages: SUDO_CONTRACT.recoveryMaxPages };
    this.settleMs = options.settleMs ?? SUDO_CONTRACT.defaultTimeoutMs;
    this.lifecycle = options.lifecycle;
    const guard = (this.guard = options.guard);
    if (guard) this.health = () => guard.health();
  }

  /** Every rule is a class-validator rule on SudoCardInput; none depends on configuration. */
  validate(): FieldProblem[] {
    return [];
  }

  /** Never retried, whatever the error (FACTS B.9): a second POST is a second card. A resume finds it instead. */
  async issue({ input, cardId }: IssueRequest<SudoCardInput>): Promise<IssuedCard> {
    const body = toWireBody(input, cardId);
    const card = await this.guarded("createCard", () => this.api.createCard(body), false);
    return toIssuedCard(card, input);
  }

  async resume(request: IssueRequest<SudoCardInput>): Promise<IssuedCard> {
    const existing = await this.findTagged(request.input.customerId, request.cardId);
    if (existing) {
      this.logger.info({ cardId: request.cardId, providerCardId: existing._id }, "found the Sudo card an earlier attempt created");
      return toIssuedCard(existing, request.input);
    }
    return this.issue(request);
  }

  /** Pages through the customer's cards, newest first, up to the bound. */
  private async findTagged(customerId: string, cardId: string): Promise<WireCard | undefined> {
    const { pageSize, maxPages } = this.search;
    for (let page = 0; page < maxPages; page += 1) {
      const { cards, pages } = await this.listPage(customerId, page);
      const found = cards.find((card) => taggedCardIdOf(card) === cardId);
      if (found) return found;
      if (cards.length < pageSize || (pages !== undefined && page + 1 >= pages)) return undefined;
    }
    // Our card, if it exists, is among the customer's newest; this many newer cards means it was never created.
    this.logger.warn({ cardId, pagesSearched: maxPages }, "no tagged Sudo card within the recovery bound; creating it");
    return undefined;
  }

  /**
   * A refusal here says nothing about whether the earlier call created the card, so it must not become the
   * attempt's final answer: it is reported as "unavailable" and the attempt stays open for another resume.
   */
  private async listPage(customerId: string, page: number): Promise<SudoCardPage> {
    try {
      return await this.guarded("listCards", () => this.api.listCustomerCards(customerId, page, this.search.pageSize), true);
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error;
      const code = String(error.extensions.providerCode);
      throw unavailable("UPSTREAM_ERROR", `could not check for a card from an earlier attempt (Sudo answered ${code})`);
    }
  }

  private guarded<T>(operation: string, call: () => Promise<T>, repeatable: boolean): Promise<T> {
    return this.guard ? this.guard.call(SUDO_SCOPE, call, { repeatable, operation }) : call();
  }
}

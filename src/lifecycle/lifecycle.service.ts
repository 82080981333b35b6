import { callerOf, canAccessCustomer, type Access, type Principal } from "../auth";
import { CardEventKind, type NewCardEvent } from "../audit";
import type { ConfiguredProvider } from "../cards/card.service";
import { CardStatus } from "../cards/card.enums";
import type { Card } from "../cards/card.type";
import { canonicalJson, newLeaseToken } from "../cards/idempotency";
import { ProviderUnavailableError } from "../errors";
import type { Logger } from "../logger";
import type { CardLifecycle, CardRef, ProviderCardState } from "../providers/provider";
import { CAPABILITY_METHOD, capabilitiesOf, CardCapability } from "./capabilities";
import { cardBusy, cardCanceled, cardNotFound, outcomeUnknown, unsupportedByProvider } from "./errors";
import type { LifecycleStore } from "./lifecycle.store";

export interface LifecycleOptions {
  /** How long one change may hold a card before another replica may take it over. */
  leaseMs: number;
  /** How long a change waits for another change of the same card before answering CARD_BUSY. */
  waitMs: number;
  pollMs: number;
}

/** One change of a card: which capability, what it aims for, and how to ask the provider. */
export interface ChangeSpec {
  capability: CardCapability;
  kind: CardEventKind;
  /** The status the change leads to; reaching it already means there is nothing to send. */
  target?: CardStatus;
  detail: Record<string, unknown>;
  call(lifecycle: CardLifecycle, ref: CardRef): Promise<ProviderCardState>;
  /** After an unknown outcome: whether the state read back shows the change applied. */
  applied(state: ProviderCardState): boolean;
}

export interface Target {
  card: Card;
  provider: ConfiguredProvider;
  lifecycle: CardLifecycle;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const refOf = (card: Card): CardRef => ({ cardId: card.id, providerCardId: card.providerCardId, current: { status: card.status, metadata: card.metadata ?? null } });

/**
 * Changes of issued cards, with createCard's rules: ownership first (someone else's card is an unknown id), one change
 * of a card at a time across replicas (a lease in card_sync), nothing sent when the card is already where the change
 * leads, and an unknown provider outcome resolved by reading the card back. Every change is an audit row.
 */
export class LifecycleService {
  private readonly byName: Map<string, ConfiguredProvider>;

  constructor(
    readonly store: LifecycleStore,
    providers: readonly ConfiguredProvider[],
    private readonly options: LifecycleOptions,
    private readonly logger: Logger,
  ) {
    this.byName = new Map(providers.map((p) => [p.definition.name, p]));
  }

  capabilities(card: Pick<Card, "provider">): CardCapability[] {
    return capabilitiesOf(this.byName.get(card.provider)?.issuer.lifecycle);
  }

  /** The card if the caller may act on it this way, and its provider if it has the capability. */
  async target(principal: Principal, id: string, access: Access, capability: CardCapability): Promise<Target> {
    const card = await this.store.card(id);
    if (!card || !canAccessCustomer(principal, card.customerId, access)) throw cardNotFound();
    const provider = this.byName.get(card.provider);
    const lifecycle = provider?.issuer.lifecycle;
    if (!provider || !lifecycle || typeof lifecycle[CAPABILITY_METHOD[capability]] !== "function") throw unsupportedByProvider(card.provider, capability);
    return { card, provider, lifecycle };
  }

  /** Runs one change under the card's lease; `actor` is who the audit trail names. */
  async change(target: Target, actor: string, spec: ChangeSpec): Promise<Card> {
    return this.underLease(target.card.id, async () => {
      // Read again under the lease: a change that just finished may have moved the card.
      const card = (await this.store.card(target.card.id)) ?? target.card;
      if (spec.target && card.status === spec.target) return card;
      if (card.status === CardStatus.CANCELED) throw cardCanceled();
      const event: NewCardEvent = { cardId: card.id, actor, kind: spec.kind, statusBefore: card.status, statusAfter: null, detail: spec.detail };
      let state: ProviderCardState;
      try {
        state = await spec.call(target.lifecycle, refOf(card));
      } catch (error) {
        if (!(error instanceof ProviderUnavailableError) || error.nothingSent) throw error;
        return this.readBack(target, card, event, spec, error);
      }
      return this.stored(card, state, event, false);
    });
  }

  /**
   * Reads the provider's card and stores it, under the card's lease so it never interleaves with a change; a
   * REFRESHED row when something changed (or when `always`). `wait: false` skips a card that is busy (returns null).
   */
  async refresh(target: Target, actor: string, options: { always: boolean; wait: boolean }): Promise<Card | null> {
    return this.underLease(
      target.card.id,
      async () => {
        const card = (await this.store.card(target.card.id)) ?? target.card;
        const state = await target.lifecycle.get!(refOf(card));
        const changed = differs(card, state);
        const event: NewCardEvent | null =
          changed || options.always ? { cardId: card.id, actor, kind: CardEventKind.REFRESHED, statusBefore: card.status, statusAfter: null, detail: { changed } } : null;
        return this.stored(card, state, event, true);
      },
      options.wait,
    );
  }

  /** The providers whose cards can be read back (the card sync only looks at those). */
  refreshable(): string[] {
    return [...this.byName.values()].filter((p) => typeof p.issuer.lifecycle?.get === "function").map((p) => p.definition.name);
  }

  /** The card and its provider for a system caller (no principal): null when either is gone. */
  async systemTarget(cardId: string): Promise<Target | null> {
    const card = await this.store.card(cardId);
    const provider = card && this.byName.get(card.provider);
    const lifecycle = provider?.issuer.lifecycle;
    return card && provider && lifecycle?.get ? { card, provider, lifecycle } : null;
  }

  /**
   * The PUT's answer was lost: the provider may have applied it. Its card now decides. Applied: the change is done
   * and recorded as such. Not applied (or unreadable): we store what it says, ask the card sync to look again once
   * a late write would have landed, and tell the caller to retry.
   */
  private async readBack(target: Target, card: Card, event: NewCardEvent, spec: ChangeSpec, cause: ProviderUnavailableError): Promise<Card> {
    const log = this.logger.child({ cardId: card.id, provider: card.provider });
    log.warn({ reason: cause.reason }, "card change outcome unknown; reading the card back");
    let state: ProviderCardState;
    try {
      state = await target.lifecycle.get!(refOf(card));
    } catch {
      await this.store.checkLater(card.id, target.provider.issuer.settleMs);
      throw outcomeUnknown(card.provider);
    }
    if (spec.applied(state)) return this.stored(card, state, { ...event, detail: { ...event.detail, confirmedBy: "read-back" } }, true);
    const refreshed = differs(card, state) ? { ...event, kind: CardEventKind.REFRESHED, detail: { changed: true } } : null;
    await this.stored(card, state, refreshed, true);
    await this.store.checkLater(card.id, target.provider.issuer.settleMs);
    throw outcomeUnknown(card.provider);
  }

  private async stored(card: Card, state: ProviderCardState, event: NewCardEvent | null, read: boolean): Promise<Card> {
    const withStatus = event ? { ...event, statusAfter: state.status } : null;
    return (await this.store.applyState(card, state, withStatus, { read })) ?? (await this.store.card(card.id)) ?? card;
  }

  private async underLease<T>(cardId: string, work: () => Promise<T>): Promise<T>;
  private async underLease<T>(cardId: string, work: () => Promise<T>, wait: boolean): Promise<T | null>;
  private async underLease<T>(cardId: string, work: () => Promise<T>, wait = true): Promise<T | null> {
    const token = newLeaseToken();
    const deadline = Date.now() + this.options.waitMs;
    while (!(await this.store.acquireLease(cardId, token, this.options.leaseMs))) {
      if (!wait) return null;
      if (Date.now() >= deadline) throw cardBusy(Math.max(1, Math.ceil(this.options.pollMs / 1000)));
      await sleep(this.options.pollMs);
    }
    try {
      return await work();
    } finally {
      await this.store.releaseLease(cardId, token).catch((err: unknown) => this.logger.warn({ err, cardId }, "could not release a card lease"));
    }
  }
}

/** Whether the provider's state differs from our record in anything a client sees. */
export function differs(card: Card, state: ProviderCardState): boolean {
  return (
    card.status !== state.status ||
    // Canonical: jsonb hands keys back in its own order, the provider in its.
    canonicalJson(card.spendingControls ?? null) !== canonicalJson(state.spendingControls ?? null) ||
    canonicalJson(card.metadata ?? null) !== canonicalJson(state.metadata ?? null)
  );
}

export const actorOf = (principal: Principal) => callerOf(principal);

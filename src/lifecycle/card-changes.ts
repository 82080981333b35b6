import { callerOf, type Principal } from "../auth";
import { CardEventKind } from "../audit";
import { CardStatus } from "../cards/card.enums";
import type { Card } from "../cards/card.type";
import { canonicalJson, checkIdempotencyKey, requestHash } from "../cards/idempotency";
import { textProblems, validateInput } from "../cards/validation";
import { appError, BadUserInputError, ErrorCode, ProviderRejectedError, type FieldProblem } from "../errors";
import type { Logger } from "../logger";
import type { ControlsChange, ProviderCardState } from "../providers/provider";
import type { SpendingControlsInput } from "../providers/sudo/spending-controls.input";
import { CardCapability } from "./capabilities";
import { cardCanceled, rateLimited } from "./errors";
import type { CancelCardArgs, UpdateCardControlsArgs } from "./lifecycle.args";
import { refOf, type ChangeSpec, type LifecycleService } from "./lifecycle.service";
import type { CallerRateLimiter } from "../ratelimit/caller-limiter";
import { RevealedToken } from "./lifecycle.types";

/** The GraphQL operations on issued cards: arguments checked, keys honoured, then one LifecycleService change each. */
export class CardChanges {
  constructor(
    private readonly service: LifecycleService,
    private readonly options: { hashSecret: string; reveals: CallerRateLimiter },
    private readonly logger: Logger,
  ) {}

  async freeze(principal: Principal, id: string): Promise<Card> {
    const target = await this.service.target(principal, id, "write", CardCapability.FREEZE);
    return this.service.change(target, callerOf(principal), statusChange(CardCapability.FREEZE, CardEventKind.FROZEN, CardStatus.INACTIVE, (l, ref) => l.freeze!(ref)));
  }

  async unfreeze(principal: Principal, id: string): Promise<Card> {
    const target = await this.service.target(principal, id, "write", CardCapability.UNFREEZE);
    return this.service.change(target, callerOf(principal), statusChange(CardCapability.UNFREEZE, CardEventKind.UNFROZEN, CardStatus.ACTIVE, (l, ref) => l.unfreeze!(ref)));
  }

  async cancel(principal: Principal, args: CancelCardArgs): Promise<Card> {
    const problems = [...checkIdempotencyKey(args.idempotencyKey), ...textProblems([args.creditAccountId ?? ""], "creditAccountId").map(unindexed)];
    if (problems.length) throw new BadUserInputError(problems);
    const target = await this.service.target(principal, args.id, "write", CardCapability.CANCEL);
    const request = { reason: args.reason, creditAccountId: args.creditAccountId ?? null };
    const providerProblems = target.lifecycle.checkCancel?.(request) ?? [];
    if (providerProblems.length) throw new BadUserInputError(providerProblems);
    return this.keyed(principal, args.idempotencyKey, "cancelCard", args.id, request, () =>
      this.service.change(target, callerOf(principal), {
        ...statusChange(CardCapability.CANCEL, CardEventKind.CANCELED, CardStatus.CANCELED, (l, ref) => l.cancel!(ref, request)),
        detail: { reason: args.reason },
      }),
    );
  }

  async updateControls(principal: Principal, args: UpdateCardControlsArgs): Promise<Card> {
    const problems: FieldProblem[] = [
      ...checkIdempotencyKey(args.idempotencyKey),
      ...textProblems(args.spendingControls ?? {}, "spendingControls"),
      ...textProblems(args.metadata ?? {}, "metadata"),
      ...(await validateInput(args, "")),
    ];
    if (args.spendingControls == null && args.metadata === undefined) {
      problems.push({ field: "spendingControls", rule: "oneRequired", message: "spendingControls or metadata must be given" });
    }
    if (problems.length) throw new BadUserInputError(problems);
    const target = await this.service.target(principal, args.id, "write", CardCapability.UPDATE_CONTROLS);
    const change: ControlsChange = { spendingControls: args.spendingControls ?? undefined, metadata: args.metadata };
    const fields = [...(args.spendingControls ? ["spendingControls"] : []), ...(args.metadata !== undefined ? ["metadata"] : [])];
    return this.keyed(principal, args.idempotencyKey, "updateCardControls", args.id, change, () =>
      this.service.change(target, callerOf(principal), {
        capability: CardCapability.UPDATE_CONTROLS,
        kind: CardEventKind.CONTROLS_CHANGED,
        detail: { fields },
        call: (l, ref) => l.updateControls!(ref, change),
        applied: (state) => controlsApplied(change, state),
      }),
    );
  }

  async refresh(principal: Principal, id: string): Promise<Card> {
    const target = await this.service.target(principal, id, "write", CardCapability.REFRESH);
    return (await this.service.refresh(target, callerOf(principal), { always: true, wait: true }))!;
  }

  /** The token goes to the caller and nowhere else: not the log, not the store, not the audit row. */
  async revealToken(principal: Principal, id: string): Promise<RevealedToken> {
    const caller = callerOf(principal);
    const wait = this.options.reveals.admit(caller);
    if (wait !== null) throw rateLimited(wait);
    const { card, lifecycle } = await this.service.target(principal, id, "reveal", CardCapability.REVEAL);
    if (card.status === CardStatus.CANCELED) throw cardCanceled();
    const revealed = await lifecycle.revealToken!(refOf(card));
    await this.service.store.audit.record({
      cardId: card.id,
      actor: caller,
      kind: CardEventKind.REVEAL_TOKEN_ISSUED,
      statusBefore: card.status,
      statusAfter: card.status,
      detail: { expiresAt: revealed.expiresAt.toISOString() },
    });
    this.logger.info({ cardId: card.id, provider: card.provider }, "card reveal token issued");
    return { token: revealed.token, expiresAt: revealed.expiresAt, vaultId: revealed.vaultId, cardId: card.id, providerCardId: card.providerCardId };
  }

  /**
   * createCard's key rules for changes: scoped to the caller, the same key with other arguments is refused, a
   * finished change is answered from the card as it is now, a failed one replays its error. A key still pending
   * (a crash, a concurrent retry) simply runs again: the change leads to the same state, under the card's lease.
   */
  private async keyed(principal: Principal, key: string, operation: string, cardId: string, args: object, run: () => Promise<Card>): Promise<Card> {
    const scope = callerOf(principal);
    const hash = requestHash(this.options.hashSecret, operation, { cardId, args });
    const store = this.service.store;
    const existing = await store.beginOperation(scope, key, hash, cardId);
    if (existing && existing.requestHash !== hash) {
      throw appError("This idempotencyKey was already used with different arguments; use a new key for a new change.", {
        code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
        field: "idempotencyKey",
      });
    }
    if (existing?.state === "succeeded") return (await store.card(cardId))!;
    if (existing?.state === "failed") throw appError(existing.error?.message ?? "The original request failed.", { ...existing.error?.extensions, replayed: true });
    try {
      const card = await run();
      await store.finishOperation(scope, key, null);
      return card;
    } catch (error) {
      // Only a final answer is kept: a refusal. Anything else may succeed on a retry with the same key.
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (error instanceof ProviderRejectedError || code === ErrorCode.CARD_CANCELED) {
        const { message, extensions } = error as ProviderRejectedError;
        await store.finishOperation(scope, key, { message, extensions: { ...extensions } });
      }
      throw error;
    }
  }
}

/** textProblems indexes array items; a single argument wrapped in one has no index to show. */
const unindexed = (problem: FieldProblem): FieldProblem => ({ ...problem, field: problem.field.replace(/\.0$/, ""), message: problem.message.replace(/^(\S+)\.0 /, "$1 ") });

function statusChange(capability: CardCapability, kind: CardEventKind, target: CardStatus, call: ChangeSpec["call"]): ChangeSpec {
  return { capability, kind, target, detail: {}, call, applied: (state) => state.status === target };
}

/** Whether the card read back carries every control and the metadata the change asked for. */
export function controlsApplied(change: ControlsChange, state: ProviderCardState): boolean {
  if (change.metadata !== undefined && canonicalJson(change.metadata && Object.keys(change.metadata).length ? change.metadata : null) !== canonicalJson(state.metadata ?? null)) {
    return false;
  }
  const asked = change.spendingControls as SpendingControlsInput | undefined;
  if (!asked) return true;
  const got = state.spendingControls;
  if (!got) return false;
  const channels = asked.channels ?? {};
  for (const name of ["atm", "pos", "web", "mobile"] as const) {
    if (typeof channels[name] === "boolean" && got.channels?.[name] !== channels[name]) return false;
  }
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  if (asked.allowedCategories && !same(asked.allowedCategories, got.allowedCategories)) return false;
  if (asked.blockedCategories && !same(asked.blockedCategories, got.blockedCategories)) return false;
  const limits = (list: { amount: number; interval: string }[]) => list.map(({ amount, interval }) => ({ amount, interval }));
  return !asked.spendingLimits || same(limits(asked.spendingLimits), limits(got.spendingLimits));
}

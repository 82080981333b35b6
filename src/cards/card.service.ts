import { GraphQLError } from "graphql";
import type { Logger } from "../logger";
import { assertCanAccessCustomer, callerOf, type Principal } from "../auth";
import { appError, BadUserInputError, ErrorCode, ProviderRejectedError, ProviderUnavailableError } from "../errors";
import type { CardIssuer, ProviderDefinition } from "../providers/provider";
import { onBehalfOf } from "../providers/resilience";
import type { Attempt, CardStore, StoredError } from "../store/store";
import type { Card } from "./card.type";
import type { CreateCardInput } from "./card.input";
import { checkIdempotencyKey, newCardId, newLeaseToken, providerIdempotencyKey, requestHash } from "./idempotency";
import { textProblems, validateInput } from "./validation";

export interface ConfiguredProvider {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ProviderDefinition<any, any>;
  issuer: CardIssuer<object>;
}

export interface IdempotencyOptions {
  /** Secret for the request hash (see idempotency.ts). */
  hashSecret: string;
  leaseMs: number;
  retentionMs: number;
  /** How long a request waits for a concurrent one with the same key before answering IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
  pollMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * createCard with Stripe's idempotency semantics: the attempt is recorded before the provider call, the outcome
 * (card or provider refusal) is stored and replayed, and an attempt whose outcome is unknown is resumed, never
 * re-issued blindly. See docs/idempotency.md.
 */
export class CardService {
  constructor(
    private readonly store: CardStore,
    private readonly providers: readonly ConfiguredProvider[],
    private readonly options: IdempotencyOptions,
    private readonly logger: Logger,
  ) {}

  async createCard(principal: Principal, key: string, input: CreateCardInput): Promise<Card> {
    const { provider, providerInput } = this.pick(input);
    const field = `input.${provider.definition.inputField}`;
    // Before validation, the store and the provider: a caller learns nothing about another customer, not even its rules.
    assertCanAccessCustomer(principal, provider.definition.customerIdOf(providerInput), "write", `${field}.customerId`);
    const scope = callerOf(principal);
    const problems = [
      ...checkIdempotencyKey(key),
      ...textProblems(providerInput, field, provider.definition.cardNumberFields),
      ...(await validateInput(providerInput, field)),
      ...provider.issuer.validate(providerInput).map((p) => ({ ...p, field: `${field}.${p.field}` })),
    ];
    if (problems.length) throw new BadUserInputError(problems);

    const hash = requestHash(this.options.hashSecret, provider.definition.name, providerInput);
    const leaseToken = newLeaseToken();
    const { attempt, created } = await this.store.beginAttempt(
      { scope, key, requestHash: hash, cardId: newCardId(), provider: provider.definition.name, customerId: provider.definition.customerIdOf(providerInput), leaseToken },
      this.options,
    );
    if (attempt.requestHash !== hash) {
      throw appError("This idempotencyKey was already used with a different input; use a new key for a new card.", {
        code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
        field: "idempotencyKey",
      });
    }
    if (created) return this.run(provider, providerInput, attempt, false);
    return this.settle(provider, providerInput, attempt);
  }

  /** Exactly one CreateCardInput field is set (graphql enforces @oneOf; this guards a graph layer that dropped it). */
  private pick(input: CreateCardInput): { provider: ConfiguredProvider; providerInput: object } {
    const set = this.providers.filter((p) => input[p.definition.inputField] != null);
    if (set.length !== 1) {
      const fields = this.providers.map((p) => p.definition.inputField).join(", ");
      throw new BadUserInputError([{ field: "input", rule: "oneOf", message: `input must set exactly one of: ${fields}` }]);
    }
    return { provider: set[0], providerInput: input[set[0].definition.inputField] as object };
  }

  /** A request that found an existing attempt: replay it, wait for its owner, or resume it if the owner is gone. */
  private async settle(provider: ConfiguredProvider, providerInput: object, first: Attempt): Promise<Card> {
    const deadline = Date.now() + this.options.waitMs;
    let attempt: Attempt | null = first;
    for (;;) {
      if (!attempt) throw new Error("idempotency attempt disappeared");
      if (attempt.state === "succeeded") return this.cardOf(attempt);
      if (attempt.state === "failed") throw replayError(attempt.error);
      const leaseToken = newLeaseToken();
      const claimed = await this.store.claimAttempt(attempt.scope, attempt.key, leaseToken, this.options.leaseMs);
      if (claimed) return this.run(provider, providerInput, claimed, true);
      if (Date.now() >= deadline) {
        throw appError("A request with this idempotencyKey is still in progress; retry shortly with the same key.", {
          code: ErrorCode.IDEMPOTENCY_IN_PROGRESS,
          field: "idempotencyKey",
        });
      }
      await sleep(this.options.pollMs);
      attempt = await this.store.getAttempt(attempt.scope, attempt.key);
    }
  }

  /** Calls the provider under our lease and records the outcome. */
  private async run(provider: ConfiguredProvider, providerInput: object, attempt: Attempt, resuming: boolean): Promise<Card> {
    const request = { input: providerInput, cardId: attempt.cardId, idempotencyKey: providerIdempotencyKey(attempt.scope, attempt.key) };
    const log = this.logger.child({ cardId: attempt.cardId, provider: attempt.provider, resuming });
    try {
      // Attributed to the caller: one caller's failures alone never open the provider's breaker (docs/resilience.md).
      const issued = await onBehalfOf(attempt.scope, () => (resuming ? provider.issuer.resume(request) : provider.issuer.issue(request)));
      const card: Card = { ...issued, id: attempt.cardId, provider: attempt.provider, createdAt: issued.createdAt ?? new Date() };
      if (!(await this.store.completeAttempt(attempt.scope, attempt.key, attempt.leaseToken, card))) {
        // Our lease lapsed and another request resumed the attempt; its outcome is the one that counts.
        return this.settle(provider, providerInput, (await this.store.getAttempt(attempt.scope, attempt.key))!);
      }
      log.info({ providerCardId: card.providerCardId }, "card issued");
      return card;
    } catch (error) {
      if (error instanceof ProviderRejectedError) {
        log.warn({ providerCode: error.providerCode }, "provider rejected the card");
        await this.store.failAttempt(attempt.scope, attempt.key, attempt.leaseToken, toStored(error));
        throw error;
      }
      // The outcome is unknown: keep the attempt pending so a later request with the key resumes it, once the
      // provider has had time to finish whatever it may still be doing. A call that was never sent needs no such
      // wait (any earlier call for this attempt already had its window): the key is free again at once, as the
      // retryAfterSeconds the client was given promises.
      const settleMs = error instanceof ProviderUnavailableError && error.nothingSent ? 0 : provider.issuer.settleMs;
      await this.store.releaseAttempt(attempt.scope, attempt.key, attempt.leaseToken, settleMs).catch(() => undefined);
      if (error instanceof ProviderUnavailableError) {
        log.warn({ reason: error.reason }, "provider unavailable");
        throw error;
      }
      log.error({ err: error }, "card issue failed unexpectedly");
      throw new ProviderUnavailableError(attempt.provider, "UPSTREAM_ERROR", "the card could not be confirmed; retry with the same idempotencyKey");
    }
  }

  private async cardOf(attempt: Attempt): Promise<Card> {
    const card = (await this.store.findCards([attempt.cardId])).get(attempt.cardId);
    if (!card) throw new Error(`attempt ${attempt.cardId} succeeded but its card is missing`);
    return card;
  }
}

function toStored(error: GraphQLError): StoredError {
  return { message: error.message, extensions: { ...error.extensions } };
}

function replayError(stored: StoredError | null): GraphQLError {
  return appError(stored?.message ?? "The original request failed.", { ...stored?.extensions, replayed: true });
}

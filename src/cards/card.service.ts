import { GraphQLError } from "graphql";
import { plainToInstance } from "class-transformer";
import type { Logger } from "../logger";
import { assertCanAccessCustomer, callerOf, type Principal } from "../auth";
import { AppError, appError, BadUserInputError, ErrorCode, ProviderRejectedError, ProviderUnavailableError } from "../errors";
import type { CardIssuer, ProviderDefinition } from "../providers/provider";
import { onBehalfOf } from "../providers/resilience";
import type { Attempt, CardStore, StoredError } from "../store/store";
import { idempotencyOutcomes, type IdempotencyOutcome } from "../telemetry/metrics";
import type { Card } from "./card.type";
import type { CreateCardInput } from "./card.input";
import { AttemptWaiters, type Observed } from "./attempt-waiters";
import { CardRecorder } from "./card-recorder";
import { checkIdempotencyKey, newCardId, newLeaseToken, providerIdempotencyKey, requestHash } from "./idempotency";
import { InputSealer } from "./sealed-input";
import { textProblems, validateInput } from "./validation";

export interface ConfiguredProvider {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ProviderDefinition<any, any>;
  issuer: CardIssuer<object>;
}

/** A caller's createCard allowance (src/ratelimit): `check` throws RATE_LIMITED when it is used up. */
export interface CreateQuota {
  check(): void;
  charge(): void;
}

export interface IdempotencyOptions {
  /** Secret for the request hash (see idempotency.ts). */
  hashSecret: string;
  leaseMs: number;
  retentionMs: number;
  /** How long a request waits for a concurrent one with the same key before answering IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
  /** Fallback poll of a waiter when no wake-up comes (IDEMPOTENCY_POLL_MS); wake-ups normally come at once. */
  pollMs: number;
  /** Waits between tries of a card write that may pass on a retry (default DEFAULT_RECORD_RETRY_MS). */
  recordRetryMs?: readonly number[];
}

/** What came of resuming an attempt without the client; the reconciler counts these. */
export type ResumeOutcome = "completed" | "rejected" | "pending" | "unresumable";

/**
 * createCard with Stripe's idempotency semantics: the attempt is recorded before the provider call, the outcome
 * (card or provider refusal) is stored and replayed, and an attempt whose outcome is unknown is resumed, never
 * re-issued blindly. See docs/idempotency.md.
 */
export class CardService {
  private readonly sealer: InputSealer;
  private readonly recorder: CardRecorder;
  private readonly waiters: AttemptWaiters;

  constructor(
    private readonly store: CardStore,
    private readonly providers: readonly ConfiguredProvider[],
    private readonly options: IdempotencyOptions,
    private readonly logger: Logger,
  ) {
    this.sealer = new InputSealer(options.hashSecret);
    this.recorder = new CardRecorder(store, options.recordRetryMs);
    this.waiters = new AttemptWaiters(store, options.pollMs);
  }

  /** The providers the reconciler may resume attempts of. */
  get providerNames(): string[] {
    return this.providers.map((p) => p.definition.name);
  }

  /**
   * `quota` is the caller's createCard allowance: checked once the input is valid, charged only when this request
   * starts a new attempt (a provider call), so retries and concurrent duplicates of a key cost nothing.
   */
  async createCard(principal: Principal, key: string, input: CreateCardInput, quota?: CreateQuota): Promise<Card> {
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
    quota?.check();

    const hash = requestHash(this.options.hashSecret, provider.definition.name, providerInput);
    // A request of this process already follows the key (hundreds may arrive at once): join it, no store call.
    const known = this.waiters.known(scope, key);
    if (known) return this.settle(provider, providerInput, checkSameInput(known, hash), count);
    const leaseToken = newLeaseToken();
    const cardId = newCardId();
    const { attempt, created } = await this.waiters.begin(scope, key, () =>
      this.store.beginAttempt(
        {
          scope, key, requestHash: hash, cardId, provider: provider.definition.name, customerId: provider.definition.customerIdOf(providerInput), leaseToken,
          providerKey: providerIdempotencyKey(scope, key, cardId),
          resumeInput: this.sealer.seal(providerInput, cardId),
        },
        this.options,
      ),
    );
    checkSameInput(attempt, hash);
    if (created) {
      quota?.charge();
      count("new");
      return this.waiters.follow(attempt, () => this.run(provider, providerInput, attempt, false));
    }
    return this.settle(provider, providerInput, attempt, count);
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

  /**
   * A request that found an existing attempt: replay it, wait for its owner, or resume it if the owner is gone.
   * Waiting costs no store calls of its own: every waiter on the key in this process shares one watch (see
   * attempt-waiters.ts), woken when the attempt changes anywhere.
   */
  private settle(provider: ConfiguredProvider, providerInput: object, first: Attempt, report: (outcome: IdempotencyOutcome) => void = () => undefined): Promise<Card> {
    return this.waiters.follow(first, async () => {
      const deadline = Date.now() + this.options.waitMs;
      let observed: Observed = { attempt: first };
      for (;;) {
        const { attempt, card } = observed;
        if (attempt.state === "succeeded") {
          report("replayed");
          return card ?? this.cardOf(attempt);
        }
        if (attempt.state === "failed") {
          report("replayed");
          throw replayError(attempt.error);
        }
        if (attempt.leaseUntil.getTime() <= Date.now()) {
          const leaseToken = newLeaseToken();
          const claimed = await this.waiters.claimOnce(attempt, () => this.store.claimAttempt(attempt.scope, attempt.key, leaseToken, this.options.leaseMs));
          if (claimed) {
            report("resumed");
            this.waiters.changed(claimed);
            return this.run(provider, providerInput, claimed, true);
          }
        }
        if (Date.now() >= deadline) {
          report("in_progress");
          throw appError("A request with this idempotencyKey is still in progress; retry shortly with the same key.", {
            code: ErrorCode.IDEMPOTENCY_IN_PROGRESS,
            field: "idempotencyKey",
          });
        }
        observed = await this.waiters.next(attempt, deadline);
      }
    });
  }

  /**
   * Resumes an attempt the reconciler claimed, without the client: from the card kept after a failed write, or by
   * resuming the provider call with the sealed input. Never throws; says what came of it.
   */
  async resumeClaimed(attempt: Attempt): Promise<ResumeOutcome> {
    const provider = this.providers.find((p) => p.definition.name === attempt.provider);
    const input = provider && !attempt.issuedCard ? this.openInput(provider, attempt) : {};
    if (!provider || !input) {
      this.logger.error({ cardId: attempt.cardId, provider: attempt.provider }, "cannot resume the attempt: its sealed input does not open (was IDEMPOTENCY_SECRET changed?)");
      await this.store.releaseAttempt(attempt.scope, attempt.key, attempt.leaseToken, 0).catch(() => undefined);
      return "unresumable";
    }
    try {
      await this.run(provider, input, attempt, true);
      return "completed";
    } catch (error) {
      return error instanceof ProviderRejectedError ? "rejected" : "pending";
    }
  }

  private openInput(provider: ConfiguredProvider, attempt: Attempt): object | null {
    const plain = attempt.resumeInput === null ? null : this.sealer.open(attempt.resumeInput, attempt.cardId);
    if (plain === null || typeof plain !== "object") return null;
    const input = plainToInstance(provider.definition.inputType, plain) as object;
    // The seal authenticates the text; the hash proves it is the input this attempt was recorded with.
    return requestHash(this.options.hashSecret, provider.definition.name, input) === attempt.requestHash ? input : null;
  }

  /** Calls the provider under our lease (unless it already answered) and records the card. */
  private async run(provider: ConfiguredProvider, providerInput: object, attempt: Attempt, resuming: boolean): Promise<Card> {
    const log = this.logger.child({ cardId: attempt.cardId, provider: attempt.provider, resuming });
    const card = attempt.issuedCard ?? (await this.call(provider, providerInput, attempt, resuming, log));
    const stored = await this.recorder.record(attempt, card, log);
    // Our lease lapsed and another request resumed the attempt; its outcome is the one that counts.
    if (!stored) return this.settle(provider, providerInput, (await this.store.getAttempt(attempt.scope, attempt.key))!);
    this.waiters.changed({ ...attempt, state: "succeeded", cardId: stored.id, resumeInput: null, issuedCard: null }, stored);
    log.info({ providerCardId: stored.providerCardId, fromKeptAnswer: attempt.issuedCard !== null }, "card issued");
    return stored;
  }

  /** The provider call; a refusal is recorded, an unknown outcome leaves the attempt pending for a resume. */
  private async call(provider: ConfiguredProvider, providerInput: object, attempt: Attempt, resuming: boolean, log: Logger): Promise<Card> {
    const request = { input: providerInput, cardId: attempt.cardId, idempotencyKey: attempt.providerKey };
    try {
      // Attributed to the caller: one caller's failures alone never open the provider's breaker (docs/resilience.md).
      const issued = await onBehalfOf(attempt.scope, () => (resuming ? provider.issuer.resume(request) : provider.issuer.issue(request)));
      return { ...issued, id: attempt.cardId, provider: attempt.provider, createdAt: issued.createdAt ?? new Date() };
    } catch (error) {
      if (error instanceof ProviderRejectedError) {
        log.warn({ providerCode: error.providerCode }, "provider rejected the card");
        if (await this.store.failAttempt(attempt.scope, attempt.key, attempt.leaseToken, toStored(error))) {
          this.waiters.changed({ ...attempt, state: "failed", error: toStored(error), resumeInput: null });
        }
        throw error;
      }
      // The outcome is unknown: keep the attempt pending so a later request with the key resumes it, once the
      // provider has had time to finish whatever it may still be doing. A call that was never sent needs no such
      // wait (any earlier call for this attempt already had its window): the key is free again at once, as the
      // retryAfterSeconds the client was given promises.
      const nothingSent = (error as { nothingSent?: unknown }).nothingSent === true;
      const settleMs = nothingSent ? 0 : provider.issuer.settleMs;
      await this.store.releaseAttempt(attempt.scope, attempt.key, attempt.leaseToken, settleMs).then(
        () => this.waiters.changed({ ...attempt, leaseUntil: new Date(Date.now() + settleMs) }),
        () => undefined,
      );
      // Refused before anything was sent (e.g. BANK_CONSENT_REQUIRED): the client's to act on, and the key is free.
      if (nothingSent && error instanceof AppError) throw error;
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

/** One count per createCard that reached its key (the metric cards_idempotency_outcomes_total). */
function count(outcome: IdempotencyOutcome): void {
  idempotencyOutcomes.inc({ outcome });
}

function checkSameInput(attempt: Attempt, hash: string): Attempt {
  if (attempt.requestHash === hash) return attempt;
  count("key_reused");
  throw appError("This idempotencyKey was already used with a different input; use a new key for a new card.", {
    code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
    field: "idempotencyKey",
  });
}

function toStored(error: GraphQLError): StoredError {
  return { message: error.message, extensions: { ...error.extensions } };
}

function replayError(stored: StoredError | null): GraphQLError {
  return appError(stored?.message ?? "The original request failed.", { ...stored?.extensions, replayed: true });
}

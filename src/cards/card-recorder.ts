import { appError, ErrorCode } from "../errors";
import type { Logger } from "../logger";
import { isPermanentStoreError } from "../store/errors";
import type { Attempt, CardStore } from "../store/store";
import type { Card } from "./card.type";

/** Waits between tries of a card write that failed in a way that may pass (connection lost, failover, overload). */
export const DEFAULT_RECORD_RETRY_MS: readonly number[] = [100, 500, 2_000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The provider issued the card, but it is not in the registry yet: the same key will finish it, without a second card. */
export function cardNotRecorded() {
  return appError("The card was issued but could not be recorded yet; retry with the same idempotencyKey to get it.", {
    code: ErrorCode.STORE_UNAVAILABLE,
    retryAfterSeconds: 1,
  });
}

/**
 * Records a card the provider issued. Once the provider has answered, losing the answer means losing the card (a
 * Sudo card is even charged for), so a failed write is retried, and if it still fails the answer is kept on the
 * attempt row, as JSON text that any answer fits in, for a retry with the key or the reconciler to record.
 */
export class CardRecorder {
  constructor(
    private readonly store: CardStore,
    private readonly retryMs: readonly number[] = DEFAULT_RECORD_RETRY_MS,
  ) {}

  /** The card as stored, or null when our lease was taken over (the new owner's outcome counts). */
  async record(attempt: Attempt, card: Card, log: Logger): Promise<Card | null> {
    let failure: unknown;
    for (let tries = 0; ; tries++) {
      try {
        return await this.store.completeAttempt(attempt.scope, attempt.key, attempt.leaseToken, card);
      } catch (error) {
        failure = error;
        if (isPermanentStoreError(error) || tries >= this.retryMs.length) break;
        log.warn({ err: error, retryInMs: this.retryMs[tries] }, "could not record the issued card; retrying");
        await sleep(this.retryMs[tries]);
      }
    }
    log.error({ err: failure, providerCardId: card.providerCardId }, "the provider issued the card but it could not be recorded; keeping its answer on the attempt");
    try {
      if (!(await this.store.keepIssuedCard(attempt.scope, attempt.key, attempt.leaseToken, card))) return null;
    } catch (error) {
      // The store is down: the attempt stays pending, and its resume asks the provider, which replays or finds the card.
      log.error({ err: error }, "could not keep the issued card's answer either; a resume will ask the provider for it");
    }
    throw cardNotRecorded();
  }
}

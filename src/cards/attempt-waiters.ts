import { attemptChangeId } from "../store/attempt-changes";
import type { Attempt, CardStore } from "../store/store";
import type { Card } from "./card.type";

/** An attempt as last read, with its card once it succeeded (read once for every waiter). */
export interface Observed {
  attempt: Attempt;
  card?: Card;
}

interface Watch {
  /** Requests of this process interested in the key: waiting, or running the provider call. */
  interest: number;
  latest: Observed;
  /** A read shared by every waiter of the round; undefined between rounds. */
  round?: Promise<Observed>;
  wake?: () => void;
  /** One request of this process at a time claims a lapsed lease; the others wait for its outcome. */
  claiming: boolean;
}

/**
 * Coalesces requests that wait on the same idempotency key. Per process and key there is one watch: requests join
 * it instead of each polling the store; it reads the attempt once when the store says it changed (LISTEN/NOTIFY,
 * from any replica), when its lease ends, or at the fallback poll, and hands that one read to every waiter.
 */
export class AttemptWaiters {
  private readonly watches = new Map<string, Watch>();
  private readonly beginning = new Map<string, Promise<{ attempt: Attempt; created: boolean }>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: CardStore,
    /** The slow poll for a wake-up that never came (no LISTEN, a lost connection, another replica's clock). */
    private readonly fallbackPollMs: number,
  ) {
    this.unsubscribe = store.onAttemptChange((changeId) => this.watches.get(changeId)?.wake?.());
  }

  /**
   * Records the attempt with `start` (the store's beginAttempt), once per key at a time in this process: requests
   * that arrive meanwhile share its answer, as requests that found the attempt (`created: false`).
   */
  async begin(scope: string, key: string, start: () => Promise<{ attempt: Attempt; created: boolean }>): Promise<{ attempt: Attempt; created: boolean }> {
    const id = attemptChangeId(scope, key);
    const inflight = this.beginning.get(id);
    if (inflight) return { attempt: (await inflight).attempt, created: false };
    const begun = start();
    this.beginning.set(id, begun);
    try {
      return await begun;
    } finally {
      this.beginning.delete(id);
    }
  }

  /** The attempt this process already follows for the key, if any: a new request joins it with no store call. */
  known(scope: string, key: string): Attempt | undefined {
    return this.watches.get(attemptChangeId(scope, key))?.latest.attempt;
  }

  /** Follows the key while `work` runs (the request that runs the provider call, or waits for it). */
  async follow<T>(attempt: Attempt, work: () => Promise<T>): Promise<T> {
    const id = attemptChangeId(attempt.scope, attempt.key);
    let watch = this.watches.get(id);
    if (!watch) this.watches.set(id, (watch = { interest: 0, latest: { attempt }, claiming: false }));
    watch.interest++;
    try {
      return await work();
    } finally {
      if (--watch.interest === 0) {
        watch.wake?.();
        this.watches.delete(id);
      }
    }
  }

  /** Runs `claim` unless another request of this process is claiming the key already (then: false, keep waiting). */
  async claimOnce<T>(attempt: Attempt, claim: () => Promise<T | null>): Promise<T | null> {
    const watch = this.watches.get(attemptChangeId(attempt.scope, attempt.key));
    if (!watch) return claim();
    if (watch.claiming) return null;
    watch.claiming = true;
    try {
      return await claim();
    } finally {
      watch.claiming = false;
    }
  }

  /** Wakes this process's waiters on the key now (its own request just recorded the outcome). */
  changed(attempt: Attempt, card?: Card): void {
    const watch = this.watches.get(attemptChangeId(attempt.scope, attempt.key));
    if (!watch) return;
    watch.latest = { attempt, card };
    watch.wake?.();
  }

  /**
   * The attempt after its next change, its lease's end or the fallback poll, whichever is first; or the last one
   * seen at `deadline`. Must be called inside `follow`.
   */
  async next(attempt: Attempt, deadline: number): Promise<Observed> {
    const watch = this.watches.get(attemptChangeId(attempt.scope, attempt.key))!;
    watch.round ??= this.observe(watch).finally(() => (watch.round = undefined));
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<Observed>((resolve) => (timer = setTimeout(() => resolve(watch.latest), Math.max(0, deadline - Date.now()))));
    try {
      return await Promise.race([watch.round, timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async observe(watch: Watch): Promise<Observed> {
    const seen = watch.latest;
    // A lease seen lapsed that we could not claim is held by a request elsewhere: its outcome will wake us.
    const leaseEndsIn = seen.attempt.leaseUntil.getTime() - Date.now();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, leaseEndsIn > 0 ? Math.min(this.fallbackPollMs, leaseEndsIn + 5) : this.fallbackPollMs);
      timer.unref();
      watch.wake = () => (clearTimeout(timer), resolve());
    });
    watch.wake = undefined;
    // Told by our own request: the outcome is already here.
    if (watch.latest !== seen) return watch.latest;
    const attempt = await this.store.getAttempt(seen.attempt.scope, seen.attempt.key);
    if (!attempt) return seen;
    const card = attempt.state === "succeeded" ? (await this.store.findCards([attempt.cardId])).get(attempt.cardId) : undefined;
    return (watch.latest = { attempt, card });
  }

  close(): void {
    this.unsubscribe();
  }
}

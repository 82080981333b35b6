import type { CardService, ResumeOutcome } from "../cards/card.service";
import { newLeaseToken } from "../cards/idempotency";
import type { Logger } from "../logger";
import type { CardStore } from "../store/store";

export interface ReconcilerOptions {
  /** Time between passes; 0 turns the background loop off (runOnce still works). */
  intervalMs: number;
  /** Attempts claimed per statement; a pass claims batches until one comes back short. */
  batchSize: number;
  /** The lease a claim takes, as a request's would (IDEMPOTENCY_LEASE_MS). */
  leaseMs: number;
}

/** One resumed attempt, for whoever counts them (metrics, tests). */
export interface ReconcilerEvent {
  outcome: ResumeOutcome;
  provider: string;
  cardId: string;
}

export type ReconcilerCounts = Record<ResumeOutcome, number> & { claimed: number };

/** Totals since start, by outcome: `completed` attempts ended with their card in the registry. */
export interface ReconcilerStats extends ReconcilerCounts {
  passes: number;
  /** Passes that failed as a whole (the store could not be reached); the next one tries again. */
  failedPasses: number;
  lastPassAt: Date | null;
}

const zero = (): ReconcilerCounts => ({ claimed: 0, completed: 0, rejected: 0, pending: 0, unresumable: 0 });

/**
 * Finishes createCard attempts nobody is finishing: a request that died with its process, or a client that never
 * retried after an unknown outcome. Every replica runs one; each attempt is claimed through its lease (a conditional
 * UPDATE that skips rows another replica holds), so one replica at a time resumes it, exactly as a retry with the
 * client's key would. A card the provider issued therefore always ends up in the registry.
 */
export class Reconciler {
  private readonly totals: ReconcilerStats = { ...zero(), passes: 0, failedPasses: 0, lastPassAt: null };
  private readonly listeners = new Set<(event: ReconcilerEvent) => void>();
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<ReconcilerCounts> | undefined;
  private stopped = false;

  constructor(
    private readonly store: CardStore,
    private readonly service: CardService,
    private readonly options: ReconcilerOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts the background loop; the first pass comes at a random point of the first interval, so replicas spread. */
  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    const tick = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.runOnce().finally(() => !this.stopped && tick(this.options.intervalMs));
      }, delay);
      this.timer.unref();
    };
    tick(Math.round(Math.random() * this.options.intervalMs));
  }

  /** Stops the loop and waits for a pass under way, so the store is not closed beneath it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** Snapshot of the totals (for metrics). */
  stats(): ReconcilerStats {
    return { ...this.totals };
  }

  /** Calls `listener` for every resumed attempt; returns the unsubscribe. */
  onAttempt(listener: (event: ReconcilerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One pass: claims and resumes lapsed attempts until none is left. Concurrent calls share the pass. */
  runOnce(): Promise<ReconcilerCounts> {
    this.pass ??= this.reconcile().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async reconcile(): Promise<ReconcilerCounts> {
    const counts = zero();
    try {
      for (;;) {
        const claimed = await this.store.claimResumable(newLeaseToken(), this.options.leaseMs, this.options.batchSize, this.service.providerNames);
        counts.claimed += claimed.length;
        const outcomes = await Promise.all(claimed.map((attempt) => this.service.resumeClaimed(attempt)));
        outcomes.forEach((outcome, i) => {
          counts[outcome]++;
          this.emit({ outcome, provider: claimed[i].provider, cardId: claimed[i].cardId });
        });
        if (claimed.length < this.options.batchSize || this.stopped) break;
      }
    } catch (error) {
      this.totals.failedPasses++;
      this.logger.warn({ err: error }, "reconciler pass failed; the next one tries again");
    }
    this.totals.passes++;
    this.totals.lastPassAt = new Date();
    for (const key of Object.keys(counts) as Array<keyof ReconcilerCounts>) this.totals[key] += counts[key];
    if (counts.claimed > 0) this.logger.info({ ...counts }, "reconciler resumed lapsed createCard attempts");
    return counts;
  }

  private emit(event: ReconcilerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn({ err: error }, "reconciler listener failed");
      }
    }
  }
}

import { SYSTEM_CARD_SYNC } from "../audit";
import { ProviderUnavailableError } from "../errors";
import type { Logger } from "../logger";
import type { LifecycleConfig } from "./config";
import type { LifecycleService } from "./lifecycle.service";

/**
 * Card-state sync keeps the registry following the providers between webhooks: every interval it reads back a small batch of cards
 * whose provider state may have moved (a change whose outcome was unknown, or a card not read for a while). The
 * batch is the budget: the provider calls go through the same guard as everyone's, so a tick that meets the rate
 * limiter or an open breaker stops at once instead of queueing behind client requests.
 */
export class CardSync {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly service: LifecycleService,
    private readonly config: LifecycleConfig["sync"],
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.config.intervalMs === 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.config.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many cards it read. Never two passes at once in a process. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const store = this.service.store;
    let ids: string[];
    try {
      ids = await store.dueForSync(this.service.refreshable(), this.config.batch, this.config.staleMs);
    } catch (err) {
      this.logger.warn({ err }, "card sync could not list cards");
      return 0;
    }
    let read = 0;
    for (const cardId of ids) {
      const target = await this.service.systemTarget(cardId);
      if (!target) continue;
      try {
        if (await this.service.refresh(target, SYSTEM_CARD_SYNC, { always: false, wait: false })) read += 1;
      } catch (error) {
        if (error instanceof ProviderUnavailableError && error.nothingSent) {
          this.logger.info({ reason: error.reason }, "card sync paused: provider budget or breaker");
          break;
        }
        // Looked at again after a full interval, behind cards that are due.
        await store.checkLater(cardId, this.config.intervalMs).catch(() => undefined);
        this.logger.warn({ cardId, provider: target.card.provider, code: (error as { extensions?: { code?: unknown } }).extensions?.code }, "card sync could not read a card");
      }
    }
    if (read) this.logger.info({ read }, "card sync read cards back from their providers");
    return read;
  }
}

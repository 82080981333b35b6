import type { Kysely } from "kysely";
import type { ConfiguredProvider } from "../cards/card.service";
import type { Logger } from "../logger";
import type { Database } from "../store/db";
import { CardChanges } from "./card-changes";
import type { LifecycleConfig } from "./config";
import { LifecycleService } from "./lifecycle.service";
import { LifecycleStore } from "./lifecycle.store";
import { CardSync } from "./card-sync";
import { CallerRateLimiter } from "../ratelimit/caller-limiter";

export { readLifecycleConfig, type LifecycleConfig } from "./config";
export { CardChanges } from "./card-changes";
export { LifecycleService } from "./lifecycle.service";
export { LifecycleStore } from "./lifecycle.store";
export { CardSync } from "./card-sync";

export interface Lifecycle {
  service: LifecycleService;
  changes: CardChanges;
  cardSync: CardSync;
}

/** Everything after issuance, built once per process over the same store and providers as createCard. */
export function createLifecycle(db: Kysely<Database>, providers: readonly ConfiguredProvider[], config: LifecycleConfig, hashSecret: string, logger: Logger): Lifecycle {
  const service = new LifecycleService(new LifecycleStore(db), providers, config, logger);
  const changes = new CardChanges(service, { hashSecret, reveals: new CallerRateLimiter(config.reveal) }, logger);
  return { service, changes, cardSync: new CardSync(service, config.sync, logger.child({ component: "card-sync" })) };
}

import type { CardLoaders } from "./cards/card.loader";
import type { CardService } from "./cards/card.service";
import type { CardStore } from "./store/store";
import type { Logger } from "./logger";

/** Built once per request by the server. */
export interface Context {
  /** Who is calling: idempotency keys are scoped to it. The router's authenticated subject once auth is on. */
  caller: string;
  cards: CardService;
  store: CardStore;
  loaders: CardLoaders;
  logger: Logger;
}

import type { Principal } from "./auth/principal";
import type { CardLoaders } from "./cards/card.loader";
import type { CardService } from "./cards/card.service";
import type { ConsentService } from "./consents/consent.service";
import type { CardStore } from "./store/store";
import type { CardChanges } from "./lifecycle/card-changes";
import type { LifecycleService } from "./lifecycle/lifecycle.service";
import type { Logger } from "./logger";
import type { CallerLimits } from "./ratelimit";

/** Built once per request by the server. */
export interface Context {
  /** The verified bearer token's issuer, subject and scopes. */
  principal: Principal;
  /** Who is calling, `${iss}|${sub}` (callerOf): idempotency keys are scoped to it. */
  caller: string;
  cards: CardService;
  /** Per-caller limits (createCard calls, large reads), shared by every request of the process. */
  callerLimits: CallerLimits;
  /** freezeCard, cancelCard, updateCardControls, refreshCard, cardRevealToken. */
  lifecycle: CardChanges;
  /** Card.capabilities and Card.events. */
  lifecycleService: LifecycleService;
  /** Bank consents (src/consents). */
  consents: ConsentService;
  store: CardStore;
  loaders: CardLoaders;
  /** Carries the request id on every line (see withLogFields in logger.ts). */
  logger: Logger;
  /** From the router's `x-request-id` or `traceparent`, else generated; echoed in the response's `x-request-id`. */
  requestId: string;
}

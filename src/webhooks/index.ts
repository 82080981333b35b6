export { readWebhookTokens } from "./config";
export { WebhookInbox, type Outcome } from "./inbox";
export { webhookRoutes, type WebhookReceiver } from "./route";

import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { ConfiguredProvider } from "../cards/card.service";
import type { LifecycleStore } from "../lifecycle/lifecycle.store";
import type { Logger } from "../logger";
import type { Database } from "../store/db";
import type { RouteHandler } from "../http";
import { WebhookInbox as Inbox } from "./inbox";
import { webhookRoutes as routes, type WebhookReceiver as Receiver } from "./route";

export interface Webhooks {
  route: RouteHandler;
  /** Points each in-process simulator's deliveries at this server once its URL is known. */
  connect(baseUrl: string, sinks: ReadonlyMap<string, (url: string, token: string) => void>): void;
}

/** One receiver per provider that sends webhooks; a token left unset (development only) is generated here. */
export function createWebhooks(providers: readonly ConfiguredProvider[], tokens: Record<string, string | undefined>, db: Kysely<Database>, lifecycle: LifecycleStore, logger: Logger): Webhooks {
  const receivers: Receiver[] = providers.flatMap(({ definition }) =>
    definition.webhooks ? [{ provider: definition.name, definition: definition.webhooks, token: tokens[definition.name] ?? randomBytes(32).toString("hex") }] : [],
  );
  return {
    route: routes(receivers, new Inbox(db, lifecycle), logger),
    connect(baseUrl, sinks) {
      for (const { provider, definition, token } of receivers) sinks.get(provider)?.(new URL(`webhooks/${definition.path}`, baseUrl).toString(), token);
    },
  };
}

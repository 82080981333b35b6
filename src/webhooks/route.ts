import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyError, readJsonBody } from "../http/body";
import { pathOf, sendError, sendJson, type RouteHandler } from "../http/respond";
import type { Logger } from "../logger";
import type { WebhookDefinition } from "../providers/provider";
import type { WebhookInbox } from "./inbox";

/** A provider event is a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

export interface WebhookReceiver {
  provider: string;
  definition: WebhookDefinition;
  token: string;
}

/** Equal-length digests, so neither the comparison's time nor its early exit says how much of the token matched. */
function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string" || given === "") return false;
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `POST /webhooks/<provider>` beside GraphQL. The token is checked before the body is read; the answer comes as
 * soon as the event is stored and applied (a few statements). Logs name the event, never its data.
 */
export function webhookRoutes(receivers: readonly WebhookReceiver[], inbox: WebhookInbox, logger: Logger): RouteHandler {
  const byPath = new Map(receivers.map((r) => [`/webhooks/${r.definition.path}`, r]));
  return async (req: IncomingMessage, res: ServerResponse) => {
    const receiver = byPath.get(pathOf(req));
    if (!receiver) return false;
    if (req.method !== "POST") {
      sendError(res, 405, "METHOD_NOT_ALLOWED", "Webhooks are POSTed", { allow: "POST" });
      return true;
    }
    const log = logger.child({ provider: receiver.provider });
    if (!sameToken(req.headers[receiver.definition.tokenHeader], receiver.token)) {
      log.warn("webhook refused: missing or wrong token");
      sendError(res, 401, "UNAUTHENTICATED", "Missing or wrong webhook token", { connection: "close" });
      return true;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      sendError(res, error.status, error.code, error.message);
      return true;
    }
    const event = receiver.definition.parse(body);
    if ("problem" in event) {
      log.warn({ problem: event.problem }, "webhook refused: not an event");
      sendError(res, 400, "BAD_REQUEST", `Not a ${receiver.provider} event: ${event.problem}`);
      return true;
    }
    const outcome = await inbox.receive(receiver.provider, event);
    log.info({ eventId: event.id, type: event.type, outcome }, "webhook received");
    sendJson(res, 200, { received: true, outcome });
    return true;
  };
}

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { BANK_CONTRACT } from "../../providers/bank/contract";
import type { Fault } from "../faults";
import { readBody, type RecordedRequest } from "../http";
import { createCard, failureEnvelope, getCard, listCards } from "./cards";
import { Exchange } from "./exchange";
import { answerConsentPage, showConsentPage } from "./consent-page";
import { CONSENT_PAGE_PATH, handleDeviceCode, handleRevoke, handleToken } from "./oauth";
import type { SandboxState } from "./state";

type Route = (ex: Exchange, state: SandboxState) => Promise<void>;

const { deviceCodePath, revokePath, cardsPath } = BANK_CONTRACT;
const ONE_CARD = new RegExp(`^${cardsPath}/[^/]+$`);

/** Only the configured token path exists: a client that guessed another gets 404. */
function routeFor(method: string, path: string, tokenPath: string): Route | undefined {
  if (method === "POST" && path === tokenPath) return handleToken;
  if (method === "POST" && path === deviceCodePath) return handleDeviceCode;
  if (method === "POST" && path === revokePath) return handleRevoke;
  if (method === "GET" && path === CONSENT_PAGE_PATH) return async (ex, state) => showConsentPage(ex, state);
  if (method === "POST" && path === CONSENT_PAGE_PATH) return async (ex, state) => answerConsentPage(ex, state);
  if (method === "POST" && path === cardsPath) return createCard;
  if (method === "GET" && path === cardsPath) return listCards;
  if (method === "GET" && ONE_CARD.test(path)) return getCard;
  return undefined;
}

/** The node:http handler: records the request, applies faults, then routes. */
export function createHandler(state: SandboxState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, state).catch(() => {
      // A bug in a route must not leave the client hanging until its timeout.
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end('{"status":"96","message":"System malfunction"}');
      else res.destroy();
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: SandboxState): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const record: RecordedRequest = { method, path: (req.url ?? "/").split("?")[0], status: 0, at: Date.now() };
  state.requests.push(record);
  let body: string;
  try {
    body = await readBody(req);
  } catch {
    // The rest of the body is never read, so this connection cannot carry another request.
    return new Exchange(req, res, record, "", undefined).send(413, { status: "error", message: "Payload too large" }, { connection: "close" });
  }
  // Taken once the body is in, so from here to the idempotency claim of POST /cards nothing waits on I/O: a test that
  // sees its latency fault taken knows the key is already held.
  const fault = state.faults.take(method, record.path);
  const ex = new Exchange(req, res, record, body, fault);
  if (fault && (await answeredByFault(ex, fault))) return;
  const route = routeFor(method, record.path, state.config.wire.tokenPath);
  if (!route) return ex.send(404, { status: "error", message: "Not found" });
  return route(ex, state);
}

/** The faults that act before any handling: nothing is created and nothing is stored under an idempotency key. */
async function answeredByFault(ex: Exchange, fault: Fault): Promise<boolean> {
  switch (fault.kind) {
    case "drop-before":
      ex.drop();
      return true;
    case "html":
      ex.html(fault.status ?? 502);
      return true;
    case "status": {
      const status = fault.status ?? 500;
      const headers: Record<string, string> = fault.retryAfter ? { "retry-after": fault.retryAfter } : {};
      await ex.send(status, fault.body ?? { status: "error", message: STATUS_CODES[status] ?? "Error" }, headers);
      return true;
    }
    case "failure-envelope": {
      // On POST /cards the route itself turns this into a stored outcome (see cards.ts).
      if (ex.method === "POST" && ex.path === cardsPath) return false;
      const { status, text } = failureEnvelope(fault);
      await ex.sendText(status, text);
      return true;
    }
    default:
      return false;
  }
}

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { sleep, type Fault, type FaultInjector } from "../faults";
import { MAX_BODY_BYTES, readBody, sendHtml, sendJson, type RecordedRequest } from "../http";
import { authenticate } from "./auth";
import { fail, unauthorized, type Reply } from "./replies";
import { matchRoute } from "./routes/router";
import type { SudoStore } from "./store";

export interface ServerState {
  store: SudoStore;
  faults: FaultInjector;
  requests: RecordedRequest[];
  jwtSecret: string;
}

/** What the "failure-envelope" fault answers by default: HTTP 200 whose body says the create failed. */
export const FAILURE_ENVELOPE = { statusCode: 400, message: "Card creation failed.", data: null };

export function createHandler(state: ServerState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // Only writing can fail here (a client that went away); there is nobody left to answer.
    serve(req, res, state).catch(() => res.destroy());
  };
}

/** Faults are consulted before anything else, then the request is handled the way a NestJS app would. */
async function serve(req: IncomingMessage, res: ServerResponse, state: ServerState): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  // When the request arrived, as the bank simulator records it: the pacing of callers is what tests measure.
  const at = Date.now();
  const record = (status: number): void => {
    state.requests.push({ method, path: url.pathname, status, at });
  };
  const fault = state.faults.take(method, url.pathname);
  switch (fault?.kind) {
    case "drop-before":
      return drop(req, record);
    case "status":
      return send(res, statusFaultReply(fault), record);
    case "html":
      sendHtml(res, fault.status ?? 502);
      return record(res.statusCode);
    case "failure-envelope":
      return send(res, { status: 200, body: fault.body ?? FAILURE_ENVELOPE }, record);
  }
  const latencyMs = fault?.kind === "latency" ? (fault.latencyMs ?? 0) : 0;
  // A bug in a route must look like Nest's unhandled-exception answer, not a hung request.
  const reply = await handle(req, method, url, state, latencyMs).catch(() => fail(500, "Internal server error"));
  if (fault?.kind === "drop-after-commit") return drop(req, record);
  if (fault?.kind === "malformed-json") return sendTruncated(res, reply, record);
  send(res, reply, record);
}

/**
 * The body is read before any latency fault sleeps: a slow provider has the request in hand, so it still creates
 * the card when the caller gives up waiting (the case exactly-once recovery must handle).
 */
async function handle(req: IncomingMessage, method: string, url: URL, state: ServerState, latencyMs: number): Promise<Reply> {
  const text = await readLimited(req);
  if (latencyMs) await sleep(latencyMs);
  if (text === undefined) return { ...fail(413, "request entity too large", "Payload Too Large"), headers: { connection: "close" } };
  if (!authenticate(req.headers.authorization, state.jwtSecret)) return unauthorized();
  const match = matchRoute(method, url.pathname);
  if (!match) return fail(404, `Cannot ${method} ${url.pathname}`, "Not Found");
  const body = match.hasBody ? parseJsonBody(text, req.headers["content-type"]) : { ok: true as const, value: {} };
  if (!body.ok) return body.reply;
  return match.handler({ store: state.store, params: match.params, query: url.searchParams, body: body.value, jwtSecret: state.jwtSecret });
}

/** The body text, or undefined when it is over the 1 MB limit (answered with 413, as body-parser does). */
async function readLimited(req: IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return undefined;
  try {
    return await readBody(req);
  } catch {
    return undefined;
  }
}

/**
 * Like Express's json parser: only a JSON content type is parsed, anything else leaves the body empty (so the
 * DTO rules report the missing fields). Error texts are fixed so a body holding a PAN is never echoed back.
 */
function parseJsonBody(text: string, contentType: string | undefined): ParsedBody {
  if (!/\bjson\b/i.test(contentType ?? "") || text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reply: fail(400, "Request body is not valid JSON.", "Bad Request") };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, reply: fail(400, "Request body must be a JSON object.", "Bad Request") };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

type ParsedBody = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

function statusFaultReply(fault: Fault): Reply {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter };
  return { status, headers, body: fault.body ?? { statusCode: status, message: STATUS_CODES[status] ?? "Error" } };
}

function send(res: ServerResponse, reply: Reply, record: (status: number) => void): void {
  sendJson(res, reply.status, reply.body, reply.headers);
  record(reply.status);
}

/** A 200 whose JSON stops halfway, as when a proxy cuts a response short. */
function sendTruncated(res: ServerResponse, reply: Reply, record: (status: number) => void): void {
  const text = JSON.stringify(reply.body);
  const cut = text.slice(0, Math.floor(text.length / 2));
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(cut) });
  res.end(cut);
  record(200);
}

function drop(req: IncomingMessage, record: (status: number) => void): void {
  req.socket.destroy();
  record(0);
}

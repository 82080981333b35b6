import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A route outside GraphQL (health checks, a GraphiQL page …). Returns true when it answered the request; false lets
 * the next handler, and finally GraphQL or a 404, have it.
 */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** HTTP-level failures use the GraphQL error shape, so a client or the router reads them like any other error. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/** The path without the query string; the query string is never logged, as a GET operation's variables live there. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

export function searchOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q < 0 ? "" : url.slice(q);
}

/**
 * Answers an error that carries its own HTTP status (`extensions.http`, as UnauthenticatedError's 401 does) in the
 * GraphQL error shape, its other extensions included. False, with nothing sent, for any other error.
 */
export function sendHttpError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): boolean {
  const extensions = (error as { extensions?: Record<string, unknown> } | null)?.extensions;
  const http = extensions?.http as { status?: number; headers?: Map<string, string> } | undefined;
  if (!(error instanceof Error) || !http?.status) return false;
  const { http: _http, ...publicExtensions } = extensions!;
  sendJson(res, http.status, { errors: [{ message: error.message, extensions: publicExtensions }] }, { ...Object.fromEntries(http.headers ?? []), ...headers });
  return true;
}

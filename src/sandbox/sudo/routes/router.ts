import type { RouteHandler } from "./context";
import { getCard, getCardToken, listCards, listCustomerCards, updateCard } from "./cards";
import { createCard } from "./create-card";

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

const route = (method: string, pattern: string, handler: RouteHandler): Route => ({ method, segments: split(pattern), handler });

const ROUTES: readonly Route[] = [
  route("POST", "/cards", createCard),
  route("GET", "/cards", listCards),
  route("GET", "/cards/customer/:customerId", listCustomerCards),
  route("GET", "/cards/:id", getCard),
  route("PUT", "/cards/:id", updateCard),
  route("GET", "/cards/:id/token", getCardToken),
];

export interface Match {
  handler: RouteHandler;
  params: Record<string, string>;
  /** Only POST and PUT routes read a JSON body. */
  hasBody: boolean;
}

/** Express-style matching: `:name` segments capture, one trailing slash is ignored. */
export function matchRoute(method: string, path: string): Match | undefined {
  const parts = split(path);
  for (const r of ROUTES) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    const params = capture(r.segments, parts);
    if (params) return { handler: r.handler, params, hasBody: method === "POST" || method === "PUT" };
  }
  return undefined;
}

function capture(segments: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    if (segments[i].startsWith(":")) params[segments[i].slice(1)] = safeDecode(parts[i]);
    else if (segments[i] !== parts[i]) return undefined;
  }
  return params;
}

function split(path: string): string[] {
  return path.replace(/\/$/, "").split("/").slice(1);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

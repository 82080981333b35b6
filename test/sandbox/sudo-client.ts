import type { SudoSandbox } from "../../src/sandbox/sudo";
import { SEED_ACCOUNTS, SEED_CUSTOMERS } from "../../src/sandbox/sudo";

/** Shared by the sudo*.test.ts files: plain fetch calls against a running Sudo sandbox. */

export const CUSTOMER = SEED_CUSTOMERS[0]._id;
export const NGN_ACCOUNT = SEED_ACCOUNTS[0]._id;
export const USD_ACCOUNT = SEED_ACCOUNTS[1]._id;
export const EMPTY_NGN_ACCOUNT = SEED_ACCOUNTS[2]._id;
export const UNKNOWN_ID = "64b0c0ffee00000000000bad";

export interface JsonReply {
  status: number;
  // The sandbox's answers are checked field by field; a loose type keeps the assertions readable.
  body: any;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  /** Authorization header value; null sends none. Defaults to `Bearer <sandbox key>`. */
  auth?: string | null;
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
}

export async function call(sb: SudoSandbox, method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<JsonReply> {
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.auth === undefined ? `Bearer ${sb.apiKey}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(sb.url + path, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** A minimal valid virtual Verve NGN card request. */
export function virtualCard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { customerId: CUSTOMER, type: "virtual", currency: "NGN", status: "active", brand: "Verve", debitAccountId: NGN_ACCOUNT, ...overrides };
}

/** A minimal valid physical Verve card request mapping `number`. */
export function physicalCard(number: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { customerId: CUSTOMER, type: "physical", currency: "NGN", status: "active", brand: "Verve", number, ...overrides };
}

export interface ErrorNode {
  property: string;
  children: ErrorNode[];
  constraints?: Record<string, string>;
}

/** The error node at a property path in a class-validator 400 body, e.g. `["spendingControls", "channels", "atm"]`. */
export function errorAt(body: { message: ErrorNode[] }, path: string[]): ErrorNode | undefined {
  let nodes = body.message;
  let found: ErrorNode | undefined;
  for (const property of path) {
    found = nodes.find((n) => n.property === property);
    if (!found) return undefined;
    nodes = found.children;
  }
  return found;
}

/** The properties that failed at the top level of a 400 body. */
export function failedProperties(body: { message: ErrorNode[] }): string[] {
  return body.message.map((n) => n.property).sort();
}

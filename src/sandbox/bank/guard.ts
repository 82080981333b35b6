import { BANK_CONTRACT } from "../../providers/bank/contract";
import { verifySignature } from "../../providers/bank/signature";
import { headerNames, HEADER_STYLES } from "../../providers/bank/wire-variants";
import type { Exchange } from "./exchange";
import { verifyJwt } from "./jwt";
import type { Binding, SandboxState } from "./state";

/** A request that passed every header check: whom it acts for and the key it carries. */
export interface Admitted {
  clientId: string;
  binding: Binding;
  idempotencyKey: string;
}

const { maxIdempotencyKeyLength } = BANK_CONTRACT;
const WRAPPED_SIGNATURE = /^SHA-256\((.+)\)$/;

/**
 * The bank's pages spell headers with hyphens, a public OBN client with underscores (FACTS A.5). The simulator
 * answers 400 to the spelling it is not configured for, instead of ignoring it, so a test proves which one we send.
 */
export function foreignHeader(ex: Exchange, state: SandboxState): string | undefined {
  const own = headerNames(state.config.wire.headerStyle);
  for (const style of HEADER_STYLES) {
    if (style === state.config.wire.headerStyle) continue;
    const other = headerNames(style);
    for (const name of [other.connectionId, other.idempotencyKey]) {
      if (name !== own.connectionId && name !== own.idempotencyKey && ex.header(name) !== undefined) return name;
    }
  }
  return undefined;
}

/**
 * The header checks every card route runs, in the order of FACTS A.13: token (401) and consent (403), connection
 * (403), idempotency key (400), signature (401), rate limit (429). Answers and returns undefined on the first failure.
 */
export async function admit(ex: Exchange, state: SandboxState): Promise<Admitted | undefined> {
  const { config } = state;
  const bearer = /^Bearer\s+(\S+)$/i.exec(ex.header("authorization") ?? "");
  if (!bearer) return reject(ex, 401, { message: "Missing or malformed Authorization header" }, { "www-authenticate": "Bearer" });
  const token = verifyJwt(bearer[1], state.tokenKey);
  if (!token.ok || token.claims.client_id !== config.clientId) {
    const message = !token.ok && token.reason === "expired" ? "Access token expired" : "Invalid access token";
    return reject(ex, 401, { message }, { "www-authenticate": 'Bearer error="invalid_token"' });
  }
  const { customer_id, account_number, connection_id, gid } = token.claims;
  // The customer withdrew the consent at the bank: its tokens stop working at once.
  if (gid && state.grants.get(gid)?.revoked !== false) {
    return reject(ex, 401, { message: "Access token revoked" }, { "www-authenticate": 'Bearer error="invalid_token"' });
  }
  // FACTS A.4: cards belong to a customer, so only a consent token (device or authorization code) may touch them.
  if (!customer_id || !account_number || !connection_id) return reject(ex, 403, { message: "Customer consent is required for this API" });

  const H = headerNames(config.wire.headerStyle);
  const foreign = foreignHeader(ex, state);
  if (foreign) {
    const error = { field: foreign, code: "UNSUPPORTED_HEADER", message: `${foreign} is not a header of this API; use ${H.connectionId} and ${H.idempotencyKey}` };
    return reject(ex, 400, { status: "error", message: "Validation failed", errors: [error] });
  }
  const connection = ex.header(H.connectionId);
  if (connection !== undefined && connection !== connection_id) return reject(ex, 403, { status: "error", message: "Invalid connection" });

  const key = ex.header(H.idempotencyKey) ?? "";
  if (key.trim() === "" || key.length > maxIdempotencyKeyLength) {
    const error = key.trim() === ""
      ? { field: H.idempotencyKey, code: "REQUIRED", message: `${H.idempotencyKey} header is required` }
      : { field: H.idempotencyKey, code: "TOO_LONG", message: `${H.idempotencyKey} must be at most ${maxIdempotencyKeyLength} characters` };
    return reject(ex, 400, { status: "error", message: "Validation failed", errors: [error] });
  }

  if (!signatureValid(ex.header(H.signature), key, state)) return reject(ex, 401, { status: "error", message: "Invalid signature" });

  const rate = state.rateLimiter.take(config.clientId);
  if (!rate.ok) {
    return reject(ex, 429, { status: "error", message: "Too many requests" }, { "retry-after": String(rate.retryAfterSeconds) });
  }
  return { clientId: config.clientId, binding: { customerId: customer_id, accountNumber: account_number, connectionId: connection_id }, idempotencyKey: key };
}

function signatureValid(signature: string | undefined, key: string, state: SandboxState): boolean {
  if (!signature) return false;
  const wrapped = state.config.lenientSignature ? WRAPPED_SIGNATURE.exec(signature) : null;
  return verifySignature(state.config.clientSecret, key, wrapped ? wrapped[1] : signature, state.config.wire.signatureEncoding);
}

async function reject(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): Promise<undefined> {
  await ex.send(status, body, headers);
  return undefined;
}

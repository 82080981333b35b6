import type { GraphQLError } from "graphql";
import { sanitizeProviderText, type ProviderErrorDetail } from "../../errors";
import { BANK_CONTRACT } from "./contract";
import { rejected, retryAfterSeconds, unavailable } from "./errors";
import { inputPathOf } from "./mapping";
import type { WireCard, WireEnvelope } from "./wire";

const API = "the bank's card API";
const MAX_DETAILS = 20;
/** Envelope statuses that say "failed" without saying why; an ISO-8583 code ("94") says why. */
const GENERIC_STATUSES = new Set(["error", "failed", "fail", "failure"]);

/** The card inside a success envelope: 2xx, a success status and a `data` card with an id. Otherwise undefined. */
export function cardOf(httpStatus: number, parsedBody: unknown): WireCard | undefined {
  if (httpStatus < 200 || httpStatus > 299 || !isObject(parsedBody)) return undefined;
  const { status, data } = parsedBody as WireEnvelope<WireCard>;
  if (typeof status !== "string" || !BANK_CONTRACT.successStatuses.includes(status) || !isObject(data)) return undefined;
  const id = data.card_id as unknown;
  return (typeof id === "string" && id !== "") || typeof id === "number" ? data : undefined;
}

/**
 * Turns any answer that is not a usable success into our error classes. The HTTP status decides first (FACTS A.9):
 * it is what a gateway or load balancer sets when the bank never saw the body. Nothing here copies a body or a
 * header: only the status, sanitized provider messages and error codes.
 */
export function errorForResponse(httpStatus: number, retryAfter: string | null, parsedBody: unknown): GraphQLError {
  const body = isObject(parsedBody) ? (parsedBody as WireEnvelope) : undefined;
  if (httpStatus === 429) return unavailable("RATE_LIMITED", `${API} is rate limiting`, retryAfterSeconds(retryAfter));
  if (httpStatus === 408) return unavailable("TIMEOUT", `${API} timed out the request (HTTP 408)`);
  if (httpStatus >= 500) return unavailable("UPSTREAM_ERROR", `${API} answered HTTP ${httpStatus}`, retryAfterSeconds(retryAfter));
  if (httpStatus >= 200 && httpStatus < 300) return failedSuccess(httpStatus, body);
  if (httpStatus === 400) return badRequest(body);
  if (httpStatus === 409) return conflict(body);
  if (httpStatus >= 400 && httpStatus < 500) return rejected(String(httpStatus), body?.message ?? `HTTP ${httpStatus}`, httpStatus);
  return unavailable("BAD_RESPONSE", `${API} answered HTTP ${httpStatus}`);
}

/** "94": the key was used with another body, a refusal. "09": the first request is still running, so retry. */
function conflict(body: WireEnvelope | undefined): GraphQLError {
  const code = codeOf(body);
  if (code && BANK_CONTRACT.transientStatuses.includes(code)) {
    return unavailable("UPSTREAM_ERROR", `${API} is still processing this request (status ${code}); retry with the same key`);
  }
  return rejected(code ?? "409", body?.message ?? "conflicting request", 409);
}

/** A 2xx whose outcome we cannot read may still have created the card, so it is "unavailable", not "rejected". */
function failedSuccess(httpStatus: number, body: WireEnvelope | undefined): GraphQLError {
  if (!body) return unavailable("BAD_RESPONSE", `${API} answered HTTP ${httpStatus} without a JSON object`);
  const status = body.status;
  if (typeof status === "string" && status && !BANK_CONTRACT.successStatuses.includes(status)) {
    return rejected(status, body.message ?? "the bank declined the request", httpStatus);
  }
  return unavailable("BAD_RESPONSE", `${API} answered HTTP ${httpStatus} without a card`);
}

function badRequest(body: WireEnvelope | undefined): GraphQLError {
  const errors = Array.isArray(body?.errors) ? body.errors.filter(isObject) : [];
  if (!errors.length) return rejected(codeOf(body) ?? "400", body?.message ?? "the request was invalid", 400);
  const details = errors.slice(0, MAX_DETAILS).map(detailOf);
  return rejected("VALIDATION_FAILED", body?.message ?? "validation failed", 400, details);
}

function detailOf(error: { field?: unknown; code?: unknown; message?: unknown }): ProviderErrorDetail {
  const field = inputPathOf(typeof error.field === "string" ? error.field : undefined);
  const code = typeof error.code === "string" ? sanitizeProviderText(error.code, 64) : undefined;
  return {
    ...(field ? { field } : {}),
    ...(code ? { code } : {}),
    message: sanitizeProviderText(error.message) || "invalid",
  };
}

/** An ISO-8583 status ("94") or an OBN v1 `errorCode`, when the body has one. */
function codeOf(body: WireEnvelope | undefined): string | undefined {
  const status = body?.status;
  if (typeof status === "string" && status && !GENERIC_STATUSES.has(status.toLowerCase())) return status;
  const errorCode = (body as { errorCode?: unknown } | undefined)?.errorCode;
  return typeof errorCode === "string" && errorCode ? errorCode : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

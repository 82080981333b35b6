import { sanitizeProviderText, type ProviderErrorDetail } from "../../errors";
import { SUDO_CONTRACT, WIRE_FIELD_RENAMES } from "./contract";
import { rejected, retryAfterSeconds, unavailable, type SudoError } from "./errors";
import type { WireEnvelope, WireValidationError } from "./wire";

const API = "Sudo's card API";
const MAX_DETAILS = 20;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The body's own status, when it has one: a number, or a numeric string. */
function bodyStatusOf(body: Record<string, unknown>): number | undefined {
  const code = Number(body.statusCode);
  return body.statusCode !== undefined && body.statusCode !== null && Number.isInteger(code) ? code : undefined;
}

/** FACTS B.3: a 2xx with a JSON object whose `statusCode`, if any, is below 400. */
export function isSuccess(httpStatus: number, parsedBody: unknown): boolean {
  if (httpStatus < 200 || httpStatus > 299 || !isObject(parsedBody)) return false;
  const code = bodyStatusOf(parsedBody);
  return code === undefined || code < SUDO_CONTRACT.failureStatusCodeFrom;
}

/**
 * Turns any answer that is not a success into our error classes. The HTTP status decides first: it is what a
 * gateway or load balancer sets when Sudo never saw the body. Nothing here copies a body or a header; only the
 * status, sanitized provider messages and constraint names.
 */
export function errorForResponse(httpStatus: number, retryAfter: string | null, parsedBody: unknown): SudoError {
  const body = isObject(parsedBody) ? (parsedBody as WireEnvelope) : undefined;
  if (httpStatus >= 200 && httpStatus < 300) {
    if (!body) return unavailable("BAD_RESPONSE", `${API} answered HTTP ${httpStatus} without a JSON object`);
    const inner = bodyStatusOf(body as Record<string, unknown>) ?? httpStatus;
    // A server error inside a 2xx leaves the outcome unknown (the card may exist), so the attempt must stay open.
    if (inner >= 500) return unavailable("UPSTREAM_ERROR", `${API} answered HTTP ${httpStatus} with statusCode ${inner} inside`);
    return refusal(inner, body, httpStatus);
  }
  if (httpStatus === 429) return unavailable("RATE_LIMITED", `${API} is rate limiting`, retryAfterSeconds(retryAfter));
  if (httpStatus === 408) return unavailable("TIMEOUT", `${API} timed out the request (HTTP 408)`);
  if (httpStatus >= 500) return unavailable("UPSTREAM_ERROR", `${API} answered HTTP ${httpStatus}`, retryAfterSeconds(retryAfter));
  if (httpStatus >= 400) return refusal(httpStatus, body, httpStatus);
  return unavailable("BAD_RESPONSE", `${API} answered HTTP ${httpStatus}`);
}

/** Sudo understood the request and refused it: a validation list, or one NestJS message (FACTS B.4). */
function refusal(status: number, body: WireEnvelope | undefined, httpStatus: number): SudoError {
  const message = body?.message;
  if (Array.isArray(message)) {
    const details = detailsOf(message.filter(isObject) as WireValidationError[], "").slice(0, MAX_DETAILS);
    const summary = details.map((d) => d.message).join("; ") || "the request was invalid";
    return rejected("VALIDATION_FAILED", summary, httpStatus, details);
  }
  const text = typeof message === "string" && message.trim() ? message : `HTTP ${status}`;
  return rejected(String(status), text, httpStatus);
}

/**
 * Flattens class-validator's tree into our input's field paths: `sendPINSMS` becomes `sendPinSms`, nested
 * children join with dots (`spendingControls.spendingLimits.0.interval`), and `code` is the constraint name.
 */
function detailsOf(errors: WireValidationError[], prefix: string): ProviderErrorDetail[] {
  return errors.flatMap((error) => {
    const property = typeof error.property === "string" ? error.property : "";
    const name = prefix ? property : (WIRE_FIELD_RENAMES[property] ?? property);
    const field = [prefix, name].filter(Boolean).join(".");
    const own = Object.entries(isObject(error.constraints) ? error.constraints : {}).map(([code, text]) => ({
      ...(field ? { field } : {}),
      code: sanitizeProviderText(code, 64),
      message: sanitizeProviderText(renamed(String(text), property, field)) || "invalid",
    }));
    const children = Array.isArray(error.children) ? detailsOf(error.children.filter(isObject), field) : [];
    return [...own, ...children];
  });
}

/** class-validator messages start with the wire property name; ours name our field instead. */
function renamed(text: string, property: string, field: string): string {
  return property && field && text.startsWith(`${property} `) ? `${field}${text.slice(property.length)}` : text;
}

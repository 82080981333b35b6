import { createHash, createHmac, randomBytes } from "node:crypto";
import type { FieldProblem } from "../errors";

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Printable ASCII only: keys travel in provider headers and logs. */
const KEY_PATTERN = /^[\x21-\x7e]+$/;

export function checkIdempotencyKey(key: string): FieldProblem[] {
  if (key.length === 0) return [{ field: "idempotencyKey", rule: "isNotEmpty", message: "idempotencyKey must not be empty" }];
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return [{ field: "idempotencyKey", rule: "maxLength", message: `idempotencyKey must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` }];
  }
  if (!KEY_PATTERN.test(key)) {
    return [{ field: "idempotencyKey", rule: "isPrintableAscii", message: "idempotencyKey must be printable ASCII without spaces" }];
  }
  return [];
}

/** JSON with sorted keys and without undefined, so equal inputs hash equally whatever their field order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Keyed hash of the normalised input. Keyed, because the input may hold a 4-digit PIN: a plain hash stored next to
 * the other fields could be reversed by trying all 10,000 PINs.
 */
export function requestHash(secret: string, provider: string, input: unknown): string {
  return createHmac("sha256", secret).update(`${provider}\n${canonicalJson(input)}`).digest("hex");
}

/**
 * The key we send to providers: one per attempt (the card id is minted per attempt), stable across its resumes, and
 * revealing neither caller nor key. A client key used again after its retention is a new attempt, so the provider
 * never sees an old attempt's key again (its own retention may be longer than ours, or its replay differ).
 */
export function providerIdempotencyKey(scope: string, key: string, cardId: string): string {
  return createHash("sha256").update(`${scope}\n${key}\n${cardId}`).digest("hex");
}

/** Opaque, unique, roughly time-ordered card ids. */
export function newCardId(): string {
  return `crd_${Date.now().toString(36).padStart(9, "0")}${randomBytes(10).toString("hex")}`;
}

export function newLeaseToken(): string {
  return randomBytes(12).toString("hex");
}

import { createHash, timingSafeEqual } from "node:crypto";

/** FACTS A.6: SHA-256 over `client_secret + ";" + idempotency-key`, lowercase hex. */
export function signIdempotencyKey(clientSecret: string, idempotencyKey: string): string {
  return createHash("sha256").update(`${clientSecret};${idempotencyKey}`, "utf8").digest("hex");
}

/** Constant-time, case-insensitive comparison, as the simulator must do. */
export function verifySignature(clientSecret: string, idempotencyKey: string, signature: string): boolean {
  const expected = Buffer.from(signIdempotencyKey(clientSecret, idempotencyKey), "utf8");
  const given = Buffer.from(signature.toLowerCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

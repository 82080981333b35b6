import { timingSafeEqual } from "node:crypto";
import { signIdempotencyKey, type SignatureEncoding } from "./wire-variants";

export { signIdempotencyKey } from "./wire-variants";

/**
 * Constant-time and exact: the simulator accepts only the encoding it is configured with (a lower-case digest where
 * upper case is configured is refused), so a test proves we send the variant we claim to.
 */
export function verifySignature(clientSecret: string, idempotencyKey: string, signature: string, encoding: SignatureEncoding): boolean {
  const expected = Buffer.from(signIdempotencyKey(clientSecret, idempotencyKey, encoding), "utf8");
  const given = Buffer.from(signature, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

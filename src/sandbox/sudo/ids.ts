import { randomBytes } from "node:crypto";

export { randomDigits } from "../pan";

/** A Mongo ObjectId-shaped id: 4 bytes of seconds, then 8 random bytes, as 24 lowercase hex characters. */
export function objectId(): string {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return seconds + randomBytes(8).toString("hex");
}

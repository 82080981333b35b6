import { randomBytes, randomInt } from "node:crypto";

/** A Mongo ObjectId-shaped id: 4 bytes of seconds, then 8 random bytes, as 24 lowercase hex characters. */
export function objectId(): string {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return seconds + randomBytes(8).toString("hex");
}

/** `count` random decimal digits. */
export function randomDigits(count: number): string {
  let out = "";
  for (let i = 0; i < count; i += 1) out += String(randomInt(10));
  return out;
}

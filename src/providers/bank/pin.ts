import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { PinScheme } from "./contract";

const WRAP = /^AES-256-CBC\((.*)\)$/s;

function keyFor(clientSecret: string): Buffer {
  return createHash("sha256").update(clientSecret, "utf8").digest();
}

/**
 * Encrypts the default PIN so it never leaves the process in clear (FACTS A.7). Pass `iv` to make a retry under the
 * same idempotency key byte-identical (the API replays only an identical body); otherwise it is random.
 */
export function encryptPin(pin: string, clientSecret: string, scheme: PinScheme, iv: Buffer = randomBytes(16)): string {
  if (scheme === "plaintext") return pin;
  const cipher = createCipheriv("aes-256-cbc", keyFor(clientSecret), iv);
  const b64 = Buffer.concat([iv, cipher.update(pin, "utf8"), cipher.final()]).toString("base64");
  return scheme === "aes-256-cbc-sha256key-ivprefix-b64-wrapped" ? `AES-256-CBC(${b64})` : b64;
}

/** The inverse, used by the simulator. Returns null for anything that does not decrypt cleanly. */
export function decryptPin(value: string, clientSecret: string, scheme: PinScheme): string | null {
  if (scheme === "plaintext") return value;
  let b64 = value;
  if (scheme === "aes-256-cbc-sha256key-ivprefix-b64-wrapped") {
    const m = WRAP.exec(value);
    if (!m) return null;
    b64 = m[1];
  }
  const raw = Buffer.from(b64, "base64");
  if (raw.length < 32 || raw.length % 16 !== 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-cbc", keyFor(clientSecret), raw.subarray(0, 16));
    return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

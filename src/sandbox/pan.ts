import { randomInt } from "node:crypto";
import { luhnCheckDigit } from "../luhn";

/** `count` random decimal digits. */
export function randomDigits(count: number): string {
  let out = "";
  for (let i = 0; i < count; i += 1) out += String(randomInt(10));
  return out;
}

/**
 * A Luhn-valid PAN on a BIN. The simulators return realistic PANs so the integration's masking and redaction are
 * exercised on data a real provider would send.
 */
export function luhnValidPan(bin: string, length = 16): string {
  const body = bin + randomDigits(length - bin.length - 1);
  return body + luhnCheckDigit(body);
}

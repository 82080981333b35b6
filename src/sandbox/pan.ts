import { randomInt } from "node:crypto";

/** `count` random decimal digits. */
export function randomDigits(count: number): string {
  let out = "";
  for (let i = 0; i < count; i += 1) out += String(randomInt(10));
  return out;
}

/** The Luhn check digit for `body`: doubling starts at the last digit of the body (next to the check digit). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A Luhn-valid PAN on a BIN. The simulators return realistic PANs so the integration's masking and redaction are
 * exercised on data a real provider would send.
 */
export function luhnValidPan(bin: string, length = 16): string {
  const body = bin + randomDigits(length - bin.length - 1);
  return body + luhnCheckDigit(body);
}

import { isLuhnValid } from "../../src/luhn";

/**
 * What must never appear in a log line or a response. `long` values (PANs, secrets, tokens) are searched as
 * substrings; `short` ones (CVV2s, PINs) as JSON strings or next to a cvv/pin label, since a bare three- or four-digit
 * run also occurs in timings and years.
 */
export class SecretSet {
  readonly long = new Map<string, string>();
  readonly short = new Map<string, string>();

  add(label: string, value: string | null | undefined): void {
    if (!value) return;
    (value.length >= 8 ? this.long : this.short).set(value, label);
  }
}

/** A JWT anywhere is a leak: bank access tokens, the Sudo API key and our callers' tokens are all JWTs. */
const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]+/;
/** A card-data key whose value is not redacted, in plain or escaped (string-in-string) JSON. */
const CARD_FIELD = /\\?"(card_number|card_cvv2|card_default_pin|card_token|cvv2?|pan|pin|defaultPin|client_secret|access_token|refresh_token)\\?"\s*:\s*(?!\\?"\[REDACTED\])(\\?"|\d)/i;
/** Digit runs as long as a PAN, not part of a longer token; 13-digit runs are left out (epoch milliseconds). */
const DIGIT_RUN = /(?<![0-9A-Za-z])\d{14,19}(?![0-9A-Za-z])/g;

/**
 * Public values a CVV2 or PIN may equal by chance: last4, and the provider's status code (an HTTP status such as
 * "422" when the body had none), which the PROVIDER_REJECTED error carries by design.
 */
const PUBLIC_DIGITS = /\\?"(last4|providerCode)\\?"\s*:\s*\\?"\d{2,4}\\?"/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every leak in `texts`, described without the secret itself (a failing test must not print it either). */
export function findLeaks(texts: readonly string[], secrets: SecretSet): string[] {
  const hits: string[] = [];
  texts.forEach((text, index) => {
    const where = `text #${index} (${text.length} chars)`;
    for (const [value, label] of secrets.long) if (text.includes(value)) hits.push(`${label} in ${where}`);
    const withoutPublic = text.replace(PUBLIC_DIGITS, "");
    for (const [value, label] of secrets.short) {
      const v = escape(value);
      if (new RegExp(`\\\\?"${v}\\\\?"|(cvv2?|pin)\\W{1,6}${v}(?!\\d)`, "i").test(withoutPublic)) hits.push(`${label} in ${where}`);
    }
    if (JWT.test(text)) hits.push(`a JWT in ${where}`);
    const field = CARD_FIELD.exec(text);
    if (field) hits.push(`unredacted "${field[1]}" in ${where}`);
    for (const run of text.match(DIGIT_RUN) ?? []) if (isLuhnValid(run)) hits.push(`a Luhn-valid ${run.length}-digit number in ${where}`);
  });
  return hits;
}

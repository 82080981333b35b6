/**
 * Why a production secret is too weak to trust, or undefined when it will do. A secret keys an HMAC or signs tokens:
 * whoever guesses it forges tokens or brute-forces the 4-digit PINs behind stored request hashes in milliseconds.
 * Length alone is not enough (32 × "a" is 32 characters), so repeated patterns and published values are refused too.
 */
export function weakSecretReason(value: string, knownValues: readonly string[] = []): string | undefined {
  if (value.length < MIN_PRODUCTION_SECRET_LENGTH) return `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters`;
  if (knownValues.includes(value) || PUBLISHED_SECRETS.includes(value)) return "is a published example or development value";
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `must use at least ${MIN_DISTINCT_CHARACTERS} different characters`;
  if (repeatsAShorterSecret(value)) return "must not be one short run of characters repeated";
  if (isRun(value)) return "must not be a run of consecutive characters";
  return undefined;
}

/** 256 bits of HS256 key (RFC 7518 §3.2) as text; `openssl rand -base64 32` gives 44. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;
/** Random base64 of 32+ characters has about 25 distinct characters; 12 only excludes patterns and words. */
const MIN_DISTINCT_CHARACTERS = 12;

/** Values printed in this repository's docs or used as its defaults: public, so never a production secret. */
const PUBLISHED_SECRETS: readonly string[] = ["cards-subgraph-development-only", "change-me-to-a-long-random-secret-value"];

/** `abcabcabc…` or `secretsecret…`: the whole value is a shorter one repeated (the tail may be cut short). */
function repeatsAShorterSecret(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < value.length && repeats; i++) repeats = value[i] === value[i - period];
    if (repeats) return true;
  }
  return false;
}

/** `0123456789abcdef…`, `abcdefgh…`: each character one code point after the one before (or before it). */
function isRun(value: string): boolean {
  let up = 0;
  let down = 0;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (step === 1) up++;
    if (step === -1) down++;
  }
  // Mostly consecutive: a run with a few breaks (0-9 then a-f) is still a run.
  return Math.max(up, down) >= value.length * 0.75;
}

/**
 * Provider card tokens and similar credentials written as `<prefix>_<random>`: the bank's `tok_` + 24 hex, and the
 * shapes other payment APIs use (`card_`, `pm_`, `src_`, `sk_live_` …). The random part is 12+ letters and digits
 * with at least one digit, so words such as `card_settings` stay readable; our own `crd_` ids are not tokens.
 */
const TOKEN_LIKE = /\b((?:tok|tkn|token|card|pm|src|vault|sk|pk|rk|whsec)(?:_live|_test)?)_(?=[A-Za-z]*\d)[A-Za-z0-9]{12,}\b/gi;

/** `tok_0123…` becomes `tok_[redacted]`, keeping the prefix so a reader still sees what kind of value was there. */
export function redactCardTokens(text: string, placeholder = "[redacted]"): string {
  return text.replace(TOKEN_LIKE, (_m, prefix: string) => `${prefix}_${placeholder}`);
}

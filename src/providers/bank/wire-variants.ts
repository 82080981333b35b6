import { createHash } from "node:crypto";
import type { EnvReader } from "../../env";

/**
 * Every wire choice the bank's pages leave open (FACTS A.4-A.6, E.1), in one place. The datasource, the OAuth client
 * and the strict simulator all read a `BankWireVariant`, so a test can prove we send exactly what we are configured
 * to send, and an operator can switch a guess with one variable once the bank confirms it (docs/providers.md).
 */
export const HEADER_STYLES = ["hyphen", "underscore"] as const;
export type HeaderStyle = (typeof HEADER_STYLES)[number];

export const SIGNATURE_ENCODINGS = ["hex", "hex-upper", "base64"] as const;
export type SignatureEncoding = (typeof SIGNATURE_ENCODINGS)[number];

export const CLIENT_AUTHS = ["basic", "form"] as const;
export type ClientAuth = (typeof CLIENT_AUTHS)[number];

export interface BankWireVariant {
  /** Space-separated scopes asked for with consent (card scopes are undocumented). */
  scopes: string;
  /** `connection-id` / `idempotency-key` (reference pages) or `connection_id` / `idempotency_key` (a public client). */
  headerStyle: HeaderStyle;
  /** How the SHA-256 of `client_secret;idempotency-key` is written in the `signature` header. */
  signatureEncoding: SignatureEncoding;
  /** The token endpoint, relative to the auth base URL. */
  tokenPath: string;
  /** How the client authenticates to the token endpoint: HTTP Basic or client_id/client_secret in the form body. */
  clientAuth: ClientAuth;
  /** Whether the OAuth calls (device code, token) carry the connection-id header too. */
  oauthConnectionHeader: boolean;
}

/** Today's guesses, each argued in docs/providers.md ("Wire choices"). */
export const DEFAULT_WIRE: Readonly<BankWireVariant> = Object.freeze({
  scopes: "cards.create cards.list.readonly",
  headerStyle: "hyphen",
  signatureEncoding: "hex",
  tokenPath: "/oauth2/token",
  clientAuth: "basic",
  oauthConnectionHeader: false,
});

export interface BankHeaderNames {
  connectionId: string;
  idempotencyKey: string;
  signature: string;
}

export function headerNames(style: HeaderStyle): BankHeaderNames {
  const sep = style === "hyphen" ? "-" : "_";
  return { connectionId: `connection${sep}id`, idempotencyKey: `idempotency${sep}key`, signature: "signature" };
}

/** FACTS A.6: SHA-256 over `client_secret + ";" + idempotency-key`, written in the configured encoding. */
export function signIdempotencyKey(clientSecret: string, idempotencyKey: string, encoding: SignatureEncoding): string {
  const digest = createHash("sha256").update(`${clientSecret};${idempotencyKey}`, "utf8").digest();
  if (encoding === "base64") return digest.toString("base64");
  const hex = digest.toString("hex");
  return encoding === "hex-upper" ? hex.toUpperCase() : hex;
}

const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** BANK_CONSENT_SCOPES, BANK_HEADER_STYLE, BANK_SIGNATURE_ENCODING, BANK_TOKEN_PATH, BANK_CLIENT_AUTH, BANK_OAUTH_CONNECTION_HEADER. */
export const WIRE_VARS = [
  "BANK_CONSENT_SCOPES",
  "BANK_HEADER_STYLE",
  "BANK_SIGNATURE_ENCODING",
  "BANK_TOKEN_PATH",
  "BANK_CLIENT_AUTH",
  "BANK_OAUTH_CONNECTION_HEADER",
];

export function readWireVariant(reader: EnvReader): BankWireVariant {
  const scopes = reader.string("BANK_CONSENT_SCOPES", DEFAULT_WIRE.scopes).split(/\s+/).filter(Boolean);
  // RFC 6749 §3.3: scope tokens are printable ASCII without space, `"` or `\`.
  if (!scopes.every((s) => SCOPE_TOKEN.test(s))) reader.problems.push("BANK_CONSENT_SCOPES must be space-separated OAuth scope tokens");
  const tokenPath = reader.string("BANK_TOKEN_PATH", DEFAULT_WIRE.tokenPath);
  if (!/^\/[^\s?#]*$/.test(tokenPath)) reader.problems.push(`BANK_TOKEN_PATH must be a path starting with "/", got "${tokenPath}"`);
  const carries = reader.oneOf("BANK_OAUTH_CONNECTION_HEADER", ["true", "false"] as const, String(DEFAULT_WIRE.oauthConnectionHeader) as "true" | "false");
  return {
    scopes: scopes.join(" "),
    headerStyle: reader.oneOf("BANK_HEADER_STYLE", HEADER_STYLES, DEFAULT_WIRE.headerStyle),
    signatureEncoding: reader.oneOf("BANK_SIGNATURE_ENCODING", SIGNATURE_ENCODINGS, DEFAULT_WIRE.signatureEncoding),
    tokenPath,
    clientAuth: reader.oneOf("BANK_CLIENT_AUTH", CLIENT_AUTHS, DEFAULT_WIRE.clientAuth),
    oauthConnectionHeader: carries === "true",
  };
}

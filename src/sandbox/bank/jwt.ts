import { createHmac, timingSafeEqual } from "node:crypto";

/** Claims of the sandbox's access tokens. Consent tokens also carry the customer, account and connection bound to them. */
export interface AccessClaims {
  sub: string;
  client_id: string;
  scope: string;
  iat: number;
  exp: number;
  jti: string;
  customer_id?: string;
  account_number?: string;
  connection_id?: string;
  /** The consent grant a customer token was issued under, so revoking the consent revokes its tokens. */
  gid?: string;
}

const HEADER = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString("base64url");
}

function mac(key: Buffer, signingInput: string): Buffer {
  return createHmac("sha256", key).update(signingInput).digest();
}

/** HS256 by hand: the sandbox needs only its own tokens, so a JWT library would be weight without benefit. */
export function signJwt(claims: AccessClaims, key: Buffer): string {
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${mac(key, signingInput).toString("base64url")}`;
}

export type JwtCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: "invalid" | "expired" };

/** Accepts only tokens this sandbox signed (same header, valid MAC) that have not reached `exp`. */
export function verifyJwt(token: string, key: Buffer): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: "invalid" };
  const given = Buffer.from(parts[2], "base64url");
  const expected = mac(key, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as AccessClaims;
  if (Date.now() >= claims.exp * 1000) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

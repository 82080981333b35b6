import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SEED_BUSINESS } from "./seed";
import { objectId } from "./ids";

/** Sudo API keys are HS256 JWTs whose membership role is "APIKey" (FACTS B.2); the sandbox signs its own. */
export const API_KEY_ROLE = "APIKey";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export interface MintOptions {
  /** Negative values mint an already expired key. */
  expiresInSeconds?: number;
  role?: string;
}

export interface ApiKeyClaims {
  _id: string;
  emailAddress: string;
  jti: string;
  membership: { _id: string; business: { _id: string; name: string; isApproved: boolean }; user: string; role: string };
  iat: number;
  exp: number;
}

export function mintApiKey(secret: string, opts: MintOptions = {}): string {
  const iat = Math.floor(Date.now() / 1000);
  const userId = objectId();
  const claims: ApiKeyClaims = {
    _id: userId,
    emailAddress: "developer@sandbox.example.com",
    jti: randomBytes(16).toString("hex"),
    membership: {
      _id: objectId(),
      business: { _id: SEED_BUSINESS._id, name: SEED_BUSINESS.name, isApproved: true },
      user: userId,
      role: opts.role ?? API_KEY_ROLE,
    },
    iat,
    exp: iat + (opts.expiresInSeconds ?? ONE_YEAR_SECONDS),
  };
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${sign(secret, `${head}.${body}`)}`;
}

/** FACTS B.5: the card token is an HS256 JWT `{_id: <cardId>, type: "CARDTOKEN", iat, exp}` that lives 120 s. */
export const CARD_TOKEN_TTL_SECONDS = 120;

export function mintCardToken(secret: string, cardId: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify({ _id: cardId, type: "CARDTOKEN", iat, exp: iat + CARD_TOKEN_TTL_SECONDS }));
  return `${head}.${body}.${sign(`card-token:${secret}`, `${head}.${body}`)}`;
}

/** The claims of a valid API key from an Authorization header, or undefined for anything Sudo would answer 401 to. */
export function authenticate(header: string | undefined, secret: string): ApiKeyClaims | undefined {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? "");
  if (!match) return undefined;
  const [, head, body, signature] = match;
  if (!sameText(signature, sign(secret, `${head}.${body}`))) return undefined;
  const alg = parseJson(head)?.alg;
  const claims = parseJson(body) as Partial<ApiKeyClaims> | undefined;
  if (alg !== "HS256" || !claims) return undefined;
  if (typeof claims.exp !== "number" || claims.exp <= Date.now() / 1000) return undefined;
  return claims.membership?.role === API_KEY_ROLE ? (claims as ApiKeyClaims) : undefined;
}

function sign(secret: string, input: string): string {
  return createHmac("sha256", secret).update(input).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function b64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

function parseJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

import { randomBytes } from "node:crypto";
import type { EnvReader } from "../env";

export const DEFAULT_ISSUER = "cards-subgraph-dev";
export const DEFAULT_AUDIENCE = "cards-subgraph";
/** The claim naming the customers a customer token acts for (a string or an array of strings). */
export const DEFAULT_CUSTOMER_CLAIM = "customer_id";
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash, 256 bits. */
export const MIN_SECRET_LENGTH = 32;

export type TokenKey =
  /** HS256 with a shared secret; `generated` when none was configured (development only). */
  | { kind: "secret"; secret: string; generated: boolean }
  /** Asymmetric signatures checked against the issuer's published key set. */
  | { kind: "jwks"; url: string };

export interface AuthConfig {
  key: TokenKey;
  issuer: string;
  audience: string;
  /** The claim that makes a token a customer token (see access.ts). */
  customerClaim: string;
  /** When set, every request must carry it in `router-authorization` (the router's shared secret). */
  routerSecret?: string;
}

/** AUTH_* and ROUTER_SECRET (see the README's configuration table). Problems are collected in `read`. */
export function readAuthConfig(read: EnvReader, production: boolean): AuthConfig {
  const secret = read.optional("AUTH_JWT_SECRET");
  const jwksUrl = read.optional("AUTH_JWKS_URL") ? read.url("AUTH_JWKS_URL") : undefined;
  const issuer = read.string("AUTH_ISSUER", DEFAULT_ISSUER);
  const audience = read.string("AUTH_AUDIENCE", DEFAULT_AUDIENCE);
  const routerSecret = read.optional("ROUTER_SECRET");
  const customerClaim = read.string("AUTH_CUSTOMER_CLAIM", DEFAULT_CUSTOMER_CLAIM);

  if (secret && jwksUrl) read.problems.push("set only one of AUTH_JWT_SECRET and AUTH_JWKS_URL");
  if (secret && secret.length < MIN_SECRET_LENGTH) read.problems.push(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  if (!secret && !jwksUrl && production) read.problems.push("AUTH_JWT_SECRET or AUTH_JWKS_URL is required when NODE_ENV=production");
  // Whoever guesses either secret mints tokens or poses as the router; the key set's URL is checked by read.url.
  if (secret && secret.length >= MIN_SECRET_LENGTH) read.strongSecretInProduction("AUTH_JWT_SECRET", secret);
  read.strongSecretInProduction("ROUTER_SECRET", routerSecret);

  const key: TokenKey = jwksUrl
    ? { kind: "jwks", url: jwksUrl }
    : secret
      ? { kind: "secret", secret, generated: false }
      : // A fresh secret per start: tokens from an earlier run stop working, and no shared dev secret exists to leak.
        { kind: "secret", secret: randomBytes(32).toString("base64url"), generated: true };
  return { key, issuer, audience, customerClaim, ...(routerSecret ? { routerSecret } : {}) };
}

import { isNativeError } from "node:util/types";
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { DEFAULT_AUDIENCE, DEFAULT_CUSTOMER_CLAIM, DEFAULT_ISSUER, type AuthConfig } from "./config";
import { AuthUnavailableError, UnauthenticatedError } from "./errors";
import { customersOf, Scope, scopesOf, type Principal } from "./principal";
import { VerifiedTokenCache } from "./verified-cache";

export interface DevTokenOptions {
  sub?: string;
  scopes?: readonly string[];
  /** A jose time span ("12h", "-1m") or seconds from now (negative for an already expired token). */
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
  /** Makes it a customer token for these customers (in `customerClaim`); without it, a service token. */
  customers?: string | readonly string[];
  customerClaim?: string;
}

/**
 * An HS256 token as the router would forward it: `sub`, space-separated `scope`, `iss`, `aud`, `iat`, `exp`, and the
 * customer claim for a customer token. For the sandbox, tests and benchmarks; in production the identity provider
 * signs tokens. Without `customers` and `scopes` it is a service token with both `:any` scopes.
 */
export function signDevToken(secret: string, options: DevTokenOptions = {}): Promise<string> {
  const { sub = "dev", expiresIn = "12h", issuer = DEFAULT_ISSUER, audience = DEFAULT_AUDIENCE, customers, customerClaim = DEFAULT_CUSTOMER_CLAIM } = options;
  const scopes = options.scopes ?? (customers === undefined ? [Scope.READ_ANY, Scope.WRITE_ANY] : [Scope.READ, Scope.WRITE]);
  // jose reads a number as an absolute time; ours is relative, like the strings.
  const expiry = typeof expiresIn === "number" ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn;
  return new SignJWT({ scope: scopes.join(" "), ...(customers === undefined ? {} : { [customerClaim]: customers }) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiry)
    .sign(new TextEncoder().encode(secret));
}

/** Asymmetric algorithms only with a key set: accepting HS256 there would let a public key be used as a secret. */
const JWKS_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
/** Clocks of the issuer and this process may differ slightly. */
const CLOCK_TOLERANCE_SECONDS = 5;

export type TokenVerifier = (token: string) => Promise<Principal>;

/** How many verified tokens are remembered, and for how long at most (see VerifiedTokenCache). */
const CACHE = { maxEntries: 10_000, maxAgeMs: 5 * 60_000 };

/**
 * Checks signature, expiry, issuer and audience, and requires `sub` and `exp`. A token that passed is remembered with
 * its Principal until its `exp` (at most five minutes), so a router's repeated token costs one verification.
 */
export function createTokenVerifier(config: AuthConfig, cache = new VerifiedTokenCache(CACHE)): TokenVerifier {
  const { key } = config;
  const keyFor: Uint8Array | JWTVerifyGetKey = key.kind === "secret" ? new TextEncoder().encode(key.secret) : createRemoteJWKSet(new URL(key.url));
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: key.kind === "secret" ? ["HS256"] : JWKS_ALGORITHMS,
    requiredClaims: ["sub", "exp"],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  return async (token) => {
    const known = cache.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      // The union is split so TypeScript picks the matching jwtVerify overload.
      payload = keyFor instanceof Uint8Array ? (await jwtVerify(token, keyFor, options)).payload : (await jwtVerify(token, keyFor, options)).payload;
    } catch (error) {
      if (keySetUnreachable(error)) throw new AuthUnavailableError();
      throw new UnauthenticatedError(rejection(error));
    }
    if (typeof payload.sub !== "string" || payload.sub === "") throw new UnauthenticatedError('The bearer token\'s "sub" claim must be a non-empty string.');
    const customers = customersOf(payload, config.customerClaim);
    if (customers === "invalid") {
      throw new UnauthenticatedError(`The bearer token's "${config.customerClaim}" claim must be a customer id or an array of at most 100 customer ids.`);
    }
    return cache.set(token, { issuer: payload.iss!, subject: payload.sub, scopes: scopesOf(payload), customers }, payload.exp! * 1000);
  };
}

/**
 * The key set could not be fetched: a timeout, a network error (not a jose error), or a non-200 answer, which jose
 * reports as a bare JOSEError. Subclasses of JOSEError are about the token itself.
 */
function keySetUnreachable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  if (error instanceof errors.JOSEError) return error.constructor === errors.JOSEError;
  // isNativeError, not instanceof: socket errors may come from another realm (as under jest's VM modules).
  return isNativeError(error);
}

/** Why a token was refused, in words a client can act on; never the token or its claims' values. */
function rejection(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The bearer token has expired.";
  if (error instanceof errors.JWTClaimValidationFailed) return `The bearer token's "${error.claim}" claim is missing or not accepted.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The bearer token's signature is not valid.";
  if (error instanceof errors.JOSEAlgNotAllowed) return "The bearer token is signed with an algorithm this subgraph does not accept.";
  if (error instanceof errors.JWKSNoMatchingKey) return "The bearer token's signing key is not in the issuer's key set.";
  return "The bearer token is not a valid JWT.";
}

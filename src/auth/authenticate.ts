import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AuthConfig } from "./config";
import { UnauthenticatedError } from "./errors";
import type { Principal } from "./principal";
import { createTokenVerifier } from "./tokens";

export type Authenticate = (headers: IncomingHttpHeaders) => Promise<Principal>;

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * Every request must prove who it is before anything else runs: the router's shared secret when one is configured,
 * then the bearer JWT the router forwards. Failures throw UnauthenticatedError (HTTP 401).
 */
export function createAuthenticator(config: AuthConfig): Authenticate {
  const verify = createTokenVerifier(config);
  const routerSecret = config.routerSecret ? digest(config.routerSecret) : undefined;
  return async (headers) => {
    if (routerSecret && !sameDigest(routerSecret, single(headers["router-authorization"]))) {
      throw new UnauthenticatedError("The router-authorization header is missing or wrong: only the router may call this subgraph.");
    }
    return verify(bearerToken(single(headers.authorization)));
  };
}

function bearerToken(header: string | undefined): string {
  if (!header) throw new UnauthenticatedError("Authentication required: send a bearer JWT in the Authorization header.");
  const match = BEARER.exec(header);
  if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <JWT>`.");
  return match[1];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compares digests, so the time taken reveals neither the secret's length nor how much of it matched. */
function sameDigest(expected: Buffer, given: string | undefined): boolean {
  return given !== undefined && timingSafeEqual(expected, digest(given));
}

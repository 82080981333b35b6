import type { AuthConfig } from "./config";
import { Scope } from "./principal";
import { signDevToken } from "./tokens";

/**
 * With a secret generated at start (development without AUTH_* settings) nobody else can mint a token, so the sandbox
 * hands one out: sub "dev", both scopes, valid 12 h. Undefined when the operator configured the key.
 */
export async function devToken(config: AuthConfig): Promise<string | undefined> {
  if (config.key.kind !== "secret" || !config.key.generated) return undefined;
  return signDevToken(config.key.secret, { sub: "dev", scopes: [Scope.READ, Scope.WRITE], expiresIn: "12h", issuer: config.issuer, audience: config.audience });
}

/** What `npm start` prints with the dev token, ready to paste as a header. */
export async function devTokenBanner(config: AuthConfig): Promise<string | undefined> {
  const token = await devToken(config);
  if (!token) return undefined;
  return [`dev token (sub "dev", scopes ${Scope.READ} ${Scope.WRITE}, valid 12 h; a new one at every start):`, `  Authorization: Bearer ${token}`].join("\n");
}

import type { AuthConfig } from "./config";
import { Scope } from "./principal";
import { signDevToken } from "./tokens";

export interface DevTokens {
  /**
   * Acts for the sandboxes' seeded customers only (the customer claim); what a frontend's end user would hold. It may
   * also reveal their cards (`cards:reveal`), which no service token can.
   */
  customer?: string;
  /** No customer claim, `cards:read:any` and `cards:write:any`: a back-office or batch caller across customers. */
  service: string;
}

const LIFETIME = "12h";

/**
 * With a secret generated at start (development without AUTH_* settings) nobody else can mint a token, so the sandbox
 * hands out one of each kind. Undefined when the operator configured the key.
 */
export async function devTokens(config: AuthConfig, customers: readonly string[]): Promise<DevTokens | undefined> {
  if (config.key.kind !== "secret" || !config.key.generated) return undefined;
  const common = { expiresIn: LIFETIME, issuer: config.issuer, audience: config.audience, customerClaim: config.customerClaim };
  const service = await signDevToken(config.key.secret, { ...common, sub: "dev-service", scopes: [Scope.READ_ANY, Scope.WRITE_ANY] });
  if (!customers.length) return { service };
  const customer = await signDevToken(config.key.secret, { ...common, sub: "dev-customer", scopes: [Scope.READ, Scope.WRITE, Scope.REVEAL], customers });
  return { customer, service };
}

/** What `npm start` prints: each token ready to paste as a header, and what it may do. */
export function devTokenBanner(tokens: DevTokens | undefined, customers: readonly string[]): string | undefined {
  if (!tokens) return undefined;
  const lines = ["dev tokens (valid 12 h; new ones at every start):"];
  if (tokens.customer) {
    lines.push(
      `  customer token (sub "dev-customer", ${Scope.READ} ${Scope.WRITE} ${Scope.REVEAL}, acts for the seeded customers ${customers.join(", ")}; GraphiQL uses it):`,
      `    Authorization: Bearer ${tokens.customer}`,
    );
  }
  lines.push(`  service token (sub "dev-service", ${Scope.READ_ANY} ${Scope.WRITE_ANY}, any customer):`, `    Authorization: Bearer ${tokens.service}`);
  return lines.join("\n");
}

import { OAuthClient } from "../../src/providers/bank/tokens/oauth-client";
import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { ConsentRequiredError } from "../../src/providers/bank/errors";
import type { BankTokenSource } from "../../src/providers/bank/tokens/token-source";
import type { BankSandbox } from "../../src/sandbox/bank";
import { answerConsentPage, type ConsentAction } from "../../src/sandbox/bank/consent-page-client";

export { answerConsentPage, type ConsentAction } from "../../src/sandbox/bank/consent-page-client";

// Consent the honest way: a person opens the bank simulator's consent page (verificationUri), types the user code,
// signs in and approves or denies. Plain HTTP, the same requests a browser sends; no backdoor into the simulator.

/** Polls until `check` returns a value, every `everyMs`, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * For issuer-level tests without the subgraph: our production OAuth client runs the device flow in the simulator's
 * wire variant, a person approves each (customer, connection) on the page, and the tokens are kept in memory.
 * invalidate renews with the refresh token; drop forgets, so the next getToken is BANK_CONSENT_REQUIRED.
 */
export class PageApprovedTokens implements BankTokenSource {
  private readonly tokens = new Map<string, { access: string; refresh?: string }>();
  /** Pairs dropped after a refused token: getToken for them is BANK_CONSENT_REQUIRED, as in the subgraph. */
  private readonly dropped = new Set<string>();
  private readonly client: OAuthClient;

  constructor(private readonly sb: Pick<BankSandbox, "authBaseUrl" | "clientId" | "clientSecret" | "wire" | "connectionIds">) {
    this.client = new OAuthClient({ authBaseUrl: sb.authBaseUrl, clientId: sb.clientId, clientSecret: sb.clientSecret, timeoutMs: 5_000, wire: sb.wire });
  }

  /** Runs the flow for one pair now: device code, page approval, one poll. */
  async consent(customerId: string, connectionId: string = this.sb.connectionIds[0]): Promise<string> {
    const device = await this.client.deviceCode(connectionId);
    if (!device.ok) throw new Error(`device code refused: ${device.error}`);
    await answerConsentPage(device.body.verification_uri!, device.body.user_code!, customerId);
    const polled = await this.client.token({ grant_type: BANK_CONTRACT.deviceCodeGrant, device_code: device.body.device_code! }, connectionId);
    if (!polled.ok) throw new Error(`device poll refused: ${polled.error}`);
    this.tokens.set(key(customerId, connectionId), { access: polled.body.access_token!, refresh: polled.body.refresh_token });
    return polled.body.access_token!;
  }

  async getToken(customerId: string, connectionId: string): Promise<string> {
    if (this.dropped.has(key(customerId, connectionId))) throw new ConsentRequiredError(customerId, connectionId);
    const held = this.tokens.get(key(customerId, connectionId));
    return held ? held.access : this.consent(customerId, connectionId);
  }

  async invalidate(customerId: string, connectionId: string): Promise<void> {
    const held = this.tokens.get(key(customerId, connectionId));
    if (!held?.refresh) return void this.tokens.delete(key(customerId, connectionId));
    const renewed = await this.client.token({ grant_type: "refresh_token", refresh_token: held.refresh }, connectionId);
    if (renewed.ok) held.access = renewed.body.access_token!;
  }

  async drop(customerId: string, connectionId: string): Promise<void> {
    this.tokens.delete(key(customerId, connectionId));
    this.dropped.add(key(customerId, connectionId));
  }
}

function key(customerId: string, connectionId: string): string {
  return `${customerId}\u0000${connectionId}`;
}

export const CONSENT_FIELDS = "id customerId connectionId status userCode verificationUri verificationUriComplete consentMessage scope expiresAt pollIntervalSeconds approvedAt";

export interface ConsentJson {
  id: string;
  customerId: string;
  connectionId: string;
  status: "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "REVOKED";
  userCode: string | null;
  verificationUri: string | null;
  verificationUriComplete: string | null;
  consentMessage: string | null;
  scope: string;
  expiresAt: string;
  pollIntervalSeconds: number;
  approvedAt: string | null;
}

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<{ body: { data?: Record<string, unknown> | null; errors?: unknown[] } }>;

/** startBankConsent; PROVIDER_UNAVAILABLE (a short timeout on a loaded machine) is retried as a client would. */
export async function startConsent(gql: Gql, customerId: string, connectionId?: string): Promise<ConsentJson> {
  for (let attempt = 1; ; attempt++) {
    const { body } = await gql(`mutation($c: ID!, $k: String) { startBankConsent(customerId: $c, connectionId: $k) { ${CONSENT_FIELDS} } }`, { c: customerId, k: connectionId ?? null });
    if (body.data?.startBankConsent) return body.data.startBankConsent as ConsentJson;
    const code = (body.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
    if (code !== "PROVIDER_UNAVAILABLE" || attempt === 3) throw new Error(`startBankConsent failed: ${JSON.stringify(body.errors)}`);
  }
}

export async function readConsent(gql: Gql, id: string): Promise<ConsentJson | null> {
  const { body } = await gql(`query($id: ID!) { bankConsent(id: $id) { ${CONSENT_FIELDS} } }`, { id });
  return (body.data?.bankConsent as ConsentJson | null) ?? null;
}

/** Waits (through GraphQL, as a frontend would) until the subgraph's poller has moved the consent off PENDING. */
export function settledConsent(gql: Gql, id: string, timeoutMs?: number): Promise<ConsentJson> {
  return eventually(async () => {
    const consent = await readConsent(gql, id);
    return consent && consent.status !== "PENDING" ? consent : undefined;
  }, `consent ${id} to settle`, timeoutMs);
}

/**
 * The whole flow through the subgraph: startBankConsent, a person answers on the bank's page as `signInAs` (the
 * customer themself unless a test says otherwise), then the poller's outcome.
 */
export async function consentThroughGraphQL(gql: Gql, customerId: string, connectionId?: string, action: ConsentAction = "approve", signInAs = customerId): Promise<ConsentJson> {
  for (let attempt = 1; ; attempt++) {
    const started = await startConsent(gql, customerId, connectionId);
    if (started.status !== "PENDING") return started;
    const answer = await answerConsentPage(started.verificationUri!, started.userCode!, signInAs, action);
    if (answer.status !== 200) throw new Error(`consent page answered ${answer.status}`);
    const settled = await settledConsent(gql, started.id, 60_000);
    // On a loaded machine a short provider timeout can lose the approval's answer (the bank spent the device code):
    // the consent ends EXPIRED and, as a frontend would, we ask again.
    if (settled.status !== "EXPIRED" || attempt === 3) return settled;
  }
}

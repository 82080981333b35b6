import { randomBytes } from "node:crypto";
import { BANK_CONTRACT } from "../../providers/bank/contract";
import { DEFAULT_WIRE, type BankWireVariant } from "../../providers/bank/wire-variants";
import type { FaultInjector } from "../faults";
import { listen, type RecordedRequest } from "../http";
import type { BankSandboxCard } from "./card-factory";
import type { BankSandboxOptions } from "./options";
import { DEFAULT_CONNECTION_IDS, SEED_CUSTOMERS, type BankSandboxCustomer } from "./seed";
import { CONSENT_PAGE_PATH } from "./oauth";
import { createHandler } from "./server";
import { SandboxState, type DevicePoll } from "./state";

export type { BankSandboxCard } from "./card-factory";
export type { BankSandboxOptions } from "./options";
export type { BankSandboxCustomer } from "./seed";
export type { DevicePoll } from "./state";

/**
 * An in-process imitation of the bank API (FACTS A.4-A.13): OAuth2 token and device-code endpoints plus the card
 * routes, on one port, so authBaseUrl and apiBaseUrl are the same URL.
 */
export interface BankSandbox {
  url: string;
  authBaseUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  connectionIds: string[];
  /** The wire variant this simulator accepts (and only it). */
  wire: BankWireVariant;
  customers: readonly BankSandboxCustomer[];
  /** Consulted once per request, auth and API routes alike. */
  faults: FaultInjector;
  /** Every request with its final status (0 when the connection was dropped). */
  requests: readonly RecordedRequest[];
  count(method: string, path: string): number;
  /** Stored cards with full wire data (PAN, CVV2), so tests can prove the integration never leaks them. */
  cards(): readonly BankSandboxCard[];
  tokensIssued(): number;
  /** Every access and refresh token handed out (never reset), for leak scans. */
  issuedTokens(): readonly string[];
  /** The consent page (RFC 8628 verification_uri), where a person types the user code and approves or denies. */
  consentPageUrl: string;
  /** Every device-code poll and its answer (authorization_pending, slow_down, approved, …), oldest first. */
  devicePolls(): readonly DevicePoll[];
  /** The bank is under load: the next device-code poll of each pending request answers slow_down. */
  requireSlowerPolling(): void;
  /** The customer withdraws every consent they gave, at the bank: their tokens stop working at once. */
  revokeConsentsOf(customerId: string): void;
  /**
   * Forgets requests, cards, idempotency records, rate-limit windows, faults and the tokensIssued count. Access
   * tokens, refresh tokens and device codes already handed out stay valid, so a suite can fetch a token once.
   */
  reset(): void;
  stop(): Promise<void>;
}

function withDefaults(options: BankSandboxStartOptions): BankSandboxOptions {
  return {
    port: options.port ?? 0,
    clientId: options.clientId ?? `sbx-client-${randomBytes(6).toString("hex")}`,
    clientSecret: options.clientSecret ?? randomBytes(32).toString("hex"),
    connectionIds: [...(options.connectionIds ?? DEFAULT_CONNECTION_IDS)],
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    pinScheme: options.pinScheme ?? BANK_CONTRACT.defaultPinScheme,
    lenientSignature: options.lenientSignature ?? false,
    wire: { ...DEFAULT_WIRE, ...options.wire },
    rateLimitPerMinute: options.rateLimitPerMinute ?? BANK_CONTRACT.rateLimitPerMinute.sandbox,
    pollIntervalSeconds: options.pollIntervalSeconds ?? 5,
    slowDownStepSeconds: options.slowDownStepSeconds ?? 5,
    deviceCodeTtlSeconds: options.deviceCodeTtlSeconds ?? 900,
  };
}

export type BankSandboxStartOptions = Partial<Omit<BankSandboxOptions, "wire">> & { wire?: Partial<BankWireVariant> };

export async function startBankSandbox(options: BankSandboxStartOptions = {}): Promise<BankSandbox> {
  const { port, ...config } = withDefaults(options);
  if (config.connectionIds.length === 0) throw new Error("bank sandbox needs at least one connection id");
  if (!(config.rateLimitPerMinute >= 1)) throw new Error("bank sandbox rateLimitPerMinute must be at least 1");
  const state = new SandboxState(config);
  const server = await listen(createHandler(state), port);
  state.url = server.url;
  return {
    url: server.url,
    authBaseUrl: server.url,
    apiBaseUrl: server.url,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    connectionIds: config.connectionIds,
    wire: { ...config.wire },
    customers: SEED_CUSTOMERS,
    faults: state.faults,
    requests: state.requests,
    count: (method, path) => state.requests.filter((r) => r.method === method.toUpperCase() && r.path === path).length,
    cards: () => state.cards.map((card) => structuredClone(card)),
    tokensIssued: () => state.tokensIssued,
    issuedTokens: () => [...state.issuedTokens],
    consentPageUrl: `${server.url}${CONSENT_PAGE_PATH}`,
    devicePolls: () => state.devicePolls.map((p) => ({ ...p })),
    requireSlowerPolling: () => {
      for (const grant of state.deviceGrants.values()) grant.slowDownNext = true;
    },
    revokeConsentsOf: (customerId) => {
      for (const grant of state.grants.values()) if (grant.customerId === customerId) grant.revoked = true;
    },
    reset: () => state.reset(),
    stop: () => server.close(),
  };
}

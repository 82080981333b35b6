import { Writable } from "node:stream";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { startApp, type RunningApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { startBankSandbox, type BankSandbox, type BankSandboxStartOptions } from "../../src/sandbox/bank";
import { consentThroughGraphQL, type ConsentJson } from "./bank-consent";
import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { defaultAuthHeaders, TEST_AUTH_ENV } from "./auth";
import { openTestStore } from "./store";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
  text: string;
}

export interface Harness {
  app: RunningApp;
  bank: BankSandbox;
  sudo: SudoSandbox;
  /** Every log line the subgraph wrote, as JSON text. */
  logs: string[];
  sqlStatements: () => number;
  /** Sends a query with the default test token (see postGraphQL for `headers`). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Sends a generated typed document (test/__generated__/graphql.ts). */
  run<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Bank consent through GraphQL and the simulator's consent page (see bank-consent.ts). */
  consent(customerId: string, connectionId?: string, action?: "approve" | "deny"): Promise<ConsentJson>;
  /** Approves every seeded bank customer at every connection (startHarness does it unless told not to). */
  consentAll(): Promise<void>;
  stop(): Promise<void>;
}

/** Provider env vars pointing at simulators this test owns, so it can count calls and inject faults. */
export function providerEnv(bank: BankSandbox, sudo: SudoSandbox): Record<string, string> {
  return {
    BANK_API_BASE_URL: bank.apiBaseUrl,
    BANK_AUTH_BASE_URL: bank.authBaseUrl,
    BANK_CLIENT_ID: bank.clientId,
    BANK_CLIENT_SECRET: bank.clientSecret,
    BANK_CONNECTION_IDS: bank.connectionIds.join(","),
    SUDO_API_BASE_URL: sudo.url,
    SUDO_API_KEY: sudo.apiKey,
  };
}

/**
 * POSTs a GraphQL request with the default test token (test/support/auth.ts). `headers` override it: another
 * `authorization`, or an empty one (NO_AUTH) to send none.
 */
export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const all: Record<string, string> = { "content-type": "application/json", ...(await defaultAuthHeaders()), ...headers };
  const response = await fetch(url, {
    method: "POST",
    headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== "")),
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
}

const UNLIMITED_CALLERS = { CALLER_CREATE_CARDS_PER_MINUTE: "1000000", CALLER_CREATE_CARDS_BURST: "1000000", CALLER_READ_COST_PER_MINUTE: "1000000000" };
export interface HarnessOptions {
  /** Bank consent approved on the consent page for every seeded customer at every connection first (default true). */
  consents?: boolean;
  bank?: BankSandboxStartOptions;
}

/** The bank's device-flow pace, shortened so consent takes milliseconds (the subgraph honours whatever it is told). */
export const FAST_CONSENT_SANDBOX: BankSandboxStartOptions = { pollIntervalSeconds: 0.05, slowDownStepSeconds: 0.1 };
export const FAST_CONSENT_ENV: Record<string, string> = { BANK_CONSENT_POLL_TICK_MS: "40", BANK_CONSENT_SLOW_DOWN_MS: "100" };

/** The real subgraph over HTTP on loopback, against both simulators and a fresh store. */
export async function startHarness(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const [bank, sudo] = await Promise.all([startBankSandbox({ ...FAST_CONSENT_SANDBOX, ...options.bank }), startSudoSandbox()]);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  let statements = 0;
  // The reconciler's background loop is off: tests that need it drive `app.reconciler.runOnce()` or turn it on.
  // One test token makes most of a file's requests: the per-caller limits are lifted unless a test sets them.
  const config = loadConfig({ PORT: "0", LOG_LEVEL: "debug", BANK_TIMEOUT_MS: "3000", SUDO_TIMEOUT_MS: "3000", RECONCILE_INTERVAL_MS: "0", ...UNLIMITED_CALLERS, ...TEST_AUTH_ENV, ...FAST_CONSENT_ENV, ...providerEnv(bank, sudo), ...env });
  // The consent poller's background statements (bank_consents) are not the work of the request under test.
  const store = await openTestStore({ onQuery: (event) => void (event.query.sql.includes('"bank_consents"') || statements++) });
  const app = await startApp(config, { logger: createLogger("debug", sink), store });
  const gql = <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => postGraphQL<T>(app.url, query, variables, headers);
  // A subgraph that generated its own JWT secret accepts only its dev tokens: consent with the service one (and the
  // router's secret when the subgraph demands it).
  const consentAuth: Record<string, string> = {
    ...(app.devTokens ? { authorization: `Bearer ${app.devTokens.service}` } : {}),
    ...(env.ROUTER_SECRET ? { "router-authorization": env.ROUTER_SECRET } : {}),
  };
  const consentGql = <T>(query: string, variables?: Record<string, unknown>) => postGraphQL<T>(app.url, query, variables, consentAuth);
  const consentAll = async () => {
    const pairs = bank.customers.flatMap((c) => bank.connectionIds.map((conn) => [c.id, conn] as const));
    await Promise.all(pairs.map(([customer, conn]) => consentThroughGraphQL(consentGql, customer, conn)));
  };
  if (options.consents !== false) await consentAll();
  return {
    consentAll,
    app,
    bank,
    sudo,
    logs,
    sqlStatements: () => statements,
    gql,
    run: (document, variables, headers) => postGraphQL(app.url, print(document), variables, headers),
    consent: (customerId, connectionId, action) => consentThroughGraphQL(gql, customerId, connectionId, action),
    async stop() {
      await app.stop();
      await store.store.close();
      await Promise.all([bank.stop(), sudo.stop()]);
    },
  };
}

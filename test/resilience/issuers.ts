import { randomUUID } from "node:crypto";
import { plainToInstance } from "class-transformer";
import type { GraphQLError } from "graphql";
import { createLogger } from "../../src/logger";
import { BankCardInput } from "../../src/providers/bank/bank.input";
import { bankResilienceDefaults, type BankConfig } from "../../src/providers/bank/config";
import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { BankCardIssuer } from "../../src/providers/bank/issuer";
import type { CardIssuer, IssuedCard } from "../../src/providers/provider";
import { sandboxResilience, type BreakerOptions, type RateLimitOptions, type ResilienceConfig, type RetryPolicy } from "../../src/providers/resilience";
import { sudoProvider } from "../../src/providers/sudo";
import { sudoResilienceDefaults } from "../../src/providers/sudo/config";
import type { SudoCardInput } from "../../src/providers/sudo/sudo.input";
import type { BankSandbox } from "../../src/sandbox/bank";
import type { SudoSandbox } from "../../src/sandbox/sudo";
import { PageApprovedTokens } from "../support/bank-consent";
import { bankInput } from "../support/inputs";
import { VALID, input as sudoInputOf } from "../unit/sudo/fixtures";

// Issuers built the way the app builds them, against simulators a test owns, with the resilience knobs it needs.

export interface Tuning {
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
  rateLimit?: Partial<RateLimitOptions>;
}

function tuned(base: ResilienceConfig, t: Tuning): ResilienceConfig {
  return { retry: { ...base.retry, ...t.retry }, breaker: { ...base.breaker, ...t.breaker }, rateLimit: { ...base.rateLimit, ...t.rateLimit } };
}

const pageTokens = new WeakMap<BankSandbox, PageApprovedTokens>();

/** One set of page-approved consents per simulator, shared by its issuers as the subgraph's store would share them. */
function tokensFor(sim: BankSandbox): PageApprovedTokens {
  let tokens = pageTokens.get(sim);
  if (!tokens) pageTokens.set(sim, (tokens = new PageApprovedTokens(sim)));
  return tokens;
}

export function bankIssuer(sim: BankSandbox, t: Tuning = {}): BankCardIssuer {
  const timeoutMs = t.timeoutMs ?? 2_000;
  const config: BankConfig = {
    apiBaseUrl: sim.apiBaseUrl,
    authBaseUrl: sim.authBaseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    connectionIds: sim.connectionIds,
    defaultConnectionId: sim.connectionIds[0],
    wire: { ...sim.wire },
    pinScheme: BANK_CONTRACT.defaultPinScheme,
    timeoutMs,
    tokenSource: "device-code",
    consentTokens: {},
    resilience: tuned(sandboxResilience(bankResilienceDefaults(timeoutMs, false)), t),
  };
  return new BankCardIssuer(config, createLogger("silent"), { tokens: tokensFor(sim) });
}

export function bankRequest(overrides: Record<string, unknown> = {}, idempotencyKey = `idem-${randomUUID()}`) {
  return { input: plainToInstance(BankCardInput, { ...bankInput(), ...overrides }), cardId: `crd_${randomUUID()}`, idempotencyKey };
}

export function sudoIssuer(sim: SudoSandbox, t: Tuning = {}): CardIssuer<SudoCardInput> {
  const timeoutMs = t.timeoutMs ?? 2_000;
  const resilience = tuned(sandboxResilience(sudoResilienceDefaults(timeoutMs)), t);
  return sudoProvider.createIssuer({ apiBaseUrl: sim.url, apiKey: sim.apiKey, timeoutMs, settleMs: 0, resilience }, createLogger("silent"));
}

export function sudoRequest(plain: Record<string, unknown> = VALID.virtualVerve()) {
  return { input: sudoInputOf(plain), cardId: `crd_${randomUUID()}`, idempotencyKey: randomUUID() };
}

/** What the caller of an issuer sees: the card, or the error's code and extensions. */
export async function outcome(attempt: Promise<IssuedCard>): Promise<IssuedCard | Record<string, unknown>> {
  return attempt.then(
    (card) => card,
    (error: GraphQLError) => {
      if (!error.extensions?.code) throw error;
      return error.extensions;
    },
  );
}

export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import { randomBytes } from "node:crypto";
import { FaultInjector } from "../faults";
import { listen, type RecordedRequest } from "../http";
import { mintApiKey, type MintOptions } from "./auth";
import { SEED_ACCOUNTS, SEED_BUSINESS, SEED_CUSTOMERS, SEED_FUNDING_SOURCES } from "./seed";
import { createHandler } from "./server";
import { SudoStore, type StoredCard } from "./store";
import { webhookCardView } from "./card-view";
import { WebhookSender } from "./webhooks";

export { SEED_ACCOUNTS, SEED_BUSINESS, SEED_CUSTOMERS, SEED_FUNDING_SOURCES, SEED_PROGRAMS } from "./seed";
export { FAILURE_ENVELOPE } from "./server";
export { ISSUANCE_FEES } from "./routes/create-card";
export type { DeliveryFault, DeliveryRecord, WebhookSender } from "./webhooks";

export interface SudoSandboxOptions {
  port: number;
  jwtSecret: string;
}

export interface SudoSandboxCustomer {
  _id: string;
  name: string;
  emailAddress: string;
  phoneNumber: string;
}

export interface SudoSandboxAccount {
  _id: string;
  currency: "NGN" | "USD";
  balance: number;
  accountNumber: string;
  bankCode: string;
}

/** A stored card, vault data included (`pan`, `cvv2`, `pin`), so tests can prove none of it leaks. */
export type SudoSandboxCard = StoredCard;

export interface SudoSandbox {
  /** API base URL, without `/v1` (FACTS B.1). */
  url: string;
  /** A valid key: an HS256 JWT with membership.role "APIKey" that expires in a year. */
  apiKey: string;
  mintApiKey(opts?: MintOptions): string;
  customers: readonly SudoSandboxCustomer[];
  /** The seeded settlement accounts with their current balances. */
  accounts: readonly SudoSandboxAccount[];
  fundingSources: readonly { _id: string; type: string }[];
  faults: FaultInjector;
  requests: readonly RecordedRequest[];
  /** Requests seen for this method and exact path (no query string). */
  count(method: string, path: string): number;
  cards(): readonly SudoSandboxCard[];
  setBalance(accountId: string, amount: number): void;
  /** Webhook deliveries: configure the URL and token, inject duplicates and delays, see every attempt. */
  webhooks: WebhookSender;
  /** Forgets requests, cards and faults, and restores the seeded balances. */
  reset(): void;
  stop(): Promise<void>;
}

export async function startSudoSandbox(options: Partial<SudoSandboxOptions> = {}): Promise<SudoSandbox> {
  const jwtSecret = options.jwtSecret ?? randomBytes(32).toString("hex");
  const state = { store: new SudoStore(), faults: new FaultInjector(), requests: [] as RecordedRequest[], jwtSecret };
  const webhooks = new WebhookSender(SEED_BUSINESS._id);
  state.store.notify = (type, card) => void webhooks.emit(type, webhookCardView(card, state.store));
  const server = await listen(createHandler(state), options.port ?? 0);
  return {
    url: server.url,
    apiKey: mintApiKey(jwtSecret),
    mintApiKey: (opts) => mintApiKey(jwtSecret, opts),
    customers: SEED_CUSTOMERS.map(({ _id, name, emailAddress, phoneNumber }) => ({ _id, name, emailAddress, phoneNumber })),
    get accounts() {
      return SEED_ACCOUNTS.map((seed) => {
        const { _id, currency, balance, accountNumber, bankCode } = state.store.accounts.get(seed._id) ?? seed;
        return { _id, currency, balance, accountNumber, bankCode };
      });
    },
    fundingSources: SEED_FUNDING_SOURCES.map(({ _id, type }) => ({ _id, type })),
    faults: state.faults,
    get requests() {
      return state.requests;
    },
    count: (method, path) => state.requests.filter((r) => r.method === method.toUpperCase() && r.path === path).length,
    cards: () => structuredClone(state.store.cards),
    setBalance: (accountId, amount) => state.store.setBalance(accountId, amount),
    webhooks,
    reset: () => {
      webhooks.reset();
      state.requests.length = 0;
      state.faults.clear();
      state.store.reset();
    },
    stop: async () => {
      await webhooks.idle();
      await server.close();
    },
  };
}

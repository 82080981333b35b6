import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { print } from "graphql";
import { CreateCardDocument, CustomerCardsDocument, type CreateCardMutation } from "../__generated__/graphql";
import { FAST_CONSENT_ENV, postGraphQL, providerEnv, startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { consentThroughGraphQL } from "../support/bank-consent";
import { TEST_AUTH_ENV } from "../support/auth";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "../support/inputs";
import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openTestStore, storeEngine } from "../support/store";
import { startSubgraphProcess } from "../support/subgraph-process";
import { eventually, sleep } from "../support/wait";

// These tests start the subgraph as child processes, each compiling the sources and opening PGlite: on a busy
// two-core machine that alone can take longer than the default test timeout. A limit, not a speed assertion.
jest.setTimeout(120_000);

const CREATE = print(CreateCardDocument);
/** Retries the same request, as a client would, until it gets an answer that is not "try again". */
async function retryUntilSettled(send: () => Promise<GraphQLResponse<CreateCardMutation>>): Promise<GraphQLResponse<CreateCardMutation>> {
  for (let i = 0; i < 100; i++) {
    const response = await send().catch(() => null);
    const code = response?.body.errors?.[0]?.extensions?.code;
    if (response && code !== "IDEMPOTENCY_IN_PROGRESS" && code !== "PROVIDER_UNAVAILABLE") return response;
    await sleep(100);
  }
  throw new Error("never settled");
}

const PROVIDERS = [
  { name: "bank", input: () => ({ bank: bankInput() }), customerId: "cus_ada", cards: (h: Harness) => h.bank.cards().length, faults: (h: Harness) => h.bank.faults },
  { name: "sudo", input: () => ({ sudo: sudoInput() }), customerId: SUDO_CUSTOMER, cards: (h: Harness) => h.sudo.cards().length, faults: (h: Harness) => h.sudo.faults },
] as const;

describe(`exactly one card under faults (store: ${storeEngine})`, () => {
  let h: Harness;
  beforeAll(async () => {
    // One bank attempt per request: these tests are about a later request recovering the card, which the bank's
    // in-process retry would otherwise do first (test/resilience covers that path).
    h = await startHarness({ BANK_TIMEOUT_MS: "400", SUDO_TIMEOUT_MS: "400", IDEMPOTENCY_LEASE_MS: "1000", BANK_RETRY_MAX_ATTEMPTS: "1" });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.bank.reset();
    h.sudo.reset();
  });

  async function registryCount(customerId: string): Promise<number> {
    const { body } = await h.run(CustomerCardsDocument, { customerId, first: 100 });
    return body.data!.cards.edges.length;
  }

  describe.each(PROVIDERS)("$name", (provider) => {
    it("the provider times out after creating the card: the retry returns that card, not a second one", async () => {
      const key = `timeout-${provider.name}-${randomBytes(4).toString("hex")}`;
      const before = await registryCount(provider.customerId);
      provider.faults(h).add({ kind: "latency", latencyMs: 900, method: "POST", path: "/cards" });
      const first = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: key, input: provider.input() });
      expect(first.body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", reason: "TIMEOUT" });
      await eventually(() => provider.cards(h) === 1, "the provider to finish creating the card");
      const retry = await retryUntilSettled(() => h.gql<CreateCardMutation>(CREATE, { idempotencyKey: key, input: provider.input() }));
      expect(retry.body.errors).toBeUndefined();
      expect(provider.cards(h)).toBe(1);
      expect(await registryCount(provider.customerId)).toBe(before + 1);
    });

    it("the connection drops after the provider committed: the retry recovers the card", async () => {
      const key = `drop-${provider.name}-${randomBytes(4).toString("hex")}`;
      provider.faults(h).add({ kind: "drop-after-commit", method: "POST", path: "/cards" });
      const first = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: key, input: provider.input() });
      expect(first.body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
      const retry = await retryUntilSettled(() => h.gql<CreateCardMutation>(CREATE, { idempotencyKey: key, input: provider.input() }));
      expect(retry.body.data!.createCard.providerCardId).toBeTruthy();
      expect(provider.cards(h)).toBe(1);
    });
  });
});

describe(`exactly one card across requests and processes (store: ${storeEngine})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.bank.reset();
    h.sudo.reset();
  });

  it.each(PROVIDERS)("$name: 50 concurrent requests with one key make one provider call and return one card", async (provider) => {
    const key = `fifty-${provider.name}-${randomBytes(4).toString("hex")}`;
    provider.faults(h).add({ kind: "latency", latencyMs: 200, method: "POST", path: "/cards" });
    const responses = await Promise.all(Array.from({ length: 50 }, () => h.gql<CreateCardMutation>(CREATE, { idempotencyKey: key, input: provider.input() })));
    expect(responses.map((r) => r.body.errors?.[0]?.extensions?.code ?? "ok").filter((c) => c !== "ok")).toEqual([]);
    expect(new Set(responses.map((r) => r.body.data!.createCard.id)).size).toBe(1);
    expect(provider.cards(h)).toBe(1);
  });

  /**
   * Env for subgraph processes that share one database: a PostgreSQL schema, or a PGlite data directory. Replicas
   * share the consent key too (bank tokens are sealed with it), and poll the bank's device flow at test pace.
   */
  function sharedStoreEnv(): Record<string, string> {
    const consents = { ...FAST_CONSENT_ENV, CONSENT_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}` };
    if (process.env.DATABASE_URL) return { ...consents, DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: `proc_${randomBytes(6).toString("hex")}` };
    return { ...consents, DATA_DIR: mkdtempSync(join(tmpdir(), "cards-pglite-")) };
  }

  /** A new database has no bank consent: the customer approves on the bank's page, through one of the replicas. */
  async function consentIfBank(provider: (typeof PROVIDERS)[number], url: string): Promise<void> {
    if (provider.name !== "bank") return;
    const consent = await consentThroughGraphQL((q, v) => postGraphQL<Record<string, unknown>>(url, q, v), provider.customerId);
    expect(consent.status).toBe("APPROVED");
  }

  /**
   * Starts a subgraph process and kills it once its create-card call is held at the provider (not after a fixed
   * time: a loaded machine may take longer than that to get the request there); the provider then creates the card.
   */
  async function killWhileProviderCreates(provider: (typeof PROVIDERS)[number], env: Record<string, string>, key: string): Promise<void> {
    const first = await startSubgraphProcess(env);
    await consentIfBank(provider, first.url);
    const faults = provider.faults(h);
    const take = faults.take.bind(faults);
    let held = false;
    faults.take = (method, path) => {
      const fault = take(method, path);
      if (fault?.kind === "latency") held = true;
      return fault;
    };
    try {
      faults.add({ kind: "latency", latencyMs: 1500, method: "POST", path: "/cards" });
      const inFlight = postGraphQL(first.url, CREATE, { idempotencyKey: key, input: provider.input() }).catch(() => null);
      await eventually(() => held, "the create-card call to reach the provider", 60_000);
      await first.kill();
      expect(await inFlight).toBeNull();
      await eventually(() => provider.cards(h) === 1, "the provider to create the card");
    } finally {
      faults.take = take;
    }
  }

  it.each(PROVIDERS)("$name: the subgraph is killed while the provider creates the card; a restarted one recovers it", async (provider) => {
    const env = { ...providerEnv(h.bank, h.sudo), ...sharedStoreEnv(), IDEMPOTENCY_LEASE_MS: "1000" };
    const key = `crash-${provider.name}`;
    await killWhileProviderCreates(provider, env, key);

    const second = await startSubgraphProcess(env);
    try {
      const retry = await retryUntilSettled(() => postGraphQL<CreateCardMutation>(second.url, CREATE, { idempotencyKey: key, input: provider.input() }));
      expect(retry.body.errors).toBeUndefined();
      const cards = await postGraphQL<{ cards: { edges: unknown[] } }>(second.url, print(CustomerCardsDocument), { customerId: provider.customerId, first: 100 });
      expect(cards.body.data!.cards.edges).toHaveLength(1);
      expect(provider.cards(h)).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it.each(PROVIDERS)("$name: the subgraph is killed while the provider creates the card; a restarted one records it with no client retry", async (provider) => {
    const env = { ...providerEnv(h.bank, h.sudo), ...sharedStoreEnv(), IDEMPOTENCY_LEASE_MS: "1000", SUDO_SETTLE_MS: "500", RECONCILE_INTERVAL_MS: "300" };
    await killWhileProviderCreates(provider, env, `orphan-${provider.name}`);

    const second = await startSubgraphProcess(env);
    try {
      const listed = async () => {
        const cards = await postGraphQL<{ cards: { edges: unknown[] } }>(second.url, print(CustomerCardsDocument), { customerId: provider.customerId, first: 100 });
        return cards.body.data!.cards.edges.length;
      };
      const deadline = Date.now() + 30_000;
      while ((await listed()) === 0 && Date.now() < deadline) await sleep(200);
      expect(await listed()).toBe(1);
      expect(provider.cards(h)).toBe(1);
    } finally {
      await second.stop();
    }
  });

  /**
   * Two subgraph replicas on one database: two processes on PostgreSQL; on PGlite, which one process owns, two servers
   * in this process sharing the one engine.
   */
  async function startReplicas(env: Record<string, string>) {
    if (process.env.DATABASE_URL) return Promise.all([startSubgraphProcess(env), startSubgraphProcess(env)]);
    const shared = await openTestStore();
    const config = loadConfig({ ...TEST_AUTH_ENV, ...env, PORT: "0", LOG_LEVEL: "silent" });
    const apps = await Promise.all([startApp(config, { store: shared }), startApp(config, { store: shared })]);
    let open = apps.length;
    return apps.map((app) => ({ url: app.url, stop: async () => (await app.stop(), --open === 0 && (await shared.store.close())) }));
  }

  it.each(PROVIDERS)("$name: two replicas on one database race one key: one provider call, one card", async (provider) => {
    const env = { ...providerEnv(h.bank, h.sudo), ...sharedStoreEnv() };
    const [a, b] = await startReplicas(env);
    try {
      await consentIfBank(provider, a.url);
      provider.faults(h).add({ kind: "latency", latencyMs: 300, method: "POST", path: "/cards" });
      const send = (url: string) => postGraphQL<CreateCardMutation>(url, CREATE, { idempotencyKey: "race", input: provider.input() });
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? a.url : b.url)));
      expect(responses.every((r) => r.body.errors === undefined)).toBe(true);
      expect(new Set(responses.map((r) => r.body.data!.createCard.id)).size).toBe(1);
      expect(provider.cards(h)).toBe(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

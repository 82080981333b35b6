import { randomBytes, randomUUID } from "node:crypto";
import { startApp, type RunningApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import type { OpenedStore } from "../../src/store";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { FAST_CONSENT_ENV, FAST_CONSENT_SANDBOX, postGraphQL, providerEnv } from "../support/app";
import { TEST_AUTH_ENV } from "../support/auth";
import { answerConsentPage, settledConsent, startConsent } from "../support/bank-consent";
import { bankInput } from "../support/inputs";
import { openTestStore, storeEngine } from "../support/store";

// Several subgraph replicas on one store (PGlite here, PostgreSQL when CI sets DATABASE_URL): the consent lease
// keeps one poller per consent, and a replica started later resumes what an earlier one left pending.

const KEYS = `k1:${randomBytes(32).toString("base64")}`;

describe(`bank consent with several replicas on ${storeEngine}`, () => {
  let bank: BankSandbox;
  let sudo: SudoSandbox;
  let shared: OpenedStore;
  const running: RunningApp[] = [];

  const start = async (): Promise<RunningApp> => {
    const env = { ...TEST_AUTH_ENV, ...FAST_CONSENT_ENV, ...providerEnv(bank, sudo), CONSENT_ENCRYPTION_KEYS: KEYS, PORT: "0" };
    const app = await startApp(loadConfig(env), { store: shared, logger: createLogger("silent") });
    running.push(app);
    return app;
  };
  const gqlOf = (app: RunningApp) => (query: string, variables?: Record<string, unknown>) => postGraphQL<Record<string, unknown>>(app.url, query, variables);

  beforeAll(async () => {
    [bank, sudo] = await Promise.all([startBankSandbox(FAST_CONSENT_SANDBOX), startSudoSandbox()]);
    shared = await openTestStore();
  });
  afterAll(async () => {
    for (const app of running) await app.stop().catch(() => undefined);
    await shared.store.close();
    await Promise.all([bank.stop(), sudo.stop()]);
  });

  it("two replicas polling: exactly one polls a consent at a time (the bank never has to say slow_down)", async () => {
    const [a, b] = [await start(), await start()];
    const started = await startConsent(gqlOf(a), "cus_ada");
    // Both pollers run for a dozen intervals before the customer answers.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await answerConsentPage(started.verificationUri!, started.userCode!, "cus_ada");
    expect(await settledConsent(gqlOf(b), started.id)).toMatchObject({ status: "APPROVED" });
    const polls = bank.devicePolls().filter((p) => p.userCode === started.userCode);
    expect(polls.length).toBeGreaterThan(3);
    // Two replicas polling the same consent would land within the 50 ms interval of each other.
    expect(polls.filter((p) => p.answer === "slow_down")).toEqual([]);
    const card = await postGraphQL(b.url, `mutation($k: String!, $i: CreateCardInput!) { createCard(idempotencyKey: $k, input: $i) { id provider } }`, {
      k: randomUUID(),
      i: { bank: bankInput() },
    });
    expect(card.body.errors).toBeUndefined();
    await Promise.all([a.stop(), b.stop()]);
  });

  it("a restart resumes polling: a consent answered while no replica ran is picked up by the next one", async () => {
    const first = await start();
    const started = await startConsent(gqlOf(first), "cus_bayo");
    await first.stop();
    await answerConsentPage(started.verificationUri!, started.userCode!, "cus_bayo");
    const polled = bank.devicePolls().filter((p) => p.userCode === started.userCode).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bank.devicePolls().filter((p) => p.userCode === started.userCode)).toHaveLength(polled);

    const next = await start();
    expect(await settledConsent(gqlOf(next), started.id)).toMatchObject({ status: "APPROVED" });
    await next.stop();
  });
});

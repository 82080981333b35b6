import { sql } from "kysely";
import { CardService } from "../../src/cards/card.service";
import { ProviderRejectedError, ProviderUnavailableError } from "../../src/errors";
import { Reconciler, type ReconcilerEvent } from "../../src/reconciler";
import type { SqlCardStore } from "../../src/store/sql-store";
import { caller, card, fakeProvider, input, options, ScriptedIssuer, scopeOf, serviceWith, silent, suiteStore } from "../support/scripted-provider";
import { storeEngine } from "../support/store";

// The reconciler on a real store, driven pass by pass (runOnce): attempts nobody retries are finished by whichever
// replica claims them first, and each exactly once.

const timedOut = () => new ProviderUnavailableError("FAKE", "TIMEOUT", "timed out");

describe(`reconciler (${storeEngine})`, () => {
  const t = suiteStore();

  const reconcilerFor = (service: CardService, batchSize = 20) => new Reconciler(t.store, service, { intervalMs: 0, batchSize, leaseMs: options.leaseMs }, silent);

  /** An attempt left pending after an unknown outcome, whose client never comes back. */
  async function abandoned(service: CardService, key: string) {
    t.issuer.behaviour = async () => {
      throw timedOut();
    };
    await expect(service.createCard(caller("client-a"), key, input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_UNAVAILABLE" } });
    t.issuer.behaviour = async (request) => card(request);
    return (await t.store.getAttempt(scopeOf("client-a"), key))!;
  }

  it("finishes an attempt nobody retried from its sealed input, and counts and reports it", async () => {
    const service = serviceWith(t.store, t.issuer);
    const attempt = await abandoned(service, "key-1");
    expect(attempt.resumeInput).toMatch(/^v1\./);
    const reconciler = reconcilerFor(service);
    const events: ReconcilerEvent[] = [];
    reconciler.onAttempt((event) => events.push(event));

    expect(await reconciler.runOnce()).toEqual({ claimed: 1, completed: 1, rejected: 0, pending: 0, unresumable: 0 });
    expect(t.issuer.resumed).toBe(1);
    expect(events).toEqual([{ outcome: "completed", provider: "FAKE", cardId: attempt.cardId }]);
    expect((await t.store.listCustomerCards("cus_1", 10, null)).cards.map((c) => c.id)).toEqual([attempt.cardId]);
    // The sealed input is gone once the attempt finished; a later pass finds nothing.
    expect(await t.store.getAttempt(scopeOf("client-a"), "key-1")).toMatchObject({ state: "succeeded", resumeInput: null });
    expect(await reconciler.runOnce()).toMatchObject({ claimed: 0 });
    expect(reconciler.stats()).toMatchObject({ passes: 2, claimed: 1, completed: 1, failedPasses: 0 });
    // The client coming back later gets the card, without another provider call.
    expect((await service.createCard(caller("client-a"), "key-1", input())).id).toBe(attempt.cardId);
    expect(t.issuer.issued + t.issuer.resumed).toBe(2);
  });

  it("leaves attempts under a live lease alone: a request still running owns them", async () => {
    const service = serviceWith(t.store, t.issuer);
    let release!: () => void;
    t.issuer.behaviour = (request) => new Promise((resolve) => (release = () => resolve(card(request))));
    const running = service.createCard(caller("client-a"), "key-1", input());
    await new Promise((r) => setTimeout(r, 50));
    expect(await reconcilerFor(service).runOnce()).toMatchObject({ claimed: 0 });
    release();
    await running;
    expect(t.issuer.issued + t.issuer.resumed).toBe(1);
  });

  it("records a refusal, and keeps an attempt whose provider is still unavailable for a later pass", async () => {
    const service = serviceWith(t.store, t.issuer);
    await abandoned(service, "refused");
    await abandoned(service, "still-down");
    t.issuer.behaviour = async (request) => {
      if (request.cardId === (await t.store.getAttempt(scopeOf("client-a"), "refused"))!.cardId) throw new ProviderRejectedError("FAKE", "402", "Insufficient balance.");
      throw timedOut();
    };
    expect(await reconcilerFor(service).runOnce()).toEqual({ claimed: 2, completed: 0, rejected: 1, pending: 1, unresumable: 0 });
    expect(await t.store.getAttempt(scopeOf("client-a"), "refused")).toMatchObject({ state: "failed", resumeInput: null });
    expect(await t.store.getAttempt(scopeOf("client-a"), "still-down")).toMatchObject({ state: "pending" });
    t.issuer.behaviour = async (request) => card(request);
    expect(await reconcilerFor(service).runOnce()).toMatchObject({ claimed: 1, completed: 1 });
  });

  it("records a card whose write failed from the kept answer, without asking the provider again", async () => {
    const service = serviceWith(t.store, t.issuer);
    const attempt = await abandoned(service, "key-1");
    await t.store.keepIssuedCard(scopeOf("client-a"), "key-1", attempt.leaseToken, { ...card({ cardId: attempt.cardId, input: input().fake, idempotencyKey: "x" }), id: attempt.cardId, provider: "FAKE", createdAt: new Date() });
    const calls = t.issuer.issued + t.issuer.resumed;
    expect(await reconcilerFor(service).runOnce()).toMatchObject({ claimed: 1, completed: 1 });
    expect(t.issuer.issued + t.issuer.resumed).toBe(calls);
    expect((await t.store.findCards([attempt.cardId])).get(attempt.cardId)).toMatchObject({ providerCardId: `p_${attempt.cardId}` });
  });

  it("two replicas' reconcilers racing over 30 lapsed attempts resume each exactly once", async () => {
    const service = serviceWith(t.store, t.issuer);
    for (let i = 0; i < 30; i++) await abandoned(service, `key-${i}`);
    const before = t.issuer.resumed;
    const issuerB = new ScriptedIssuer();
    const replicaB = new CardService(t.store, [fakeProvider(issuerB)], options, silent);
    const [a, b] = await Promise.all([reconcilerFor(service, 4).runOnce(), reconcilerFor(replicaB, 4).runOnce()]);
    expect(a.claimed + b.claimed).toBe(30);
    expect(a.completed + b.completed).toBe(30);
    expect(t.issuer.resumed - before + issuerB.resumed).toBe(30);
    expect((await t.store.listCustomerCards("cus_1", 100, null)).cards).toHaveLength(30);
  });

  it("counts an attempt it cannot open (sealed under another secret) and leaves it for a retry with the key", async () => {
    const service = serviceWith(t.store, t.issuer);
    const attempt = await abandoned(service, "key-1");
    const rotated = serviceWith(t.store, t.issuer, { hashSecret: "another secret" });
    const reconciler = reconcilerFor(rotated);
    expect(await reconciler.runOnce()).toMatchObject({ claimed: 1, unresumable: 1, completed: 0 });
    expect(await t.store.getAttempt(scopeOf("client-a"), "key-1")).toMatchObject({ state: "pending", resumeInput: attempt.resumeInput });
    expect((await service.createCard(caller("client-a"), "key-1", input())).id).toBe(attempt.cardId);
  });

  it("survives a pass the t.store fails, and tries again on the next", async () => {
    const service = serviceWith(t.store, t.issuer);
    await abandoned(service, "key-1");
    const broken = Object.create(t.store) as SqlCardStore;
    broken.claimResumable = () => Promise.reject(new Error("connection refused"));
    const reconciler = new Reconciler(broken, service, { intervalMs: 0, batchSize: 20, leaseMs: options.leaseMs }, silent);
    expect(await reconciler.runOnce()).toMatchObject({ claimed: 0 });
    expect(reconciler.stats()).toMatchObject({ passes: 1, failedPasses: 1 });
    expect(await reconcilerFor(service).runOnce()).toMatchObject({ completed: 1 });
  });

  it("stores no input in clear: only the sealed form, and only while pending", async () => {
    const service = serviceWith(t.store, t.issuer);
    const attempt = await abandoned(service, "key-1");
    const { rows } = await sql<{ row: string }>`select row_to_json(a)::text as row from card_attempts a`.execute(t.store.db);
    expect(rows[0].row).not.toContain("cus_1\\\",\\\"amount");
    expect(rows[0].row).not.toMatch(/"amount"/);
    expect(attempt.resumeInput).not.toContain("cus_1");
  });
});

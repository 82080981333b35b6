import { sql } from "kysely";
import { CardService } from "../../src/cards/card.service";
import { ProviderRejectedError, ProviderUnavailableError } from "../../src/errors";
import type { SqlCardStore } from "../../src/store/sql-store";
import { caller, card, fakeProvider, input, options, ScriptedIssuer, scopeOf, serviceWith, silent, suiteStore } from "../support/scripted-provider";
import { storeEngine } from "../support/store";

describe(`CardService idempotency on ${storeEngine}`, () => {
  const t = suiteStore();

  it("returns the stored card for the same key and input, without a second provider call", async () => {
    const service = serviceWith(t.store, t.issuer);
    const first = await service.createCard(caller("client-a"), "key-1", input());
    const again = await service.createCard(caller("client-a"), "key-1", input());
    expect(again.id).toBe(first.id);
    expect(t.issuer.issued).toBe(1);
  });

  it("refuses the same key with a different input and calls no provider", async () => {
    const service = serviceWith(t.store, t.issuer);
    await service.createCard(caller("client-a"), "key-1", input(10));
    await expect(service.createCard(caller("client-a"), "key-1", input(11))).rejects.toMatchObject({ extensions: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect(t.issuer.issued).toBe(1);
  });

  it("scopes keys to the caller", async () => {
    const service = serviceWith(t.store, t.issuer);
    const a = await service.createCard(caller("client-a"), "shared-key", input());
    const b = await service.createCard(caller("client-b"), "shared-key", input());
    expect(a.id).not.toBe(b.id);
    expect(t.issuer.issued).toBe(2);
  });

  it("replays a provider refusal for the same key", async () => {
    const service = serviceWith(t.store, t.issuer);
    t.issuer.behaviour = async () => {
      throw new ProviderRejectedError("FAKE", "402", "Insufficient balance.");
    };
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_REJECTED", providerCode: "402" } });
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_REJECTED", providerCode: "402", replayed: true } });
    expect(t.issuer.issued).toBe(1);
  });

  it("resumes, not re-issues, after an unknown outcome", async () => {
    const service = serviceWith(t.store, t.issuer);
    t.issuer.behaviour = async () => {
      throw new ProviderUnavailableError("FAKE", "TIMEOUT", "timed out");
    };
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_UNAVAILABLE" } });
    t.issuer.behaviour = async (request) => card(request);
    const resumed = await service.createCard(caller("client-a"), "key-1", input());
    expect({ issued: t.issuer.issued, resumed: t.issuer.resumed }).toEqual({ issued: 1, resumed: 1 });
    expect((await t.store.findCards([resumed.id])).size).toBe(1);
  });

  it("makes one provider call for 50 concurrent requests with one key", async () => {
    const service = serviceWith(t.store, t.issuer);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    t.issuer.behaviour = async (request) => {
      await gate;
      return card(request);
    };
    const all = Array.from({ length: 50 }, () => service.createCard(caller("client-a"), "key-1", input()));
    setTimeout(release, 200);
    const cards = await Promise.all(all);
    expect(new Set(cards.map((c) => c.id)).size).toBe(1);
    expect(t.issuer.issued + t.issuer.resumed).toBe(1);
  });

  it("answers IDEMPOTENCY_IN_PROGRESS when the first request outlasts the wait", async () => {
    const service = serviceWith(t.store, t.issuer, { waitMs: 100 });
    let release!: () => void;
    t.issuer.behaviour = (request) => new Promise((resolve) => (release = () => resolve(card(request))));
    const first = service.createCard(caller("client-a"), "key-1", input());
    await new Promise((r) => setTimeout(r, 50));
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "IDEMPOTENCY_IN_PROGRESS" } });
    release();
    await first;
    expect(t.issuer.issued).toBe(1);
  });

  it("lets a second replica take over an attempt whose owner went silent, and ignores the old owner's late result", async () => {
    const replicaA = serviceWith(t.store, t.issuer, { leaseMs: 200 });
    const issuerB = new ScriptedIssuer();
    const replicaB = serviceWith(t.store, issuerB, { leaseMs: 5_000 });
    let releaseA!: () => void;
    t.issuer.behaviour = (request) => new Promise((resolve) => (releaseA = () => resolve(card(request))));
    const slow = replicaA.createCard(caller("client-a"), "key-1", input());
    await new Promise((r) => setTimeout(r, 400));
    const taken = await replicaB.createCard(caller("client-a"), "key-1", input());
    releaseA();
    const late = await slow;
    expect(issuerB.resumed).toBe(1);
    expect(late.id).toBe(taken.id);
    expect((await t.store.findCards([taken.id])).size).toBe(1);
  });

  it("rejects a bad key before touching the t.store or a provider", async () => {
    const service = serviceWith(t.store, t.issuer);
    for (const key of ["", "x".repeat(256), "has space", "naïve"]) {
      await expect(service.createCard(caller("client-a"), key, input())).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "idempotencyKey" } });
    }
    expect(await t.store.getAttempt("test|client-a", "")).toBeNull();
    expect(t.issuer.issued).toBe(0);
  });
});

/** The real store with its card write failing `times` times (then working), the seam a failing database would hit. */
function failingWrites(store: SqlCardStore, error: () => Error, times = Infinity) {
  let left = times;
  let calls = 0;
  const seam = Object.create(store) as SqlCardStore & { writes: () => number; heal: () => void };
  seam.completeAttempt = (...args) => {
    calls++;
    if (left-- > 0) return Promise.reject(error());
    return store.completeAttempt(...args);
  };
  seam.writes = () => calls;
  seam.heal = () => (left = 0);
  return seam;
}

/** What pg and PGlite throw: a message and a SQLSTATE. */
const dbError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe(`a store failure after the provider answered loses no card (${storeEngine})`, () => {
  const t = suiteStore();

  const serviceOn = (seam: SqlCardStore) => new CardService(seam, [fakeProvider(t.issuer)], { ...options, recordRetryMs: [1, 1, 1] }, silent);

  it("retries a card write that failed in a way that may pass, and answers with the card", async () => {
    const seam = failingWrites(t.store, () => dbError("08006", "connection terminated unexpectedly"), 2);
    const card = await serviceOn(seam).createCard(caller("client-a"), "key-1", input());
    expect(seam.writes()).toBe(3);
    expect(t.issuer.issued).toBe(1);
    expect((await t.store.findCards([card.id])).get(card.id)).toMatchObject({ providerCardId: card.providerCardId });
  });

  it("keeps the provider's answer when the write keeps failing; a retry with the key records it without a provider call", async () => {
    const seam = failingWrites(t.store, () => dbError("22021", 'invalid byte sequence for encoding "UTF8": 0x00'));
    const service = serviceOn(seam);
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "STORE_UNAVAILABLE", retryAfterSeconds: 1 } });
    // A permanent error is not retried: one write, then the answer is kept on the attempt.
    expect(seam.writes()).toBe(1);
    const kept = (await t.store.getAttempt(scopeOf("client-a"), "key-1"))!;
    expect(kept).toMatchObject({ state: "pending", issuedCard: { id: kept.cardId, providerCardId: `p_${kept.cardId}` } });

    seam.heal();
    const card = await service.createCard(caller("client-a"), "key-1", input());
    expect(card).toMatchObject({ id: kept.cardId, providerCardId: `p_${kept.cardId}` });
    expect({ issued: t.issuer.issued, resumed: t.issuer.resumed }).toEqual({ issued: 1, resumed: 0 });
    expect(await t.store.getAttempt(scopeOf("client-a"), "key-1")).toMatchObject({ state: "succeeded", issuedCard: null, resumeInput: null });
  });
});

describe(`the provider's idempotency key belongs to the attempt (${storeEngine})`, () => {
  const t = suiteStore();
  const keys: string[] = [];
  beforeEach(() => (keys.length = 0));

  it("sends a new provider key when a client key is used again after its retention, and keeps it across resumes", async () => {
    const service = serviceWith(t.store, t.issuer);
    t.issuer.behaviour = async (request) => {
      keys.push(request.idempotencyKey);
      if (keys.length === 1) throw new ProviderUnavailableError("FAKE", "TIMEOUT", "timed out");
      return card(request);
    };
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_UNAVAILABLE" } });
    const first = await service.createCard(caller("client-a"), "key-1", input());
    expect(keys[1]).toBe(keys[0]);

    await sql`update card_attempts set expires_at = now() - interval '1 second'`.execute(t.store.db);
    const second = await service.createCard(caller("client-a"), "key-1", input());
    expect(second.id).not.toBe(first.id);
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("resolves a provider card that is already stored to that card, instead of failing on the unique constraint", async () => {
    const service = serviceWith(t.store, t.issuer);
    // A provider that answers a new request with a card it issued before (as a bank replaying an old key would).
    t.issuer.behaviour = async (request) => ({ ...card(request), providerCardId: "p_replayed" });
    const first = await service.createCard(caller("client-a"), "key-1", input());
    const again = await service.createCard(caller("client-a"), "key-2", input());
    expect(again).toMatchObject({ ...first, id: first.id });
    expect(await t.store.getAttempt(scopeOf("client-a"), "key-2")).toMatchObject({ state: "succeeded", cardId: first.id });
    expect((await t.store.listCustomerCards("cus_1", 10, null)).cards).toHaveLength(1);
  });
});

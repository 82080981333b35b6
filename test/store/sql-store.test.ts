import type { Card } from "../../src/cards/card.type";
import type { SqlCardStore } from "../../src/store/sql-store";
import type { NewAttempt } from "../../src/store/store";
import { openTestStore, storeEngine, truncateAll } from "../support/store";

const times = { leaseMs: 60_000, retentionMs: 3_600_000 };

function card(id: string, customerId: string, createdAt: Date, extra: Partial<Card> = {}): Card {
  return {
    id, provider: "SUDO", providerCardId: `p_${id}`, customerId, type: "VIRTUAL", brand: "VERVE", status: "ACTIVE",
    currency: "NGN", last4: "1234", maskedPan: "506099******1234", expiry: { month: 1, year: 2030 },
    metadata: { team: "ops" }, createdAt, ...extra,
  } as Card;
}

function attempt(key: string, cardId: string, extra: Partial<NewAttempt> = {}): NewAttempt {
  return { scope: "client-a", key, requestHash: "h1", cardId, provider: "SUDO", customerId: "cus_1", leaseToken: "t1", providerKey: `pk_${cardId}`, resumeInput: null, ...extra };
}

describe(`SqlCardStore on ${storeEngine}`, () => {
  let store: SqlCardStore;
  let queries = 0;

  beforeAll(async () => {
    ({ store } = await openTestStore({ onQuery: () => queries++ }));
  });
  beforeEach(async () => {
    await truncateAll(store);
    queries = 0;
  });
  afterAll(() => store.close());

  it("creates an attempt once per (scope, key) and returns the stored one afterwards", async () => {
    const first = await store.beginAttempt(attempt("k1", "crd_a"), times);
    const second = await store.beginAttempt(attempt("k1", "crd_b", { requestHash: "h2" }), times);
    const otherScope = await store.beginAttempt(attempt("k1", "crd_c", { scope: "client-b" }), times);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, attempt: { cardId: "crd_a", requestHash: "h1", state: "pending" } });
    expect(otherScope).toMatchObject({ created: true, attempt: { cardId: "crd_c" } });
  });

  it("completes an attempt and stores the card atomically, only for the lease holder", async () => {
    await store.beginAttempt(attempt("k1", "crd_a"), times);
    expect(await store.completeAttempt("client-a", "k1", "not-mine", card("crd_a", "cus_1", new Date()))).toBeNull();
    expect((await store.findCards(["crd_a"])).size).toBe(0);
    expect(await store.completeAttempt("client-a", "k1", "t1", card("crd_a", "cus_1", new Date()))).not.toBeNull();
    expect(await store.getAttempt("client-a", "k1")).toMatchObject({ state: "succeeded" });
    expect((await store.findCards(["crd_a"])).get("crd_a")).toMatchObject({ id: "crd_a", last4: "1234", metadata: { team: "ops" } });
  });

  it("records a card in two statements: the attempt, then its outcome with the card", async () => {
    const begun = await store.beginAttempt(attempt("k1", "crd_a"), times);
    expect(begun).toMatchObject({ created: true, attempt: { cardId: "crd_a", leaseToken: "t1", state: "pending", error: null } });
    expect(begun.attempt.leaseUntil.getTime()).toBeGreaterThan(begun.attempt.createdAt.getTime());
    expect(await store.completeAttempt("client-a", "k1", "t1", card("crd_a", "cus_1", new Date()))).not.toBeNull();
    expect(queries).toBe(2);
  });

  it("leaves the attempt pending and stores nothing when the card cannot be stored", async () => {
    await store.beginAttempt(attempt("k1", "crd_a"), times);
    // last4 must be four digits (a check constraint).
    await expect(store.completeAttempt("client-a", "k1", "t1", card("crd_a", "cus_1", new Date(), { last4: "12ab" }))).rejects.toThrow(/check constraint/);
    expect(await store.getAttempt("client-a", "k1")).toMatchObject({ state: "pending", leaseToken: "t1" });
    expect((await store.findCards(["crd_a"])).size).toBe(0);
  });

  it("resolves an attempt whose provider card is already stored to that card, not to an error", async () => {
    await store.beginAttempt(attempt("k1", "crd_a"), times);
    await store.beginAttempt(attempt("k2", "crd_b", { leaseToken: "t2" }), times);
    await store.completeAttempt("client-a", "k1", "t1", card("crd_a", "cus_1", new Date()));
    const first = (await store.findCards(["crd_a"])).get("crd_a");
    // The same provider card again would violate cards_provider_card_unique.
    const duplicate = card("crd_b", "cus_1", new Date(), { providerCardId: "p_crd_a" });
    expect(await store.completeAttempt("client-a", "k2", "t2", duplicate)).toEqual(first);
    expect(await store.getAttempt("client-a", "k2")).toMatchObject({ state: "succeeded", cardId: "crd_a", resumeInput: null });
    expect((await store.findCards(["crd_b"])).size).toBe(0);
    // Not another customer's card: that stays an error, and the attempt stays pending.
    await store.beginAttempt(attempt("k3", "crd_c", { leaseToken: "t3", customerId: "cus_2" }), times);
    await expect(store.completeAttempt("client-a", "k3", "t3", card("crd_c", "cus_2", new Date(), { providerCardId: "p_crd_a" }))).rejects.toThrow(/another customer/);
    expect(await store.getAttempt("client-a", "k3")).toMatchObject({ state: "pending" });
  });

  it("keeps an issued card's answer on the attempt, whatever its text, and lets the lease lapse", async () => {
    await store.beginAttempt(attempt("k1", "crd_a", { resumeInput: "sealed" }), times);
    const issued = card("crd_a", "cus_1", new Date("2026-01-02T03:04:05Z"), { holderName: "A\u0000B", metadata: { note: "\ud800" } });
    expect(await store.keepIssuedCard("client-a", "k1", "not-mine", issued)).toBe(false);
    expect(await store.keepIssuedCard("client-a", "k1", "t1", issued)).toBe(true);
    const kept = (await store.getAttempt("client-a", "k1"))!;
    expect(kept).toMatchObject({ state: "pending", issuedCard: issued, resumeInput: "sealed" });
    expect(kept.leaseUntil.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("claims lapsed resumable attempts once across concurrent claimers, only for the given providers", async () => {
    for (const [key, extra] of [
      ["lapsed", { resumeInput: "sealed" }],
      ["lapsed-kept", { resumeInput: null }],
      ["no-input", { resumeInput: null }],
      ["other-provider", { resumeInput: "sealed", provider: "BANK" }],
    ] as const) {
      await store.beginAttempt(attempt(key, `crd_${key}`, extra), { leaseMs: 0, retentionMs: 60_000 });
    }
    await store.keepIssuedCard("client-a", "lapsed-kept", "t1", card("crd_lapsed-kept", "cus_1", new Date()));
    await store.beginAttempt(attempt("live", "crd_live", { resumeInput: "sealed" }), times);
    const claims = await Promise.all(["r1", "r2", "r3"].map((token) => store.claimResumable(token, 60_000, 10, ["SUDO"])));
    const claimed = claims.flat().map((a) => a.key).sort();
    expect(claimed).toEqual(["lapsed", "lapsed-kept"]);
    expect(await store.claimResumable("r4", 60_000, 10, ["SUDO"])).toEqual([]);
  });

  it("does not complete an attempt twice, nor one that failed", async () => {
    await store.beginAttempt(attempt("k1", "crd_a"), times);
    expect(await store.completeAttempt("client-a", "k1", "t1", card("crd_a", "cus_1", new Date()))).not.toBeNull();
    expect(await store.completeAttempt("client-a", "k1", "t1", card("crd_a", "cus_1", new Date()))).toBeNull();
    await store.beginAttempt(attempt("k2", "crd_b"), times);
    expect(await store.failAttempt("client-a", "k2", "t1", { message: "refused", extensions: {} })).toBe(true);
    expect(await store.completeAttempt("client-a", "k2", "t1", card("crd_b", "cus_1", new Date()))).toBeNull();
    expect((await store.findCards(["crd_b"])).size).toBe(0);
  });

  it("stores every card field as given, nulls included", async () => {
    const full = card("crd_a", "cus_1", new Date("2026-02-03T04:05:06.789Z"), {
      holderName: "Ada O", maskedAccountNumber: "******7890", productId: "prod_1", mode: "PREPAID",
      address: { street: "1 Marina", city: "Lagos", state: "LA", country: "NGA" },
      spendingControls: { channels: { atm: false, pos: true, web: true, mobile: true }, allowedCategories: ["5411"], blockedCategories: [], spendingLimits: [{ amount: 1000.5, interval: "DAILY", categories: [] }] },
      customProperties: [{ id: "x", description: null, type: "t", value: "v" }],
    } as Partial<Card>);
    const sparse = card("crd_b", "cus_1", new Date("2026-02-03T04:05:07Z"), { brand: null, last4: null, maskedPan: null, expiry: null, metadata: null } as Partial<Card>);
    for (const [key, c] of [["k1", full], ["k2", sparse]] as const) {
      await store.beginAttempt(attempt(key, c.id), times);
      expect(await store.completeAttempt("client-a", key, "t1", c)).not.toBeNull();
    }
    const expected = [
      { ...sparse, holderName: null, mode: null, maskedAccountNumber: null, productId: null, address: null, spendingControls: null, customProperties: null },
      full,
    ];
    const found = await store.findCards(["crd_a", "crd_b"]);
    expect([found.get("crd_b"), found.get("crd_a")]).toEqual(expected);
    // Every read path maps rows the same way.
    expect((await store.listCustomerCards("cus_1", 10, null)).cards).toEqual(expected);
    expect((await store.listCardsForCustomers(["cus_1"], 10)).get("cus_1")).toEqual({ cards: expected, hasNextPage: false });
  });

  it("lets another request claim a pending attempt only after its lease lapses", async () => {
    await store.beginAttempt(attempt("k1", "crd_a"), times);
    expect(await store.claimAttempt("client-a", "k1", "t2", 60_000)).toBeNull();
    await store.releaseAttempt("client-a", "k1", "t1", 0);
    const claimed = await store.claimAttempt("client-a", "k1", "t2", 60_000);
    expect(claimed).toMatchObject({ leaseToken: "t2", state: "pending" });
    expect(await store.failAttempt("client-a", "k1", "t1", { message: "old owner", extensions: {} })).toBe(false);
    expect(await store.failAttempt("client-a", "k1", "t2", { message: "refused", extensions: { code: "PROVIDER_REJECTED" } })).toBe(true);
    expect(await store.getAttempt("client-a", "k1")).toMatchObject({ state: "failed", error: { message: "refused" } });
  });

  it("forgets finished attempts past retention but keeps pending ones recoverable", async () => {
    await store.beginAttempt(attempt("done", "crd_a"), { leaseMs: 0, retentionMs: 0 });
    await store.failAttempt("client-a", "done", "t1", { message: "x", extensions: {} });
    await store.beginAttempt(attempt("open", "crd_b"), { leaseMs: 0, retentionMs: 0 });
    expect(await store.sweepExpired()).toBe(1);
    expect(await store.getAttempt("client-a", "done")).toBeNull();
    expect(await store.getAttempt("client-a", "open")).not.toBeNull();
    const again = await store.beginAttempt(attempt("open", "crd_c", { requestHash: "h9" }), times);
    expect(again).toMatchObject({ created: true, attempt: { cardId: "crd_c" } });
  });

  it("reads any number of cards in one round trip", async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `crd_${i}`);
    for (const id of ids) {
      await store.beginAttempt(attempt(id, id, { leaseToken: id }), times);
      await store.completeAttempt("client-a", id, id, card(id, "cus_1", new Date()));
    }
    queries = 0;
    const found = await store.findCards([...ids, "crd_missing"]);
    expect(found.size).toBe(300);
    expect(queries).toBe(1);
  });

  it("pages a customer's cards newest first, and first pages of many customers in one query", async () => {
    const base = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 5; i++) {
      for (const customer of ["cus_1", "cus_2"]) {
        const id = `crd_${customer.slice(-1)}${i}`;
        await store.beginAttempt(attempt(id, id, { leaseToken: id }), times);
        await store.completeAttempt("client-a", id, id, card(id, customer, new Date(base + i * 1000)));
      }
    }
    const page1 = await store.listCustomerCards("cus_1", 2, null);
    expect(page1.cards.map((c) => c.id)).toEqual(["crd_14", "crd_13"]);
    expect(page1.hasNextPage).toBe(true);
    const last = page1.cards[1];
    const page2 = await store.listCustomerCards("cus_1", 10, { createdAt: last.createdAt, id: last.id });
    expect(page2.cards.map((c) => c.id)).toEqual(["crd_12", "crd_11", "crd_10"]);
    expect(page2.hasNextPage).toBe(false);

    queries = 0;
    const pages = await store.listCardsForCustomers(["cus_1", "cus_2", "cus_none"], 3);
    expect(queries).toBe(1);
    expect(pages.get("cus_2")!.cards.map((c) => c.id)).toEqual(["crd_24", "crd_23", "crd_22"]);
    expect(pages.get("cus_2")!.hasNextPage).toBe(true);
    expect(pages.get("cus_none")).toEqual({ cards: [], hasNextPage: false });
  });
});

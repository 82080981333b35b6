import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { CreateCardDocument, CustomerCardsDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "../support/inputs";
import { storeEngine } from "../support/store";
import { eventually, sleep } from "../support/wait";

// Through the running subgraph, with both simulators and a real database: cards the provider issued reach the
// registry when nobody retries (the reconciler) and when the database refused the card at first.

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ BANK_TIMEOUT_MS: "400", SUDO_TIMEOUT_MS: "400", SUDO_SETTLE_MS: "600", BANK_RETRY_MAX_ATTEMPTS: "1" });
});
afterAll(() => h.stop());
beforeEach(() => {
  h.bank.reset();
  h.sudo.reset();
});

const key = (what: string) => `${what}-${randomBytes(4).toString("hex")}`;
const PIN = "4821";
const PHYSICAL_PAN = "5060990000000000017";

const PROVIDERS = [
  { name: "bank", input: () => ({ bank: bankInput({ defaultPin: PIN }) }), customerId: "cus_ada", cards: () => h.bank.cards().length, calls: () => h.bank.requests.length, faults: () => h.bank.faults },
  {
    name: "sudo",
    input: () => ({ sudo: sudoInput({ type: "PHYSICAL", brand: "VERVE", number: PHYSICAL_PAN, debitAccountId: undefined }) }),
    customerId: SUDO_CUSTOMER,
    cards: () => h.sudo.cards().length,
    calls: () => h.sudo.requests.length,
    faults: () => h.sudo.faults,
  },
] as const;

async function registry(customerId: string): Promise<string[]> {
  const { body } = await h.run(CustomerCardsDocument, { customerId, first: 100 });
  return body.data!.cards.edges.map((e) => e.node.id);
}

async function attemptRows(): Promise<string[]> {
  const { rows } = await sql<{ row: string }>`select row_to_json(a)::text as row from card_attempts a`.execute(h.app.store.db);
  return rows.map((r) => r.row);
}

describe(`a card the provider issued always reaches the registry (${storeEngine})`, () => {
  describe.each(PROVIDERS)("$name", (provider) => {
    it("the provider timed out after issuing and the client never retried: the reconciler records the card", async () => {
      const before = await registry(provider.customerId);
      provider.faults().add({ kind: "latency", latencyMs: 900, method: "POST", path: "/cards" });
      const first = await h.run(CreateCardDocument, { idempotencyKey: key("gone"), input: provider.input() as never });
      expect(first.body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
      await eventually(() => provider.cards() === 1, "the provider to issue the card");

      // While pending, the attempt holds what a resume needs, sealed: no PIN, PIN block or PAN in clear.
      const pending = await attemptRows();
      expect(pending.join("\n")).not.toMatch(new RegExp(`${PIN}|${PHYSICAL_PAN}|holderName|Ada`));

      await sleep(700); // Sudo's settle window: a resume must not look before an in-flight POST has landed.
      expect(await h.app.reconciler.runOnce()).toMatchObject({ claimed: 1, completed: 1 });
      const after = await registry(provider.customerId);
      expect(after).toHaveLength(before.length + 1);
      expect(provider.cards()).toBe(1);
      expect((await attemptRows()).join("\n")).toMatch(/"resume_input":null/);
    });

    it("the database refused the card after the provider issued it: the answer is kept and recorded once the database accepts it", async () => {
      // A real refusal from the database engine, with the SQLSTATE PostgreSQL gives a NUL in text.
      await sql`create or replace function refuse_cards() returns trigger language plpgsql as $$ begin raise exception 'invalid byte sequence for encoding "UTF8": 0x00' using errcode = '22021'; end $$`.execute(h.app.store.db);
      await sql`create trigger refuse_cards before insert on cards for each row execute function refuse_cards()`.execute(h.app.store.db);
      const idempotencyKey = key("refused");
      const before = await registry(provider.customerId);
      try {
        const first = await h.run(CreateCardDocument, { idempotencyKey, input: provider.input() as never });
        expect(first.body.errors![0].extensions).toMatchObject({ code: "STORE_UNAVAILABLE", retryAfterSeconds: 1 });
        expect(first.text).not.toMatch(/0x00|invalid byte sequence/);
      } finally {
        await sql`drop trigger refuse_cards on cards`.execute(h.app.store.db);
      }
      expect(provider.cards()).toBe(1);
      const calls = provider.calls();

      expect(await h.app.reconciler.runOnce()).toMatchObject({ claimed: 1, completed: 1 });
      expect(provider.calls()).toBe(calls); // recorded from the kept answer: the provider is not asked again
      const recorded = (await registry(provider.customerId)).filter((id) => !before.includes(id));
      expect(recorded).toHaveLength(1);
      const retry = await h.run(CreateCardDocument, { idempotencyKey, input: provider.input() as never });
      expect(retry.body.data!.createCard.id).toBe(recorded[0]);
      expect(provider.cards()).toBe(1);
    });
  });
});

describe(`a bank key used again after its retention (${storeEngine})`, () => {
  it("is a new attempt with a new bank key: a new card, not a unique violation nor a 'duplicate transaction'", async () => {
    const idempotencyKey = key("reused");
    const first = await h.run(CreateCardDocument, { idempotencyKey, input: { bank: bankInput() } });
    expect(first.body.errors).toBeUndefined();
    // Past our retention; the bank still holds the old key (its own retention is longer, or its clock differs).
    await sql`update card_attempts set expires_at = now() - interval '1 second'`.execute(h.app.store.db);
    const again = await h.run(CreateCardDocument, { idempotencyKey, input: { bank: bankInput({ holderName: "Ada O. Okafor" }) } });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.createCard.id).not.toBe(first.body.data!.createCard.id);
    expect(again.body.data!.createCard.providerCardId).not.toBe(first.body.data!.createCard.providerCardId);
    expect(h.bank.cards()).toHaveLength(2);
  });
});

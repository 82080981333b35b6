import { sql } from "kysely";
import { CancelCardDocument, CardEventsDocument, CreateCardDocument, FreezeCardDocument, UpdateCardControlsDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { SUDO_NGN_ACCOUNT, sudoInput } from "../support/inputs";

// Lost answers and races: our registry and Sudo must end in the same state.

let h: Harness;
let keyNo = 0;
const key = () => `lf-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  h = await startHarness({ SUDO_TIMEOUT_MS: "1000" });
});
afterAll(() => h.stop());
beforeEach(() => h.sudo.faults.clear());

async function sudoCard(): Promise<{ id: string; providerCardId: string }> {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } });
  return body.data!.createCard;
}

const wireStatus = (providerCardId: string) => h.sudo.cards().find((c) => c._id === providerCardId)!.status.toUpperCase();
const ours = async (id: string) => (await h.run(CardEventsDocument, { id })).body.data!.card!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a PUT whose answer is lost", () => {
  it("is resolved by reading the card back: Sudo applied it, so the change succeeded once", async () => {
    const card = await sudoCard();
    const path = `/cards/${card.providerCardId}`;
    h.sudo.faults.add({ kind: "drop-after-commit", method: "PUT", path });
    const { body } = await h.run(FreezeCardDocument, { id: card.id });
    expect(body.errors).toBeUndefined();
    expect(body.data!.freezeCard.status).toBe("INACTIVE");
    expect(wireStatus(card.providerCardId)).toBe("INACTIVE");
    // One PUT (never re-sent), one GET to read back.
    expect(h.sudo.count("PUT", path)).toBe(1);
    expect(h.sudo.count("GET", path)).toBe(1);
    const events = (await ours(card.id)).events.edges.map((e) => e.node);
    expect(events[0]).toMatchObject({ kind: "FROZEN", statusBefore: "ACTIVE", statusAfter: "INACTIVE", detail: { confirmedBy: "read-back" } });
  });

  it("after a timeout, reads back and also confirms a controls change that landed", async () => {
    const card = await sudoCard();
    h.sudo.faults.add({ kind: "drop-after-commit", method: "PUT", path: `/cards/${card.providerCardId}` });
    const { body } = await h.run(UpdateCardControlsDocument, {
      idempotencyKey: key(),
      id: card.id,
      spendingControls: { channels: { web: false }, spendingLimits: [{ amount: 10, interval: "DAILY" }] },
      metadata: { n: 1 },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateCardControls).toMatchObject({ metadata: { n: 1 }, spendingControls: { channels: { web: false } } });
  });

  it("not yet applied when read back: PROVIDER_UNAVAILABLE, our registry keeps what Sudo said, and a retry finishes it", async () => {
    const card = await sudoCard();
    const path = `/cards/${card.providerCardId}`;
    // Sudo holds the request past our 1 s timeout and applies it afterwards.
    h.sudo.faults.add({ kind: "latency", latencyMs: 1_500, method: "PUT", path });
    const first = await h.run(FreezeCardDocument, { id: card.id });
    expect(first.body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "SUDO" });
    expect((await ours(card.id)).status).toBe("ACTIVE");
    const due = await sql<{ check_after: Date | null }>`select check_after from card_sync where card_id = ${card.id}`.execute(h.app.store.db);
    expect(due.rows[0].check_after).not.toBeNull();
    await sleep(800);
    expect(wireStatus(card.providerCardId)).toBe("INACTIVE");
    const retry = await h.run(FreezeCardDocument, { id: card.id });
    expect(retry.body.data!.freezeCard.status).toBe("INACTIVE");
    expect(wireStatus(card.providerCardId)).toBe("INACTIVE");
  });
});

describe("freeze and cancel at the same time", () => {
  it.each([0, 1, 2])("end in one state at both ends (round %i)", async (round) => {
    const card = await sudoCard();
    const path = `/cards/${card.providerCardId}`;
    // Slow PUTs make the two overlap; which one takes the card first varies.
    h.sudo.faults.add({ kind: "latency", latencyMs: 150, method: "PUT", path, times: 2 });
    const freeze = h.run(FreezeCardDocument, { id: card.id });
    if (round === 1) await sleep(20);
    const cancel = h.run(CancelCardDocument, { idempotencyKey: key(), id: card.id, reason: "LOST", creditAccountId: SUDO_NGN_ACCOUNT });
    const [frozen, canceled] = await Promise.all([freeze, cancel]);
    expect(canceled.body.data!.cancelCard.status).toBe("CANCELED");
    // The freeze either ran first or found the card canceled; never a half-state.
    if (frozen.body.errors) expect(frozen.body.errors[0].extensions).toMatchObject({ code: "CARD_CANCELED" });
    else expect(frozen.body.data!.freezeCard.status).toBe("INACTIVE");
    const card2 = await ours(card.id);
    expect(card2.status).toBe("CANCELED");
    expect(wireStatus(card.providerCardId)).toBe("CANCELED");
    const kinds = card2.events.edges.map((e) => e.node.kind).reverse();
    expect(kinds).toEqual(frozen.body.errors ? ["ISSUED", "CANCELED"] : ["ISSUED", "FROZEN", "CANCELED"]);
  });
});

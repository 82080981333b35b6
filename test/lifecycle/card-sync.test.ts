import { sql } from "kysely";
import { CardEventsDocument, CreateCardDocument, FreezeCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bankInput, sudoInput } from "../support/inputs";

// Card-state sync: cards whose provider state may have moved are read back, within a budget.

let h: Harness;
let keyNo = 0;
const key = () => `rc-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  // No timer: the test drives each pass itself. A batch of 2 shows the bound.
  h = await startHarness({ CARD_SYNC_INTERVAL_MS: "0", CARD_SYNC_BATCH: "2", CARD_SYNC_STALE_HOURS: "1", SUDO_TIMEOUT_MS: "1000" });
});
afterAll(() => h.stop());

async function sudoCard(): Promise<{ id: string; providerCardId: string }> {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } });
  return body.data!.createCard;
}

const ours = async (id: string) => (await h.run(CardEventsDocument, { id })).body.data!.card!;
const reconciler = () => ({ tick: () => h.app.syncCardsNow() });

async function setAtSudo(providerCardId: string, status: string): Promise<void> {
  await fetch(`${h.sudo.url}/cards/${providerCardId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${h.sudo.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ status }),
  });
}

describe("card-state sync", () => {
  it("finishes a change whose outcome was unknown once it is due, and records what it found", async () => {
    const card = await sudoCard();
    h.sudo.faults.add({ kind: "latency", latencyMs: 1_300, method: "PUT", path: `/cards/${card.providerCardId}` });
    const lost = await h.run(FreezeCardDocument, { id: card.id });
    expect(lost.body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Due now rather than after the settle time, as if that time had passed.
    await sql`update card_sync set check_after = now() where card_id = ${card.id}`.execute(h.app.store.db);
    expect(await reconciler().tick()).toBeGreaterThanOrEqual(1);
    const after = await ours(card.id);
    expect(after.status).toBe("INACTIVE");
    expect(after.events.edges[0].node).toMatchObject({ kind: "REFRESHED", actor: "system:card-sync", statusBefore: "ACTIVE", statusAfter: "INACTIVE" });
  });

  it("reads stale cards at most a batch per pass, skips bank cards, and records nothing when nothing moved", async () => {
    await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } });
    const cards = [await sudoCard(), await sudoCard(), await sudoCard()];
    await setAtSudo(cards[0].providerCardId, "inactive");
    // Not read for two hours (the threshold is one).
    await sql`update cards set created_at = now() - interval '2 hours'`.execute(h.app.store.db);
    await sql`update card_sync set synced_at = now() - interval '2 hours', check_after = null`.execute(h.app.store.db);
    const bankCalls = h.bank.requests.length;
    const gets = () => h.sudo.requests.filter((r) => r.method === "GET").length;
    const before = gets();
    expect(await reconciler().tick()).toBe(2);
    expect(gets() - before).toBe(2);
    while ((await reconciler().tick()) > 0);
    expect(h.bank.requests.length).toBe(bankCalls);
    expect((await ours(cards[0].id)).status).toBe("INACTIVE");
    const quiet = (await ours(cards[1].id)).events.edges.map((e) => e.node.kind);
    expect(quiet).toEqual(["ISSUED"]);
    // Everything was read just now: a further pass has nothing to do.
    expect(await reconciler().tick()).toBe(0);
  });
});

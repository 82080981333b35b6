import { sql } from "kysely";
import { CardEventsDocument, CreateCardDocument, FreezeCardDocument } from "../__generated__/graphql";
import { findLeaks, SecretSet } from "../security/leak-scan";
import { startHarness, type Harness } from "../support/app";
import { SUDO_NGN_ACCOUNT, sudoInput } from "../support/inputs";

// POST /webhooks/sudo: Sudo's deliveries, from the simulator and hand-made, against the real subgraph.

const TOKEN = "whk-test-token-7f3a9c1e5b2d4f6a8c0e";
let h: Harness;
let hook: string;
let keyNo = 0;
const key = () => `wh-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  h = await startHarness({ SUDO_WEBHOOK_TOKEN: TOKEN });
  hook = new URL("webhooks/sudo", h.app.url).toString();
});
afterAll(() => h.stop());
beforeEach(() => h.sudo.webhooks.configure(hook, TOKEN));

async function sudoCard(): Promise<{ id: string; providerCardId: string }> {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } });
  return body.data!.createCard;
}

/** Cancels the card at Sudo itself, as the dashboard or Sudo's own risk checks would. */
async function cancelAtSudo(providerCardId: string): Promise<void> {
  const res = await fetch(`${h.sudo.url}/cards/${providerCardId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${h.sudo.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "canceled", cancellationReason: "stolen", creditAccountId: SUDO_NGN_ACCOUNT }),
  });
  expect(res.status).toBe(200);
}

const ours = async (id: string) => (await h.run(CardEventsDocument, { id })).body.data!.card!;

let eventNo = 0;
function event(providerCardId: string, type: string, status: string, at: Date): Record<string, unknown> {
  return {
    environment: "development",
    business: "64b0c0ffee0000000000b001",
    type,
    pendingWebhook: false,
    webhookArchived: false,
    createdAt: Math.floor(at.getTime() / 1000),
    _id: `64b0c0ffee00000000${String(++eventNo).padStart(6, "0")}`,
    data: { _id: providerCardId, status, maskedPan: "506321******3531", last4: "3531", balance: 120, updatedAt: at.toISOString() },
  };
}

type Answer = { outcome?: string; errors?: Array<{ extensions: { code: string } }> };

async function post(body: unknown, headers: Record<string, string> = { authorization: TOKEN }) {
  const res = await fetch(hook, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: async () => (await res.json()) as Answer };
}

describe("POST /webhooks/sudo", () => {
  it("a card Sudo terminates becomes CANCELED in card(id), recorded as Sudo's event", async () => {
    const card = await sudoCard();
    await cancelAtSudo(card.providerCardId);
    await h.sudo.webhooks.idle();
    const after = await ours(card.id);
    expect(after.status).toBe("CANCELED");
    expect(after.events.edges[0].node).toMatchObject({
      kind: "PROVIDER_EVENT",
      actor: "provider:SUDO",
      statusBefore: "ACTIVE",
      statusAfter: "CANCELED",
      detail: { type: "card.terminated" },
    });
  });

  it.each<[string, Record<string, string>]>([
    ["no token", {}],
    ["a wrong token", { authorization: "whk-test-token-7f3a9c1e5b2d4f6a8c0X" }],
    ["the token as a bearer credential", { authorization: `Bearer ${TOKEN}` }],
  ])("answers 401 to %s and changes nothing", async (_name, headers) => {
    const card = await sudoCard();
    const delivery = event(card.providerCardId, "card.terminated", "canceled", new Date());
    const res = await post(delivery, headers);
    expect(res.status).toBe(401);
    expect((await res.json()).errors![0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await ours(card.id)).status).toBe("ACTIVE");
    const stored = await sql`select 1 from provider_events where event_id = ${delivery._id as string}`.execute(h.app.store.db);
    expect(stored.rows).toHaveLength(0);
  });

  it("applies the same event delivered twice once", async () => {
    const card = await sudoCard();
    h.sudo.webhooks.nextDelivery({ duplicate: true });
    await cancelAtSudo(card.providerCardId);
    await h.sudo.webhooks.idle();
    const sent = h.sudo.webhooks.deliveries.filter((d) => d.type === "card.terminated").slice(-2);
    expect(sent[0].eventId).toBe(sent[1].eventId);
    expect(sent.map((d) => d.status)).toEqual([200, 200]);
    const events = (await ours(card.id)).events.edges.map((e) => e.node.kind);
    expect(events.filter((k) => k === "PROVIDER_EVENT")).toHaveLength(1);
    const rows = await sql<{ outcome: string }>`select outcome from provider_events where event_id = ${sent[0].eventId}`.execute(h.app.store.db);
    expect(rows.rows).toEqual([{ outcome: "applied" }]);
  });

  it("out of order, the newer state wins whichever arrives first", async () => {
    const early = new Date(Date.now() - 60_000);
    const late = new Date();
    for (const order of ["newer first", "older first"]) {
      const card = await sudoCard();
      const older = event(card.providerCardId, "card.balance", "active", early);
      const newer = event(card.providerCardId, "card.terminated", "canceled", late);
      const [first, second] = order === "newer first" ? [newer, older] : [older, newer];
      const answers = [await (await post(first)).json(), await (await post(second)).json()];
      expect((await ours(card.id)).status).toBe("CANCELED");
      expect(answers.map((a) => a.outcome)).toEqual(order === "newer first" ? ["applied", "stale"] : ["unchanged", "applied"]);
    }
  });

  it("ignores an event older than our own later change", async () => {
    const card = await sudoCard();
    const before = new Date(Date.now() - 5_000);
    await h.run(FreezeCardDocument, { id: card.id });
    const res = await (await post(event(card.providerCardId, "card.balance", "active", before))).json();
    expect(res.outcome).toBe("stale");
    expect((await ours(card.id)).status).toBe("INACTIVE");
  });

  it("the simulator retries a delivery the receiver refused, until it is accepted", async () => {
    const card = await sudoCard();
    h.sudo.webhooks.configure(hook, "not-the-token");
    await cancelAtSudo(card.providerCardId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    h.sudo.webhooks.configure(hook, TOKEN);
    await h.sudo.webhooks.idle();
    const mine = h.sudo.webhooks.deliveries.filter((d) => d.type === "card.terminated").slice(-2);
    expect(mine.map((d) => d.status)).toEqual([401, 200]);
    expect((await ours(card.id)).status).toBe("CANCELED");
  });

  it("accepts an event for a card it does not know, and other event types, without changing any card", async () => {
    const unknown = await (await post(event("64b0c0ffee00000000ffffff", "card.terminated", "canceled", new Date()))).json();
    expect(unknown.outcome).toBe("unknown-card");
    const tx = await post({ ...event("x", "transaction.created", "", new Date()), data: { _id: "64b0c0ffee00000000fffffe", amount: 100 } });
    expect(await tx.json()).toMatchObject({ outcome: "recorded" });
  });

  it.each<[string, unknown]>([
    ["not JSON", "{"],
    ["without _id", { type: "card.terminated", createdAt: 1, data: {} }],
    ["with a createdAt that is not epoch seconds", { _id: "e1", type: "card.terminated", createdAt: "yesterday", data: {} }],
    ["an array", [1, 2]],
  ])("answers 400 to a body %s", async (_name, body) => {
    const res = await fetch(hook, { method: "POST", headers: { "content-type": "application/json", authorization: TOKEN }, body: typeof body === "string" ? body : JSON.stringify(body) });
    expect(res.status).toBe(400);
  });

  it("answers 405 to anything but POST", async () => {
    expect((await fetch(hook, { headers: { authorization: TOKEN } })).status).toBe(405);
  });

  it("never logged or stored card data from a payload", async () => {
    const secrets = new SecretSet();
    secrets.add("masked PAN", "506321******3531");
    for (const card of h.sudo.cards()) secrets.add("Sudo masked PAN", card.maskedPan);
    const rows = await sql<Record<string, unknown>>`select * from provider_events`.execute(h.app.store.db);
    const texts = [...h.logs, ...rows.rows.map((r) => JSON.stringify(r))];
    expect(rows.rows.length).toBeGreaterThan(5);
    expect(findLeaks(texts, secrets)).toEqual([]);
    expect(texts.some((t) => t.includes('"balance"'))).toBe(false);
  });
});

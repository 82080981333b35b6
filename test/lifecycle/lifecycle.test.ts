import {
  CancelCardDocument,
  CardEventsDocument,
  CreateCardDocument,
  FreezeCardDocument,
  RefreshCardDocument,
  UnfreezeCardDocument,
  UpdateCardControlsDocument,
  type CardEventsQuery,
} from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import { bankInput, SUDO_CUSTOMER, SUDO_NGN_ACCOUNT, sudoInput } from "../support/inputs";

// A card's life after issuance through GraphQL, against the Sudo and bank simulators.

let h: Harness;
let keyNo = 0;
const key = () => `lc-${process.pid}-${++keyNo}`;
let owner: Record<string, string>;
let stranger: Record<string, string>;

beforeAll(async () => {
  h = await startHarness();
  owner = await bearer({ sub: "owner", customers: [SUDO_CUSTOMER, "cus_ada"] });
  stranger = await bearer({ sub: "stranger", customers: ["64b0c0ffee0000000000c0ff", "cus_nobody"] });
});
afterAll(() => h.stop());
beforeEach(() => h.sudo.faults.clear());

async function sudoCard(): Promise<{ id: string; providerCardId: string }> {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } }, owner);
  expect(body.errors).toBeUndefined();
  return body.data!.createCard;
}

async function bankCard(): Promise<string> {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } }, owner);
  expect(body.errors).toBeUndefined();
  return body.data!.createCard.id;
}

const wire = (providerCardId: string) => h.sudo.cards().find((c) => c._id === providerCardId)!;

type Event = NonNullable<CardEventsQuery["card"]>["events"]["edges"][number]["node"];
async function eventsOf(id: string): Promise<Event[]> {
  const { body } = await h.run(CardEventsDocument, { id, first: 100 }, owner);
  expect(body.errors).toBeUndefined();
  return body.data!.card!.events.edges.map((e) => e.node).reverse();
}

describe("a Sudo card's life through GraphQL", () => {
  it("issue → freeze → unfreeze → update controls → cancel, each step at Sudo, in card(id) and in Card.events", async () => {
    const card = await sudoCard();
    const frozen = await h.run(FreezeCardDocument, { id: card.id }, owner);
    expect(frozen.body.data!.freezeCard).toMatchObject({ status: "INACTIVE", capabilities: ["REFRESH", "FREEZE", "UNFREEZE", "CANCEL", "UPDATE_CONTROLS", "REVEAL"] });
    expect(wire(card.providerCardId).status).toBe("inactive");

    const unfrozen = await h.run(UnfreezeCardDocument, { id: card.id }, owner);
    expect(unfrozen.body.data!.unfreezeCard.status).toBe("ACTIVE");
    expect(wire(card.providerCardId).status).toBe("active");

    const controls = await h.run(
      UpdateCardControlsDocument,
      { idempotencyKey: key(), id: card.id, spendingControls: { channels: { atm: true, web: false }, spendingLimits: [{ amount: 1000, interval: "WEEKLY" }] }, metadata: { note: "budget cut" } },
      owner,
    );
    expect(controls.body.errors).toBeUndefined();
    expect(controls.body.data!.updateCardControls).toMatchObject({
      status: "ACTIVE",
      metadata: { note: "budget cut" },
      spendingControls: { channels: { atm: true, web: false }, spendingLimits: [{ amount: 1000, interval: "WEEKLY" }] },
    });
    // Our recovery tag survives the update; Sudo got the metadata as the JSON string the update documents.
    expect(wire(card.providerCardId).metadata).toEqual({ note: "budget cut", cardsSubgraphCardId: card.id });

    const canceled = await h.run(CancelCardDocument, { idempotencyKey: key(), id: card.id, reason: "LOST", creditAccountId: SUDO_NGN_ACCOUNT }, owner);
    expect(canceled.body.data!.cancelCard.status).toBe("CANCELED");
    expect(wire(card.providerCardId)).toMatchObject({ status: "canceled", cancellationReason: "lost" });

    const events = await eventsOf(card.id);
    expect(events.map((e) => [e.kind, e.statusBefore, e.statusAfter])).toEqual([
      ["ISSUED", null, "ACTIVE"],
      ["FROZEN", "ACTIVE", "INACTIVE"],
      ["UNFROZEN", "INACTIVE", "ACTIVE"],
      ["CONTROLS_CHANGED", "ACTIVE", "ACTIVE"],
      ["CANCELED", "ACTIVE", "CANCELED"],
    ]);
    expect(events.every((e) => e.actor.endsWith("|owner"))).toBe(true);
    expect(events[3].detail).toEqual({ fields: ["spendingControls", "metadata"] });
    expect(events[4].detail).toEqual({ reason: "LOST" });
  });

  it("a canceled card refuses every further change, and sends nothing to Sudo", async () => {
    const card = await sudoCard();
    await h.run(CancelCardDocument, { idempotencyKey: key(), id: card.id, reason: "STOLEN", creditAccountId: SUDO_NGN_ACCOUNT }, owner);
    const puts = () => h.sudo.count("PUT", `/cards/${card.providerCardId}`);
    const before = puts();
    for (const attempt of [
      h.run(FreezeCardDocument, { id: card.id }, owner),
      h.run(UnfreezeCardDocument, { id: card.id }, owner),
      h.run(UpdateCardControlsDocument, { idempotencyKey: key(), id: card.id, metadata: { a: 1 } }, owner),
    ]) {
      expect((await attempt).body.errors![0].extensions).toMatchObject({ code: "CARD_CANCELED", field: "id" });
    }
    // Canceling again is where the card already is: the same card, no second call.
    const again = await h.run(CancelCardDocument, { idempotencyKey: key(), id: card.id, reason: "LOST", creditAccountId: SUDO_NGN_ACCOUNT }, owner);
    expect(again.body.data!.cancelCard.status).toBe("CANCELED");
    expect(puts()).toBe(before);
    expect((await eventsOf(card.id)).map((e) => e.kind)).toEqual(["ISSUED", "CANCELED"]);
  });

  it("freezing a frozen card changes nothing and calls nobody", async () => {
    const card = await sudoCard();
    await h.run(FreezeCardDocument, { id: card.id }, owner);
    const before = h.sudo.count("PUT", `/cards/${card.providerCardId}`);
    const again = await h.run(FreezeCardDocument, { id: card.id }, owner);
    expect(again.body.data!.freezeCard.status).toBe("INACTIVE");
    expect(h.sudo.count("PUT", `/cards/${card.providerCardId}`)).toBe(before);
    expect((await eventsOf(card.id)).map((e) => e.kind)).toEqual(["ISSUED", "FROZEN"]);
  });

  it("replays cancelCard and updateCardControls by key, and refuses a key reused with other arguments", async () => {
    const card = await sudoCard();
    const k = key();
    const vars = { idempotencyKey: k, id: card.id, metadata: { v: 1 } };
    await h.run(UpdateCardControlsDocument, vars, owner);
    const puts = h.sudo.count("PUT", `/cards/${card.providerCardId}`);
    const replay = await h.run(UpdateCardControlsDocument, vars, owner);
    expect(replay.body.data!.updateCardControls.metadata).toEqual({ v: 1 });
    expect(h.sudo.count("PUT", `/cards/${card.providerCardId}`)).toBe(puts);
    const reused = await h.run(UpdateCardControlsDocument, { ...vars, metadata: { v: 2 } }, owner);
    expect(reused.body.errors![0].extensions).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", field: "idempotencyKey" });
    // Keys belong to their caller: the same key from another caller is another change.
    const service = await h.run(UpdateCardControlsDocument, { ...vars, metadata: { v: 3 } });
    expect(service.body.data!.updateCardControls.metadata).toEqual({ v: 3 });
  });

  it("refreshCard takes Sudo's own change into our registry and records it", async () => {
    const card = await sudoCard();
    wire(card.providerCardId); // exists at Sudo
    await fetch(`${h.sudo.url}/cards/${card.providerCardId}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${h.sudo.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "inactive" }),
    });
    const refreshed = await h.run(RefreshCardDocument, { id: card.id }, owner);
    expect(refreshed.body.data!.refreshCard.status).toBe("INACTIVE");
    const last = (await eventsOf(card.id)).at(-1)!;
    expect(last).toMatchObject({ kind: "REFRESHED", statusBefore: "ACTIVE", statusAfter: "INACTIVE", detail: { changed: true } });
  });
});

describe("who may change a card", () => {
  const mutations = {
    freezeCard: (id: string) => h.run(FreezeCardDocument, { id }, stranger),
    unfreezeCard: (id: string) => h.run(UnfreezeCardDocument, { id }, stranger),
    cancelCard: (id: string) => h.run(CancelCardDocument, { idempotencyKey: key(), id, reason: "LOST", creditAccountId: SUDO_NGN_ACCOUNT }, stranger),
    updateCardControls: (id: string) => h.run(UpdateCardControlsDocument, { idempotencyKey: key(), id, metadata: { x: 1 } }, stranger),
    refreshCard: (id: string) => h.run(RefreshCardDocument, { id }, stranger),
  };

  it.each(Object.keys(mutations))("%s: another customer's card answers exactly like an unknown id, and nothing is sent", async (name) => {
    const card = await sudoCard();
    const run = mutations[name as keyof typeof mutations];
    const before = h.sudo.requests.length;
    const theirs = await run(card.id);
    const unknown = await run("crd_doesnotexist0000000000");
    expect(theirs.body.data).toBeNull();
    expect(theirs.body.errors).toEqual(unknown.body.errors!.map((e) => ({ ...e })));
    expect(theirs.body.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(h.sudo.requests.length).toBe(before);
    expect(wire(card.providerCardId).status).toBe("active");
  });

  it("a service token with cards:write:any may change any customer's card", async () => {
    const card = await sudoCard();
    const { body } = await h.run(FreezeCardDocument, { id: card.id });
    expect(body.data!.freezeCard.status).toBe("INACTIVE");
    expect((await eventsOf(card.id)).at(-1)!.actor).toMatch(/\|dev$/);
  });

  it("a token without a write scope is FORBIDDEN before any lookup", async () => {
    const card = await sudoCard();
    const reader = await bearer({ sub: "reader", scopes: ["cards:read"], customers: [SUDO_CUSTOMER] });
    const { body } = await h.run(FreezeCardDocument, { id: card.id }, reader);
    expect(body.errors![0].extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("bank cards: the bank API has no update, freeze or reveal endpoint", () => {
  it("lists no capabilities, and every change answers UNSUPPORTED_BY_PROVIDER without a bank call", async () => {
    const id = await bankCard();
    const before = h.bank.requests.length;
    const ops = [
      h.run(FreezeCardDocument, { id }, owner),
      h.run(UnfreezeCardDocument, { id }, owner),
      h.run(CancelCardDocument, { idempotencyKey: key(), id, reason: "LOST" }, owner),
      h.run(UpdateCardControlsDocument, { idempotencyKey: key(), id, metadata: { x: 1 } }, owner),
      h.run(RefreshCardDocument, { id }, owner),
      h.run(FreezeCardDocument, { id }),
    ];
    for (const { body } of await Promise.all(ops)) {
      expect(body.errors![0].extensions).toMatchObject({ code: "UNSUPPORTED_BY_PROVIDER", provider: "BANK", field: "id" });
    }
    expect(h.bank.requests.length).toBe(before);
    const read = await h.run(CardEventsDocument, { id }, owner);
    expect(read.body.data!.card).toMatchObject({ status: "ACTIVE", capabilities: [] });
    // Someone else still gets NOT_FOUND, not a hint about the provider.
    const theirs = await h.run(FreezeCardDocument, { id }, stranger);
    expect(theirs.body.errors![0].extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("bad input", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an empty idempotencyKey", { idempotencyKey: "" }, "idempotencyKey"],
    ["an idempotencyKey with spaces", { idempotencyKey: "a b" }, "idempotencyKey"],
    ["no creditAccountId (Sudo requires one)", { creditAccountId: null }, "creditAccountId"],
    ["a creditAccountId that is not a Sudo id", { creditAccountId: "acct-1" }, "creditAccountId"],
    ["a creditAccountId with a control character", { creditAccountId: "64b0c0ffee0000000000a001\u0000" }, "creditAccountId"],
  ])("cancelCard with %s is BAD_USER_INPUT at that field, and the card is untouched", async (_name, override, field) => {
    const card = await sudoCard();
    const { body } = await h.run(CancelCardDocument, { idempotencyKey: key(), id: card.id, reason: "LOST", creditAccountId: SUDO_NGN_ACCOUNT, ...override } as never, owner);
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(wire(card.providerCardId).status).toBe("active");
  });

  it("cancelCard with an unknown reason is refused by GraphQL", async () => {
    const card = await sudoCard();
    const { body } = await h.gql(`mutation { cancelCard(idempotencyKey: "k", id: "${card.id}", reason: EXPIRED, creditAccountId: "${SUDO_NGN_ACCOUNT}") { id } }`, {}, owner);
    expect(body.errors![0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["neither controls nor metadata", {}, "spendingControls"],
    ["a negative limit", { spendingControls: { spendingLimits: [{ amount: -1, interval: "DAILY" }] } }, "spendingControls.spendingLimits.0.amount"],
    ["a category that is not an MCC", { spendingControls: { blockedCategories: ["12"] } }, "spendingControls.blockedCategories"],
    ["both category lists", { spendingControls: { allowedCategories: ["5411"], blockedCategories: ["6011"] } }, "spendingControls.blockedCategories"],
    ["nested metadata", { metadata: { a: { b: 1 } } }, "metadata"],
    ["the reserved metadata key", { metadata: { cardsSubgraphCardId: "x" } }, "metadata"],
    ["a control character in metadata", { metadata: { a: "x\u0007" } }, "metadata"],
  ])("updateCardControls with %s is BAD_USER_INPUT at that field, before any call", async (_name, override, field) => {
    const card = await sudoCard();
    const before = h.sudo.requests.length;
    const { body } = await h.run(UpdateCardControlsDocument, { idempotencyKey: key(), id: card.id, ...override }, owner);
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(h.sudo.requests.length).toBe(before);
  });

  it("Card.events with a cursor it never returned is BAD_USER_INPUT at after", async () => {
    const card = await sudoCard();
    const { body } = await h.run(CardEventsDocument, { id: card.id, after: "not-a-cursor" }, owner);
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

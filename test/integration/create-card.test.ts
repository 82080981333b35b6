import { CardDocument, CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bankInput, SUDO_CUSTOMER, SUDO_EMPTY_ACCOUNT, sudoInput } from "../support/inputs";

let h: Harness;
let keyNo = 0;
const key = () => `it-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => {
  h.bank.faults.clear();
  h.sudo.faults.clear();
});

/** The response text must never carry what the provider told us in confidence. */
/**
 * A short secret (a CVV2, a PIN) is looked for as a JSON value of its own, string or number: as a bare substring,
 * "184" also turns up in the milliseconds of a timestamp.
 */
function expectNoSecrets(text: string, ...secrets: string[]) {
  for (const secret of secrets) {
    if (secret.length >= 8) expect(text).not.toContain(secret);
    else expect(text).not.toMatch(new RegExp(`("${secret}"|:\\s*${secret}(?![0-9]))`));
  }
}

describe("createCard through the bank API", () => {
  it("issues a card and returns every Card field mapped from the bank's answer", async () => {
    const { status, body, text } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const card = body.data!.createCard;
    const wire = h.bank.cards().find((c) => c.card_id === card.providerCardId)!;
    expect(wire).toBeDefined();
    const pan = wire.card_number;
    expect(card).toEqual({
      id: expect.stringMatching(/^crd_[0-9a-z]+$/),
      provider: "BANK",
      providerCardId: wire.card_id,
      customer: { id: "cus_ada" },
      type: "VIRTUAL",
      brand: "VISA",
      status: "ACTIVE",
      mode: "DEBIT",
      currency: "NGN",
      holderName: "Ada Okafor",
      last4: pan.slice(-4),
      maskedPan: `${pan.slice(0, 6)}${"*".repeat(pan.length - 10)}${pan.slice(-4)}`,
      expiry: { month: 12, year: bankInput().expiry.year },
      maskedAccountNumber: `******${wire.account_number.slice(-4)}`,
      productId: "1",
      address: { street: "12 Marina", city: "Lagos", state: "LA", country: "NG" },
      spendingControls: null,
      metadata: null,
      customProperties: [{ id: "ref", description: "our reference", type: "string", value: "A-1" }],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expectNoSecrets(text, pan, wire.card_cvv2, wire.card_token, wire.card_default_pin, "4821");
  });

  it("surfaces the bank's own refusal with its code and our field path", async () => {
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput({ productId: "999" }) } });
    expect(body.errors![0].extensions).toMatchObject({
      code: "PROVIDER_REJECTED",
      provider: "BANK",
      providerErrors: [expect.objectContaining({ field: "productId" })],
    });
  });

  it("reports an unknown bank connection as bad input, before any call", async () => {
    const before = h.bank.requests.length;
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput({ connectionId: "CONN-NOPE" }) } });
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.bank.connectionId" });
    expect(h.bank.requests.length).toBe(before);
  });
});

describe("createCard through Sudo", () => {
  it("issues a virtual Verve card and returns every Card field mapped from Sudo's answer", async () => {
    const { body, text } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } });
    expect(body.errors).toBeUndefined();
    const card = body.data!.createCard;
    const wire = h.sudo.cards().find((c) => c._id === card.providerCardId)!;
    expect(card).toEqual({
      id: expect.stringMatching(/^crd_/),
      provider: "SUDO",
      providerCardId: wire._id,
      customer: { id: SUDO_CUSTOMER },
      type: "VIRTUAL",
      brand: "VERVE",
      status: "ACTIVE",
      mode: null,
      currency: "NGN",
      holderName: "Ada Obi",
      last4: wire.pan.slice(-4),
      maskedPan: expect.stringMatching(new RegExp(`^${wire.pan.slice(0, 6)}\\*+${wire.pan.slice(-4)}$`)),
      expiry: { month: Number(wire.expiryMonth), year: Number(wire.expiryYear) },
      maskedAccountNumber: expect.stringMatching(/^\*+\d{4}$/),
      productId: null,
      address: null,
      spendingControls: {
        channels: { atm: false, pos: true, web: true, mobile: true },
        allowedCategories: [],
        blockedCategories: ["7995"],
        spendingLimits: [{ amount: 50000, interval: "DAILY", categories: [] }],
      },
      metadata: { orderRef: "A-1001" },
      customProperties: null,
      createdAt: wire.createdAt,
    });
    expect(wire.metadata).toMatchObject({ orderRef: "A-1001", cardsSubgraphCardId: card.id });
    expectNoSecrets(text, wire.pan, wire.cvv2, wire.pin);
  });

  it.each([
    ["402 insufficient balance", { debitAccountId: SUDO_EMPTY_ACCOUNT }, "402"],
    ["404 unknown customer", { customerId: "64b0c0ffee00000000000bad" }, "404"],
  ])("surfaces %s as PROVIDER_REJECTED", async (_name, overrides, providerCode) => {
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput(overrides) } });
    expect(body.errors![0].extensions).toMatchObject({ code: "PROVIDER_REJECTED", provider: "SUDO", providerCode });
    expect(body.data).toBeNull();
  });

  it("surfaces a 500 as PROVIDER_UNAVAILABLE and never shows the upstream body", async () => {
    h.sudo.faults.add({ kind: "status", status: 500, method: "POST", path: "/cards", body: { statusCode: 500, message: "db password=hunter2" } });
    const { body, text } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } });
    expect(body.errors![0].extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "SUDO" });
    expect(text).not.toContain("hunter2");
  });
});

describe("bad input", () => {
  it("rejects invalid provider input with every offending field and makes no provider call", async () => {
    const bankCalls = h.bank.requests.length;
    const sudoCalls = h.sudo.requests.length;
    const { status, body, text } = await h.run(CreateCardDocument, {
      idempotencyKey: key(),
      input: { sudo: sudoInput({ brand: "MASTERCARD", amount: null, customerId: "nope", currency: "USD", expirationDate: "AUG-2020" }) },
    });
    expect(status).toBe(200);
    const fields = (body.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["input.sudo.customerId", "input.sudo.amount", "input.sudo.expirationDate"]));
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(text).not.toMatch(/stack|at Object\./);
    expect(h.bank.requests.length).toBe(bankCalls);
    expect(h.sudo.requests.length).toBe(sudoCalls);
  });

  it("never echoes a PIN or PAN from a malformed variable", async () => {
    const { body, text } = await h.gql(
      "mutation($k: String!, $i: CreateCardInput!) { createCard(idempotencyKey: $k, input: $i) { id } }",
      { k: key(), i: { bank: { ...bankInput(), defaultPin: 4821, holderName: 5061234567891234 } } },
    );
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(String(body.errors![0].extensions!.field)).toMatch(/^input\.bank\./);
    expectNoSecrets(text, "4821", "5061234567891234");
  });

  it.each([
    ["neither provider (variables)", {}],
    ["both providers (variables)", { bank: bankInput(), sudo: sudoInput() }],
  ])("rejects %s as BAD_USER_INPUT on input", async (_name, input) => {
    const { status, body } = await h.gql("mutation($k: String!, $i: CreateCardInput!) { createCard(idempotencyKey: $k, input: $i) { id } }", { k: key(), i: input });
    expect(status).toBe(200);
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
  });

  it("rejects an inline literal with neither provider as BAD_USER_INPUT on input", async () => {
    const { status, body } = await h.gql('mutation { createCard(idempotencyKey: "k", input: {}) { id } }');
    expect(status).toBe(200);
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
  });
});

describe("reading cards", () => {
  it("serves a created card by id, through _entities, and null for an unknown id", async () => {
    const created = (await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } })).body.data!.createCard;
    const read = await h.run(CardDocument, { id: created.id });
    expect(read.body.data!.card).toEqual(created);
    expect((await h.run(CardDocument, { id: "crd_unknown" })).body.data!.card).toBeNull();

    const entities = await h.gql(
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id provider last4 customer { id } } } }",
      { r: [{ __typename: "Card", id: created.id }, { __typename: "Card", id: "crd_unknown" }] },
    );
    expect(entities.body.data).toEqual({ _entities: [{ id: created.id, provider: "SUDO", last4: created.last4, customer: { id: SUDO_CUSTOMER } }, null] });
  });
});

import { postGraphQL, startHarness, type Harness } from "../support/app";
import { nameCustomer, startSupergraph, type Supergraph } from "../support/federation";
import { allowed, CREATE_MUTATION, CUSTOMER_A, CUSTOMER_B, inputFor, PROVIDER_NAMES, TOKENS, type TokenKind } from "./support";

// The same model through @apollo/gateway with a second subgraph: the gateway forwards the end user's token, and the
// cards subgraph alone decides which cards and customers it may see.

let h: Harness;
let supergraph: Supergraph;
const cards: Array<{ id: string; owner: "a" | "b"; customerId: string }> = [];

beforeAll(async () => {
  h = await startHarness();
  supergraph = await startSupergraph(h.app.url);
  for (const [owner, customer] of [["a", CUSTOMER_A], ["b", CUSTOMER_B]] as const) {
    for (const provider of PROVIDER_NAMES) {
      nameCustomer(customer[provider], `${owner}-${provider}`);
      const { body } = await h.gql<{ createCard: { id: string } }>(CREATE_MUTATION, { k: `gw-${owner}-${provider}`, i: inputFor(provider, customer[provider]) });
      expect(body.errors).toBeUndefined();
      cards.push({ id: body.data!.createCard.id, owner, customerId: customer[provider] });
    }
  }
});
afterAll(async () => {
  await supergraph.stop();
  await h.stop();
});

// `status` is non-null: a card the cards subgraph refuses then nulls as a whole. Without a non-null field of ours in
// the selection, the gateway keeps the payment subgraph's own part (the reference's id) beside our nulls.
const PAYMENTS = "query($ids: [ID!]!) { payments(cardIds: $ids) { id amount card { id status last4 holderName spendSummary { totalSpent } } } }";
const CUSTOMERS = "query($ids: [ID!]!) { customers(ids: $ids) { id name cards(first: 20) { edges { node { id customer { id } } } } } }";

describe.each(["a", "b", "both", "service"] as TokenKind[])("through the gateway, a %s token", (kind) => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = await TOKENS[kind]();
  });

  it("gets the cards it may see in a batch mixing A's and B's, and null for the others", async () => {
    const { body } = await postGraphQL<{ payments: Array<{ card: { id: string } | null }> }>(supergraph.url, PAYMENTS, { ids: cards.map((c) => c.id) }, auth);
    expect(body.errors).toBeUndefined();
    expect(body.data!.payments.map((p) => p.card?.id ?? null)).toEqual(cards.map((c) => (allowed(kind, c.owner) ? c.id : null)));
  });

  it("gets its customers' cards, and no card of a customer it does not act for", async () => {
    const { body } = await postGraphQL<{ customers: Array<{ cards: { edges: Array<{ node: { customer: { id: string } } }> } } | null> }>(
      supergraph.url,
      CUSTOMERS,
      { ids: cards.map((c) => c.customerId) },
      auth,
    );
    body.data!.customers.forEach((customer, i) => {
      if (!allowed(kind, cards[i].owner)) return expect(customer).toBeNull();
      expect(customer!.cards.edges.length).toBeGreaterThan(0);
      expect(new Set(customer!.cards.edges.map((e) => e.node.customer.id))).toEqual(new Set([cards[i].customerId]));
    });
    // Whatever the gateway reports for the nulled customers, it names none of B's data.
    for (const card of cards.filter((c) => !allowed(kind, c.owner))) expect(JSON.stringify(body)).not.toContain(card.id);
  });

  it.each(PROVIDER_NAMES)("issues %s cards for its customers only", async (provider) => {
    for (const [owner, customer] of [["a", CUSTOMER_A], ["b", CUSTOMER_B]] as const) {
      const { body } = await postGraphQL<{ createCard: { customer: { id: string } } }>(supergraph.url, CREATE_MUTATION, { k: `gw-create-${kind}-${provider}-${owner}`, i: inputFor(provider, customer[provider]) }, auth);
      if (allowed(kind, owner)) expect(body.data!.createCard.customer.id).toBe(customer[provider]);
      else expect(body.errors!.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: "FORBIDDEN", field: `input.${provider}.customerId` })]);
    }
  });
});

it("through the gateway, a card refused to the token carries none of our fields, whatever the selection", async () => {
  const query = "query($ids: [ID!]!) { payments(cardIds: $ids) { card { id last4 holderName maskedPan } } }";
  const { body } = await postGraphQL<{ payments: Array<{ card: Record<string, unknown> }> }>(supergraph.url, query, { ids: cards.map((c) => c.id) }, await TOKENS.a());
  body.data!.payments.forEach(({ card }, i) => {
    if (cards[i].owner === "a") expect(card.last4).toMatch(/^\d{4}$/);
    else expect(card).toEqual({ id: cards[i].id, last4: null, holderName: null, maskedPan: null });
  });
});

it("through the gateway, a token with neither a claim nor an :any scope sees no card", async () => {
  const { body } = await postGraphQL<{ payments: Array<{ card: unknown }> }>(supergraph.url, PAYMENTS, { ids: cards.map((c) => c.id) }, await TOKENS.neither());
  expect(body.data!.payments.map((p) => p.card)).toEqual(cards.map(() => null));
  for (const card of cards) expect(JSON.stringify(body)).not.toContain(`"${card.id}"`);
});

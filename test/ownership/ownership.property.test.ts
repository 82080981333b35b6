import fc from "fast-check";
import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import { CARD_QUERY, CARDS_QUERY, CREATE_MUTATION, CUSTOMER_A, CUSTOMER_B, ENTITIES_QUERY, inputFor, PROVIDER_NAMES, type ProviderName } from "./support";

// Random tokens (customer claim absent, a string or an array; any mix of scopes, ours and look-alikes) against random
// cards and customers: a token never sees or issues a card outside what the model allows, and a refusal reads the
// same whether or not the card or customer exists. FC_SEED=<seed> reruns a failure.

const SEED = Number(process.env.FC_SEED ?? 20261129);

/** Customers with cards, by provider, plus customers with none (one of them unknown to both providers). */
const WITH_CARDS: Array<{ provider: ProviderName; customerId: string }> = [
  ...PROVIDER_NAMES.map((provider) => ({ provider, customerId: CUSTOMER_A[provider] })),
  ...PROVIDER_NAMES.map((provider) => ({ provider, customerId: CUSTOMER_B[provider] })),
];
const WITHOUT_CARDS = ["cus_chioma", "64b0c0ffee0000000000c003", "cus_ghost"];
const CUSTOMERS = [...WITH_CARDS.map((c) => c.customerId), ...WITHOUT_CARDS];
const SCOPES = ["cards:read", "cards:write", "cards:read:any", "cards:write:any", "cards:read:all", "CARDS:READ:ANY", "cards:any"];

interface TokenModel {
  customers: string[] | string | undefined;
  scopes: string[];
}

/** The model, independent of the implementation: the same rule docs/security.md states. */
function may(token: TokenModel, customerId: string, access: "read" | "write"): boolean {
  if (token.customers === undefined) return token.scopes.includes(`cards:${access}:any`);
  const customers = typeof token.customers === "string" ? [token.customers] : token.customers;
  return token.scopes.includes(`cards:${access}`) && customers.includes(customerId);
}

const tokenModel: fc.Arbitrary<TokenModel> = fc.record({
  customers: fc.oneof(fc.constant(undefined), fc.constantFrom(...CUSTOMERS), fc.subarray(CUSTOMERS, { maxLength: 4 })),
  scopes: fc.subarray(SCOPES),
});

let h: Harness;
const cards: Array<{ id: string; customerId: string }> = [];
const counts = { runs: 0, visible: 0, hidden: 0, issued: 0, refusedIssues: 0 };

beforeAll(async () => {
  h = await startHarness();
  for (const { provider, customerId } of WITH_CARDS) {
    const { body } = await h.gql<{ createCard: { id: string } }>(CREATE_MUTATION, { k: `prop-${customerId}`, i: inputFor(provider, customerId) });
    cards.push({ id: body.data!.createCard.id, customerId });
  }
});
afterAll(async () => {
  await h.stop();
  // The figures the closing note quotes.
  console.log(`ownership property: ${JSON.stringify(counts)}`);
});

const authFor = (token: TokenModel) => bearer({ sub: "prop", customers: token.customers, scopes: token.scopes });
const UNKNOWN_CARD = "crd_000000000000000000000000";
/** The response minus what legitimately differs between two requests (nothing, today). */
const shape = (response: GraphQLResponse) => response.text;

describe("ownership holds for any token", () => {
  it("card(id) and _entities show exactly the readable cards; a refusal reads as for an unknown card", () =>
    fc.assert(
      fc.asyncProperty(tokenModel, fc.subarray(cards, { minLength: 1 }), async (token, picked) => {
        counts.runs++;
        const auth = await authFor(token);
        const unknown = await h.gql(CARD_QUERY, { id: UNKNOWN_CARD }, auth);
        for (const card of picked) {
          const response = await h.gql<{ card: { id: string } | null }>(CARD_QUERY, { id: card.id }, auth);
          if (may(token, card.customerId, "read")) {
            expect(response.body.data!.card!.id).toBe(card.id);
            counts.visible++;
          } else {
            expect(shape(response)).toBe(shape(unknown));
            counts.hidden++;
          }
        }
        const representations = [...picked.map((c) => ({ __typename: "Card", id: c.id })), { __typename: "Card", id: UNKNOWN_CARD }];
        const entities = await h.gql<{ _entities: Array<{ id: string } | null> }>(ENTITIES_QUERY, { r: representations }, auth);
        expect(entities.body.data!._entities.map((e) => e?.id ?? null)).toEqual([...picked.map((c) => (may(token, c.customerId, "read") ? c.id : null)), null]);
        for (const card of picked.filter((c) => !may(token, c.customerId, "read"))) expect(entities.text).not.toContain(card.id);
      }),
      { seed: SEED, numRuns: 150 },
    ), 120_000);

  it("cards(customerId) and Customer entities list only the customer's own cards, and refuse alike whether it has cards or not", () =>
    fc.assert(
      fc.asyncProperty(tokenModel, fc.constantFrom(...CUSTOMERS), async (token, customerId) => {
        counts.runs++;
        const auth = await authFor(token);
        const response = await h.gql<{ cards: { edges: Array<{ node: { id: string } }> } }>(CARDS_QUERY, { c: customerId }, auth);
        const own = cards.filter((c) => c.customerId === customerId).map((c) => c.id);
        if (may(token, customerId, "read")) {
          expect(response.body.data!.cards.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(own));
        } else {
          expect(response.body.data).toBeNull();
          // Refused for a customer with cards exactly as for one nobody has heard of (and no token names).
          expect(shape(response)).toBe(shape(await h.gql(CARDS_QUERY, { c: "cus_unheard_of" }, auth)));
        }
        const entity = await h.gql<{ _entities: Array<{ cards: { edges: Array<{ node: { customer: { id: string } } }> } } | null> }>(
          ENTITIES_QUERY,
          { r: [{ __typename: "Customer", id: customerId }] },
          auth,
        );
        const [customer] = entity.body.data!._entities;
        if (!may(token, customerId, "read")) expect(customer).toBeNull();
        else for (const edge of customer!.cards.edges) expect(edge.node.customer.id).toBe(customerId);
      }),
      { seed: SEED, numRuns: 120 },
    ), 120_000);

  it("createCard issues only for customers the token may write for, and a refusal reaches neither the store nor a provider", () =>
    fc.assert(
      fc.asyncProperty(tokenModel, fc.constantFrom(...WITH_CARDS), async (token, { provider, customerId }) => {
        counts.runs++;
        const auth = await authFor(token);
        const [statements, calls] = [h.sqlStatements(), h.bank.requests.length + h.sudo.requests.length];
        const response = await h.gql<{ createCard: { customer: { id: string } } }>(CREATE_MUTATION, { k: `prop-create-${counts.runs}`, i: inputFor(provider, customerId) }, auth);
        if (may(token, customerId, "write")) {
          expect(response.body.data!.createCard.customer.id).toBe(customerId);
          counts.issued++;
        } else {
          expect(response.body.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
          expect([h.sqlStatements() - statements, h.bank.requests.length + h.sudo.requests.length - calls]).toEqual([0, 0]);
          counts.refusedIssues++;
        }
      }),
      { seed: SEED, numRuns: 80 },
    ), 120_000);
});

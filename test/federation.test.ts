import { print } from "graphql";
import { CreateCardDocument } from "./__generated__/graphql";
import { startHarness, postGraphQL, type Harness } from "./support/app";
import { nameCustomer, startSupergraph, type Supergraph } from "./support/federation";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "./support/inputs";

let h: Harness;
let supergraph: Supergraph;

beforeAll(async () => {
  h = await startHarness();
  supergraph = await startSupergraph(h.app.url);
  nameCustomer("cus_ada", "Ada Okafor");
  nameCustomer(SUDO_CUSTOMER, "Ada Obi");
});
afterAll(async () => {
  await supergraph.stop();
  await h.stop();
});

const CREATE_THROUGH_GATEWAY = `
  mutation Create($key: String!, $input: CreateCardInput!) {
    createCard(idempotencyKey: $key, input: $input) {
      id
      provider
      last4
      spendSummary { totalSpent currency transactionCount }
      customer {
        id
        name
        cards(first: 5) { edges { node { id last4 } } pageInfo { hasNextPage } }
      }
    }
  }
`;

describe("through @apollo/gateway", () => {
  it("composes our committed SDL with another subgraph that owns Customer and extends Card", () => {
    expect(supergraph.supergraphSdl).toContain("type Card");
    expect(supergraph.supergraphSdl).toMatch(/join__type\(graph: CARDS, key: "id"\)/);
    expect(supergraph.supergraphSdl).toMatch(/join__type\(graph: CUSTOMERS, key: "id"\)/);
  });

  it.each([
    ["bank", { bank: bankInput() }, "cus_ada", "Ada Okafor"],
    ["sudo", { sudo: sudoInput() }, SUDO_CUSTOMER, "Ada Obi"],
  ])("creates a %s card in one mutation and reads fields from both subgraphs", async (_p, input, customerId, name) => {
    const { status, body } = await postGraphQL<{ createCard: Record<string, any> }>(supergraph.url, CREATE_THROUGH_GATEWAY, { key: `fed-${customerId}`, input });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const card = body.data!.createCard;
    expect(card).toMatchObject({ id: expect.stringMatching(/^crd_/), spendSummary: { currency: "NGN", transactionCount: 3 }, customer: { id: customerId, name } });
    expect(card.customer.cards.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(card.id);
  });

  it("relays BAD_USER_INPUT for a oneOf violation in variables and in a literal, without leaking the subgraph", async () => {
    const inVariables = await postGraphQL(supergraph.url, print(CreateCardDocument), { idempotencyKey: "fed-bad", input: { bank: bankInput(), sudo: sudoInput() } });
    const inLiteral = await postGraphQL(supergraph.url, 'mutation { createCard(idempotencyKey: "fed-bad", input: {}) { id } }');
    for (const { body, text } of [inVariables, inLiteral]) {
      expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
      expect(text).not.toContain(h.app.url);
    }
  });

  it("relays a provider refusal with its code", async () => {
    const { body } = await postGraphQL(supergraph.url, CREATE_THROUGH_GATEWAY, { key: "fed-402", input: { sudo: sudoInput({ debitAccountId: "64b0c0ffee0000000000a003" }) } });
    expect(body.errors![0].extensions).toMatchObject({ code: "PROVIDER_REJECTED", providerCode: "402" });
  });
});

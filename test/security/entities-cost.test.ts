import { CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bankInput } from "../support/inputs";

// Issue 9 item 14: a gateway asking `_entities` for 100 Customers with a default page of their cards (four fields
// each), an ordinary page of customers, was refused by the cost limit as a whole (12,100 > 10,000). It must pass, and
// the abusive batch must still be refused before any store work.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const PAGE_OF_CUSTOMERS =
  "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id cards { edges { node { id last4 provider status } } } } } }";
const customers = (ids: string[]) => ids.map((id) => ({ __typename: "Customer", id }));

it("lets a router's page of 100 customers with their cards at the default page size through", async () => {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: "entities-cost-1", input: { bank: bankInput() } });
  const issued = body.data!.createCard;
  const ids = ["cus_ada", ...Array.from({ length: 99 }, (_, i) => `cus_page_${i}`)];

  const response = await h.gql<{ _entities: Array<{ id: string; cards: { edges: Array<{ node: Record<string, unknown> }> } }> }>(PAGE_OF_CUSTOMERS, {
    r: customers(ids),
  });
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data!._entities).toHaveLength(100);
  expect(response.body.data!._entities[0].cards.edges.map((e) => e.node)).toContainEqual({ id: issued.id, last4: issued.last4, provider: "BANK", status: "ACTIVE" });
});

it("still refuses 1,000 customers' full pages, before any store query", async () => {
  const abusive = PAGE_OF_CUSTOMERS.replace("cards {", "cards(first: 100) {");
  const before = h.sqlStatements();
  const response = await h.gql(abusive, { r: customers(Array.from({ length: 1000 }, (_, i) => `cus_${i}`)) });
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toEqual([
    expect.objectContaining({
      message: expect.stringMatching(/paged lists selected for 1,000 entities cost 201,000 for this request, above the limit of 10,000/),
      extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "representations" }),
    }),
  ]);
  expect(h.sqlStatements()).toBe(before);
});

it("refuses the same page of 100 customers once each asks for 100 cards", async () => {
  const response = await h.gql(PAGE_OF_CUSTOMERS.replace("cards {", "cards(first: 100) {"), { r: customers(Array.from({ length: 100 }, (_, i) => `cus_${i}`)) });
  expect(response.body.errors![0].message).toMatch(/cost 20,100/);
});

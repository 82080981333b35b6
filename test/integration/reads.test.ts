import { CreateCardDocument, CustomerCardsDocument, type CustomerCardsQuery } from "../__generated__/graphql";
import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { SUDO_CUSTOMER, sudoInput } from "../support/inputs";

let h: Harness;
const ids: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  for (let i = 0; i < 5; i++) {
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: `reads-${i}`, input: { sudo: sudoInput({ metadata: { n: i } }) } });
    ids.push(body.data!.createCard.id);
  }
});
afterAll(() => h.stop());

/** SQL statements the subgraph sent while `fn` ran. */
async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = h.sqlStatements();
  const result = await fn();
  return { result, statements: h.sqlStatements() - before };
}

const ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id last4 } ... on Customer { id cards(first: 2) { edges { node { id } } pageInfo { hasNextPage } } } } }";

describe("reads are batched", () => {
  it.each([1, 100, 1000])("_entities with %i card representations is one SQL round trip", async (n) => {
    const representations = Array.from({ length: n }, (_, i) => ({ __typename: "Card", id: i < ids.length ? ids[i] : `crd_missing${i}` }));
    const { result, statements } = await statementsDuring(() => h.gql<{ _entities: Array<{ id: string } | null> }>(ENTITIES, { r: representations }));
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!._entities).toHaveLength(n);
    expect(result.body.data!._entities.slice(0, Math.min(n, ids.length)).map((c) => c!.id)).toEqual(ids.slice(0, n));
    expect(statements).toBe(1);
  });

  it("Customer.cards for many customers through _entities is one SQL round trip", async () => {
    const representations = [SUDO_CUSTOMER, "cus_none_1", "cus_none_2"].map((id) => ({ __typename: "Customer", id }));
    const { result, statements } = await statementsDuring(() => h.gql<{ _entities: Array<{ cards: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }> }>(ENTITIES, { r: representations }));
    expect(result.body.data!._entities.map((c) => c.cards.edges.length)).toEqual([2, 0, 0]);
    expect(result.body.data!._entities[0].cards.pageInfo.hasNextPage).toBe(true);
    expect(statements).toBe(1);
  });
});

describe("Query.cards paging", () => {
  it("pages newest first with cursors until the end", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { body }: GraphQLResponse<CustomerCardsQuery> = await h.run(CustomerCardsDocument, { customerId: SUDO_CUSTOMER, first: 2, after });
      seen.push(...body.data!.cards.edges.map((e) => e.node.id));
      if (!body.data!.cards.pageInfo.hasNextPage) break;
      after = body.data!.cards.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it.each([
    ["a negative first", { first: -1 }, "first"],
    ["a zero first", { first: 0 }, "first"],
    ["a first over 100", { first: 101 }, "first"],
    ["a malformed cursor", { after: "not-a-cursor" }, "after"],
    ["a cursor-shaped string with a bad id", { after: Buffer.from("2026-01-01T00:00:00.000Z|x';drop").toString("base64url") }, "after"],
  ])("rejects %s as BAD_USER_INPUT", async (_name, variables, field) => {
    const { body } = await h.run(CustomerCardsDocument, { customerId: SUDO_CUSTOMER, ...variables });
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("rejects an over-long idempotency key as BAD_USER_INPUT, with no provider call", async () => {
    const before = h.sudo.requests.length;
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: "k".repeat(256), input: { sudo: sudoInput() } });
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idempotencyKey" });
    expect(h.sudo.requests.length).toBe(before);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, type Harness } from "../support/app";
import { defaultAuthHeaders } from "../support/auth";
import { bankInput } from "../support/inputs";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => h.bank.reset());

/** Sends a query and expects it refused before execution: one error, and no SQL statement or provider call. */
async function expectRejected(query: string, variables: Record<string, unknown>, message: RegExp, code = "GRAPHQL_VALIDATION_FAILED") {
  const before = h.sqlStatements();
  const response = await h.gql(query, variables);
  expect(response.status).toBeLessThan(500);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
  expect(h.sqlStatements()).toBe(before);
  expect(h.bank.count("POST", "/cards")).toBe(0);
}

describe("query depth and cost", () => {
  it("refuses a query nested deeper than 10 levels", async () => {
    const deep = '{ cards(customerId: "cus_ada", first: 1) { edges { node { customer { cards(first: 1) { edges { node { customer { cards(first: 1) { edges { node { id } } } } } } } } } } } }';
    await expectRejected(deep, {}, /nested 12 levels deep; the limit is 10/);
  });

  it("refuses nested pages whose product is too costly, counting a variable page size as the maximum", async () => {
    const nested = (first: string) =>
      `query${first === "$n" ? "($n: Int)" : ""} { cards(customerId: "cus_ada", first: ${first}) { edges { node { customer { cards(first: ${first}) { edges { node { id } } } } } } } }`;
    await expectRejected(nested("100"), {}, /costs 30,401, above the limit of 10,000/);
    await expectRejected(nested("$n"), { n: 1 }, /costs 30,401/);
    const small = await h.gql(nested("5"), {});
    expect(small.body.errors).toBeUndefined();
  });

  it("counts fragments once per spread, so a fragment-heavy document is measured, not expanded", async () => {
    const fragments = Array.from({ length: 15 }, (_, i) => `fragment F${i} on Card { ${i === 0 ? "id" : `...F${i - 1} ...F${i - 1}`} }`).join("\n");
    await expectRejected(`query { card(id: "crd_x") { ...F14 } }\n${fragments}`, {}, /costs 16,385/);
  });

  it("allows a full page of cards with every field", async () => {
    const fragment = readFileSync(join(__dirname, "..", "operations", "card.fragment.graphql"), "utf8");
    const query = `{ cards(customerId: "cus_ada", first: 100) { edges { node { ...CardFields } } } }\n${fragment}`;
    const response = await h.gql(query, {});
    expect(response.body.errors).toBeUndefined();
  });

  it("refuses alias batching of createCard beyond 9 per operation, with no provider call", async () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `c${i}: createCard(idempotencyKey: "alias-${i}", input: $input) { id }`).join("\n");
    await expectRejected(`mutation($input: CreateCardInput!) { ${aliases} }`, { input: { bank: bankInput() } }, /above the limit of 10,000/);
  });
});

describe("_entities", () => {
  const ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id } } }";
  const cards = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: "Card", id: `crd_missing_${i}` }));

  it("refuses more than 1,000 representations before any store query", async () => {
    await expectRejected(ENTITIES, { r: cards(1001) }, /at most 1000 per request, got 1001/, "BAD_USER_INPUT");
    const response = await h.gql(ENTITIES, { r: cards(1001) });
    expect(response.body.errors![0].extensions).toMatchObject({ field: "representations" });
  });

  it("resolves 1,000 in one batched store query", async () => {
    const before = h.sqlStatements();
    const response = await h.gql<{ _entities: unknown[] }>(ENTITIES, { r: cards(1000) });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities).toHaveLength(1000);
    expect(h.sqlStatements() - before).toBe(1);
  });
});

describe("HTTP-level protections", () => {
  it("refuses batched requests", async () => {
    const response = await fetch(h.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await defaultAuthHeaders()) },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it("refuses a GET that a browser could send cross-site (CSRF), and serves it with a preflight header", async () => {
    const url = `${h.app.url}?query=${encodeURIComponent("{ __typename }")}`;
    const auth = await defaultAuthHeaders();
    const simple = await fetch(url, { headers: auth });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
    const preflighted = await fetch(url, { headers: { ...auth, "apollo-require-preflight": "true" } });
    expect(await preflighted.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe("INTROSPECTION", () => {
  const INTROSPECT = "{ __schema { queryType { name } } }";

  it("is on outside production", async () => {
    const response = await h.gql(INTROSPECT, {});
    expect(response.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
  });

  it("can be turned off, and then error messages stop suggesting field names", async () => {
    const closed = await startHarness({ INTROSPECTION: "false" });
    try {
      const introspection = await closed.gql(INTROSPECT, {});
      expect(introspection.body.errors![0].message).toMatch(/introspection/i);
      const typo = await closed.gql('{ crd(id: "x") { id } }', {});
      expect(typo.body.errors![0].message).toMatch(/Cannot query field "crd"/);
      expect(typo.body.errors![0].message).not.toMatch(/Did you mean/);
      const open = await h.gql('{ crd(id: "x") { id } }', {});
      expect(open.body.errors![0].message).toMatch(/Did you mean "card"/);
    } finally {
      await closed.stop();
    }
  });
});

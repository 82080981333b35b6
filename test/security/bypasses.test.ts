import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { defaultAuthHeaders } from "../support/auth";
import { bankInput, SUDO_CUSTOMER } from "../support/inputs";

// Ways around the limits in limits.test.ts: fields the cost model might price at nothing, `_entities` batches whose
// real size only the variables show, aliases that multiply a per-call bound, and requests a browser can send
// cross-site without a preflight.

let h: Harness;
beforeAll(async () => {
  // A token bound high enough that the cost model, not the parser, is what these documents meet.
  h = await startHarness({ MAX_QUERY_TOKENS: "100000" });
});
afterAll(() => h.stop());
beforeEach(() => h.bank.reset());

const work = () => ({ sql: h.sqlStatements(), provider: h.bank.requests.length + h.sudo.requests.length });

/** Sends the query and expects one error with `code` and no store or provider work. */
async function expectRefused(query: string, variables: Record<string, unknown>, message: RegExp, code: string): Promise<GraphQLResponse> {
  const before = work();
  const response = await h.gql(query, variables);
  expect(response.status).toBeLessThan(500);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code }) })]);
  expect(response.text).not.toMatch(/stacktrace|"stack"/);
  expect(work()).toEqual(before);
  return response;
}

describe("fields that must not be free", () => {
  const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

  it("counts __typename, so ten thousand aliases of it are refused and a few are not", async () => {
    await expectRefused(aliases(10_001, "__typename"), {}, /costs 10,001, above the limit of 10,000/, "GRAPHQL_VALIDATION_FAILED");
    expect((await h.gql(aliases(50, "__typename"), {})).body.errors).toBeUndefined();
  });

  it("prices an introspection root like a provider call, so aliasing the schema walk is refused", async () => {
    await expectRefused(aliases(11, "__schema { types { name fields { name } } }"), {}, /costs 11,000/, "GRAPHQL_VALIDATION_FAILED");
    await expectRefused(aliases(101, '__type(name: "Card") { name }'), {}, /costs 10,100/, "GRAPHQL_VALIDATION_FAILED");
  });
});

describe("_entities", () => {
  const customers = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: "Customer", id: `cus_${i}` }));
  const cards = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: "Card", id: `crd_missing_${i}` }));

  it("prices each representation: many customers' pages of cards are refused with BAD_USER_INPUT before any query", async () => {
    const query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { cards(first: 100) { edges { node { id } } } } } }";
    const refused = await expectRefused(query, { r: customers(50) }, /paged lists selected for 50 entities cost 10,050 for this request, above the limit of 10,000/, "BAD_USER_INPUT");
    expect(refused.body.errors![0].extensions).toMatchObject({ field: "representations", fields: [expect.objectContaining({ rule: "maxCost" })] });
    const fine = await h.gql<{ _entities: unknown[] }>(query, { r: customers(49) });
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data!._entities).toHaveLength(49);
  });

  it("prices a selection hidden in a fragment the same", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ...C } }
      fragment C on Customer { cards(first: 100) { edges { node { id } } } }`;
    await expectRefused(query, { r: customers(50) }, /paged lists selected for 50 entities cost 10,050/, "BAD_USER_INPUT");
  });

  it("prices pages selected through a fragment on the union, or in a second selection merged into the same call", async () => {
    const onUnion = "query($r: [_Any!]!) { _entities(representations: $r) { ...E } } fragment E on _Entity { ... on Customer { cards(first: 100) { edges { node { id } } } } }";
    await expectRefused(onUnion, { r: customers(50) }, /cost 10,050/, "BAD_USER_INPUT");
    const merged = `query($r: [_Any!]!) {
      _entities(representations: $r) { ... on Customer { id } }
      _entities(representations: $r) { ... on Customer { cards(first: 100) { edges { node { id } } } } }
    }`;
    await expectRefused(merged, { r: customers(50) }, /cost 10,050/, "BAD_USER_INPUT");
  });

  it("charges each representation for its own type's pages only", async () => {
    const query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id last4 } ... on Customer { cards(first: 100) { edges { node { id } } } } } }";
    await expectRefused(query, { r: [...cards(950), ...customers(50)] }, /paged lists selected for 1,000 entities cost 10,050/, "BAD_USER_INPUT");
    const mixed = await h.gql<{ _entities: unknown[] }>(query, { r: [...cards(951), ...customers(49)] });
    expect(mixed.body.errors).toBeUndefined();
    expect(mixed.body.data!._entities).toHaveLength(1000);
  });

  it("shares the 1,000-representation bound among aliases of _entities", async () => {
    const query = `query($a: [_Any!]!, $b: [_Any!]!) {
      a: _entities(representations: $a) { ... on Card { id } }
      b: _entities(representations: $b) { ... on Card { id } }
    }`;
    const response = await h.gql(query, { a: cards(600), b: cards(600) });
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({ message: "representations: at most 1000 per request, got 1200 in all.", extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "representations" }) }),
    ]);
    const split = await h.gql<{ a: unknown[]; b: unknown[] }>(query, { a: cards(500), b: cards(500) });
    expect(split.body.errors).toBeUndefined();
    expect([split.body.data!.a.length, split.body.data!.b.length]).toEqual([500, 500]);
  });

  it("still resolves what the router normally sends", async () => {
    const query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { __typename cards(first: 5) { edges { node { __typename id last4 } } pageInfo { hasNextPage } } } } }";
    const response = await h.gql<{ _entities: unknown[] }>(query, { r: [{ __typename: "Customer", id: SUDO_CUSTOMER }, ...customers(99)] });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities).toHaveLength(100);
  });
});

describe("requests a browser could send cross-site (CSRF)", () => {
  const MUTATION = JSON.stringify({ query: 'mutation($i: CreateCardInput!) { createCard(idempotencyKey: "csrf", input: $i) { id } }', variables: { i: { bank: bankInput() } } });

  it.each(["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "refuses a POST sent as %s, even carrying a valid token, with no work done",
    async (contentType) => {
      const before = work();
      const response = await fetch(h.app.url, { method: "POST", headers: { ...(await defaultAuthHeaders()), "content-type": contentType }, body: MUTATION });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/CSRF/);
      expect(work()).toEqual(before);
    },
  );

  it("refuses a POST with no content type", async () => {
    const response = await fetch(h.app.url, { method: "POST", headers: await defaultAuthHeaders(), body: new Blob([MUTATION]) });
    expect(response.status).toBe(400);
    expect(h.bank.count("POST", "/cards")).toBe(0);
  });

  it("never runs a mutation from a GET, even a preflighted one", async () => {
    const search = new URLSearchParams({ query: 'mutation($i: CreateCardInput!) { createCard(idempotencyKey: "get", input: $i) { id } }', variables: JSON.stringify({ i: { bank: bankInput() } }) });
    const response = await fetch(`${h.app.url}?${search}`, { headers: { ...(await defaultAuthHeaders()), "apollo-require-preflight": "true" } });
    // Refused in the body (errors answer 200 here for @apollo/gateway's sake; see graphql/plugins.ts), with Allow: POST.
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ errors: [{ message: expect.stringMatching(/only support query operations/), extensions: { code: "BAD_REQUEST" } }] });
    expect(h.bank.count("POST", "/cards")).toBe(0);
  });
});

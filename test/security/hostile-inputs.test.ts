import { startHarness, type Harness } from "../support/app";
import { defaultAuthHeaders } from "../support/auth";
import { sudoInput } from "../support/inputs";

// Issue 9 item 7: each of these was INTERNAL_SERVER_ERROR with an error-level log line and a stack, which any client
// could trigger at will; a bad `_entities` representation nulled the whole batch. Each is now the client's error.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

/** Runs `send` and returns the error-level lines it caused: there must be none. */
async function errorLogsOf<T>(send: () => Promise<T>): Promise<{ result: T; errorLines: string[] }> {
  const before = h.logs.length;
  const result = await send();
  return { result, errorLines: h.logs.slice(before).filter((line) => JSON.parse(line).level >= 50) };
}

const ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id } ... on Customer { id } } }";
const GOOD = { __typename: "Customer", id: "cus_ada" };

describe("_entities representations", () => {
  it.each([
    ["no id", { __typename: "Card" }, "representations.0.id"],
    ["a null id", { __typename: "Card", id: null }, "representations.0.id"],
    ["an object id", { __typename: "Card", id: { $gt: "" } }, "representations.0.id"],
    ["an object Customer id", { __typename: "Customer", id: { a: 1 } }, "representations.0.id"],
    ["a NUL in the id", { __typename: "Card", id: "crd_\u0000x" }, "representations.0.id"],
    ["an unknown __typename", { __typename: "Nope", id: "x" }, "representations.0.__typename"],
    ["__typename __proto__", { __typename: "__proto__", id: "x" }, "representations.0.__typename"],
    ["__typename constructor", { __typename: "constructor", id: "x" }, "representations.0.__typename"],
    ["no __typename", { id: "x" }, "representations.0.__typename"],
    ["a string", "Card:crd_x", "representations.0"],
  ])("%s: null for that representation only, BAD_USER_INPUT at its path, no error log", async (_name, bad, field) => {
    const { result, errorLines } = await errorLogsOf(() => h.gql<{ _entities: unknown[] }>(ENTITIES, { r: [bad, GOOD] }));
    expect(result.body.data).toEqual({ _entities: [null, { id: "cus_ada" }] });
    expect(result.body.errors).toEqual([expect.objectContaining({ path: ["_entities", 0], extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field }) })]);
    expect(errorLines).toEqual([]);
  });

  it("a null representation breaks the [_Any!]! type itself: the request's BAD_USER_INPUT, no error log", async () => {
    const { result, errorLines } = await errorLogsOf(() => h.gql(ENTITIES, { r: [null, GOOD] }));
    expect(result.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(errorLines).toEqual([]);
  });

  it("keeps the good ones of a batch with several bad ones in place", async () => {
    const { body } = await h.gql<{ _entities: unknown[] }>(ENTITIES, { r: [GOOD, "x", { __typename: "Customer", id: "cus_chioma" }, { id: 1 }] });
    expect(body.data!._entities).toEqual([{ id: "cus_ada" }, null, { id: "cus_chioma" }, null]);
    expect(body.errors!.map((e) => e.path)).toEqual([["_entities", 1], ["_entities", 3]]);
  });
});

describe("ids and cursors", () => {
  it.each([
    ["card(id)", 'query($v: ID!) { card(id: $v) { id } }', "crd_\u0000x", "id"],
    ["cards(customerId)", "query($v: ID!) { cards(customerId: $v) { edges { node { id } } } }", "cus_\u0000ada", "customerId"],
    ["cards(customerId) of 10,000 characters", "query($v: ID!) { cards(customerId: $v) { edges { node { id } } } }", "c".repeat(10_000), "customerId"],
  ])("%s with a NUL or an impossible id is BAD_USER_INPUT before any store query", async (_name, query, value, field) => {
    const before = h.sqlStatements();
    const { result, errorLines } = await errorLogsOf(() => h.gql(query, { v: value }));
    expect(result.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(errorLines).toEqual([]);
    expect(h.sqlStatements()).toBe(before);
  });

  it("refuses a NUL in the bank customerId before any provider call", async () => {
    const bankCalls = h.bank.requests.length;
    const input = { bank: { customerId: "cus_\u0000ada", status: "ACTIVE", holderName: "Ada", defaultPin: "4821", expiry: { month: 12, year: 2030 } } };
    const { result, errorLines } = await errorLogsOf(() => h.gql('mutation($i: CreateCardInput!) { createCard(idempotencyKey: "nul-bank", input: $i) { id } }', { i: input }));
    expect(result.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.bank.customerId" });
    expect(errorLines).toEqual([]);
    expect(h.bank.requests.length).toBe(bankCalls);
  });

  it.each(["-010000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "9999999", "2026-13-01T00:00:00.000Z"])(
    "a cursor dated %s is BAD_USER_INPUT",
    async (date) => {
      const after = Buffer.from(`${date}|crd_0abc`).toString("base64url");
      const { result, errorLines } = await errorLogsOf(() => h.gql('query($a: String) { cards(customerId: "cus_ada", after: $a) { edges { node { id } } } }', { a: after }));
      expect(result.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      expect(errorLines).toEqual([]);
    },
  );
});

it("metadata nested 150,000 levels is refused as the client's error, not a stack overflow", async () => {
  const depth = 150_000;
  const input = JSON.stringify({ sudo: sudoInput({ metadata: { deep: "__DEEP__" } as never }) }).replace('"__DEEP__"', `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`);
  const body = `{"query":"mutation($i: CreateCardInput!) { createCard(idempotencyKey: \\"deep-1\\", input: $i) { id } }","variables":{"i":${input}}}`;
  const sudoCalls = h.sudo.requests.length;
  const { result, errorLines } = await errorLogsOf(async () => {
    const response = await fetch(h.app.url, { method: "POST", headers: { "content-type": "application/json", ...(await defaultAuthHeaders()) }, body });
    return { status: response.status, body: (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> } };
  });
  expect(result.status).toBe(400);
  expect(result.body.errors[0]).toMatchObject({ message: expect.stringMatching(/nested more than 64 levels/), extensions: { code: "BAD_USER_INPUT" } });
  expect(errorLines).toEqual([]);
  expect(h.sudo.requests.length).toBe(sudoCalls);
});

import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { print } from "graphql";
import { CardDocument, CreateCardDocument, CustomerCardsDocument, type CreateCardMutation } from "../__generated__/graphql";
import { postGraphQL, startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { bearer, NO_AUTH, TEST_JWT_SECRET, testToken } from "../support/auth";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "../support/inputs";
import { startSubgraphProcess } from "../support/subgraph-process";

const CREATE = print(CreateCardDocument);
const providerCalls = (h: Harness) => h.bank.count("POST", "/cards") + h.sudo.count("POST", "/cards");
const key = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;
const codes = (r: GraphQLResponse) => (r.body.errors ?? []).map((e) => e.extensions?.code);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => {
  h.bank.reset();
  h.sudo.reset();
});

describe("authentication: every request needs a valid bearer JWT", () => {
  async function expectRefused(headers: Record<string, string>, message: RegExp) {
    const before = h.sqlStatements();
    const response = await h.gql(CREATE, { idempotencyKey: key("anon"), input: { bank: bankInput() } }, headers);
    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: "UNAUTHENTICATED" } }]);
    expect(h.sqlStatements()).toBe(before);
    expect(providerCalls(h)).toBe(0);
    return response;
  }

  it("refuses a request without a token with 401, a Bearer challenge and no work done", async () => {
    const response = await fetch(h.app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    await expectRefused(NO_AUTH, /Authentication required/);
  });

  it("refuses another scheme", async () => {
    await expectRefused({ authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }, /must be `Bearer <JWT>`/);
  });

  it("refuses an expired token and never echoes it", async () => {
    const token = await testToken({ expiresIn: -120 });
    const response = await expectRefused({ authorization: `Bearer ${token}` }, /expired/);
    expect(response.text).not.toContain(token);
    expect(h.logs.join("\n")).not.toContain(token);
  });

  it("refuses a token signed with another secret", async () => {
    const token = await new SignJWT({ scope: "cards:read cards:write" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("mallory")
      .setIssuer("cards-subgraph-dev")
      .setAudience("cards-subgraph")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-secret-of-at-least-32-characters"));
    await expectRefused({ authorization: `Bearer ${token}` }, /signature is not valid/);
  });

  it.each([
    ["issuer", { issuer: "someone-else" }, /"iss" claim/],
    ["audience", { audience: "another-subgraph" }, /"aud" claim/],
  ])("refuses a token for another %s", async (_what, options, message) => {
    await expectRefused(await bearer(options), message);
  });

  it("refuses a token without an expiry, and one that is not a JWT", async () => {
    const noExp = await new SignJWT({ scope: "cards:read" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("dev")
      .setIssuer("cards-subgraph-dev")
      .setAudience("cards-subgraph")
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expectRefused({ authorization: `Bearer ${noExp}` }, /"exp" claim/);
    await expectRefused({ authorization: "Bearer not.a.jwt" }, /not a valid JWT/);
  });
});

describe("scopes: cards:write for createCard, cards:read for reads", () => {
  // Customer tokens for the customers the inputs use, so only the scope differs (ownership: test/ownership).
  const customers = [String(bankInput().customerId), SUDO_CUSTOMER];
  const readOnly = () => bearer({ sub: "reader", scopes: ["cards:read"], customers });
  const writeOnly = () => bearer({ sub: "writer", scopes: ["cards:write"], customers });

  async function createdCardId(): Promise<string> {
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key("scoped"), input: { sudo: sudoInput() } });
    return body.data!.createCard.id;
  }

  it("refuses createCard without cards:write before any provider call or store write", async () => {
    const before = h.sqlStatements();
    const response = await h.gql(CREATE, { idempotencyKey: key("ro"), input: { bank: bankInput() } }, await readOnly());
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining("cards:write"), extensions: { code: "FORBIDDEN", requiredScopes: [["cards:write"], ["cards:write:any"]] } }),
    ]);
    expect(providerCalls(h)).toBe(0);
    expect(h.sqlStatements()).toBe(before);
  });

  it("lets a cards:write token create a card and read the card it got back", async () => {
    const response = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: key("wo"), input: { bank: bankInput() } }, await writeOnly());
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.createCard.last4).toMatch(/^\d{4}$/);
  });

  it("refuses card, cards and Customer.cards without cards:read, and allows them with it", async () => {
    const id = await createdCardId();
    const reads: Array<[string, Record<string, unknown>]> = [
      [print(CardDocument), { id }],
      [print(CustomerCardsDocument), { customerId: SUDO_CUSTOMER, first: 5 }],
      ["query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { cards(first: 5) { edges { node { id } } } } } }", { r: [{ __typename: "Customer", id: SUDO_CUSTOMER }] }],
    ];
    for (const [query, variables] of reads) {
      expect(codes(await h.gql(query, variables, await writeOnly()))).toEqual(["FORBIDDEN"]);
      const allowed = await h.gql(query, variables, await readOnly());
      expect(allowed.body.errors).toBeUndefined();
      expect(JSON.stringify(allowed.body.data)).toContain(id);
    }
  });

  it("guards a Card reached through _entities, which no schema field covers", async () => {
    const id = await createdCardId();
    const query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Card { id last4 } } }";
    const denied = await h.gql<{ _entities: unknown[] }>(query, { r: [{ __typename: "Card", id }] }, await writeOnly());
    expect(codes(denied)).toEqual(["FORBIDDEN"]);
    expect(denied.body.data!._entities).toEqual([null]);
    const allowed = await h.gql<{ _entities: Array<{ id: string }> }>(query, { r: [{ __typename: "Card", id }] }, await readOnly());
    expect(allowed.body.data!._entities).toEqual([{ id, last4: expect.stringMatching(/^\d{4}$/) }]);
  });

  it("accepts scopes as an `scp` array too", async () => {
    const token = await new SignJWT({ scp: ["cards:read"], customer_id: SUDO_CUSTOMER })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("array-scopes")
      .setIssuer("cards-subgraph-dev")
      .setAudience("cards-subgraph")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const response = await h.gql(print(CustomerCardsDocument), { customerId: SUDO_CUSTOMER }, { authorization: `Bearer ${token}` });
    expect(response.body.errors).toBeUndefined();
  });
});

describe("idempotency keys belong to the caller", () => {
  it("the same key from two callers makes two cards, and neither sees the other's", async () => {
    const shared = key("shared");
    const alice = await bearer({ sub: "alice" });
    const bob = await bearer({ sub: "bob" });
    const first = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: shared, input: { sudo: sudoInput() } }, alice);
    const second = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: shared, input: { sudo: sudoInput() } }, bob);
    // Another input under the same key is a new request for a third caller, not IDEMPOTENCY_KEY_REUSED.
    const third = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: shared, input: { bank: bankInput() } }, await bearer({ sub: "carol" }));
    const replay = await h.gql<CreateCardMutation>(CREATE, { idempotencyKey: shared, input: { sudo: sudoInput() } }, alice);

    for (const r of [first, second, third, replay]) expect(r.body.errors).toBeUndefined();
    const ids = [first, second, third].map((r) => r.body.data!.createCard.id);
    expect(new Set(ids).size).toBe(3);
    expect(replay.body.data!.createCard.id).toBe(ids[0]);
    expect(h.sudo.count("POST", "/cards")).toBe(2);
    expect(h.bank.count("POST", "/cards")).toBe(1);
  });
});

describe("ROUTER_SECRET", () => {
  let guarded: Harness;
  const ROUTER_SECRET = "router-shared-secret-for-tests";
  beforeAll(async () => {
    guarded = await startHarness({ ROUTER_SECRET });
  });
  afterAll(() => guarded.stop());

  it.each([
    ["missing", {}],
    ["wrong", { "router-authorization": "guess" }],
  ])("refuses a request whose router-authorization header is %s, even with a valid token", async (_case, headers) => {
    const response = await guarded.gql("{ __typename }", {}, headers);
    expect(response.status).toBe(401);
    expect(response.body.errors![0]).toEqual({ message: expect.stringContaining("router-authorization"), extensions: { code: "UNAUTHENTICATED" } });
    expect(response.text).not.toContain(ROUTER_SECRET);
  });

  it("serves a request with the router's secret and a valid token", async () => {
    const response = await guarded.gql("{ __typename }", {}, { "router-authorization": ROUTER_SECRET });
    expect(response.body).toEqual({ data: { __typename: "Query" } });
  });

  it("still needs the bearer token", async () => {
    const response = await guarded.gql("{ __typename }", {}, { "router-authorization": ROUTER_SECRET, ...NO_AUTH });
    expect(response.status).toBe(401);
  });
});

describe("npm start in the sandbox", () => {
  it("prints a customer and a service dev token that work against the running subgraph, each as labelled", async () => {
    const dev = await startSubgraphProcess({ AUTH_JWT_SECRET: "" });
    try {
      await waitFor(() => /service token[^\n]*\n\s*Authorization: Bearer (\S+)/.test(dev.output()));
      const customer = /customer token[^\n]*\n\s*Authorization: Bearer (\S+)/.exec(dev.output())![1];
      const service = /service token[^\n]*\n\s*Authorization: Bearer (\S+)/.exec(dev.output())![1];
      const read = (token: string, customerId: string) => postGraphQL(dev.url, print(CustomerCardsDocument), { customerId }, { authorization: `Bearer ${token}` });
      // The customer token acts for the seeded customers only; the service token for anyone.
      expect((await read(customer, SUDO_CUSTOMER)).body.errors).toBeUndefined();
      expect((await read(customer, "cus_ada")).body.errors).toBeUndefined();
      expect((await read(customer, "cus_someone_else")).body.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN", field: "customerId" } })]);
      expect((await read(service, "cus_someone_else")).body.errors).toBeUndefined();
      expect((await postGraphQL(dev.url, "{ __typename }")).status).toBe(401);
    } finally {
      await dev.stop();
    }
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

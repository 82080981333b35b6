import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import {
  allowed,
  CARD_QUERY,
  CARDS_QUERY,
  CREATE_MUTATION,
  CUSTOMER_A,
  CUSTOMER_B,
  ENTITIES_QUERY,
  inputFor,
  PROVIDER_NAMES,
  TOKENS,
  type ProviderName,
  type TokenKind,
} from "./support";

// Every read path and createCard, both providers, every kind of token: the behaviour a caller sees.

interface IssuedCard {
  id: string;
  owner: "a" | "b";
  provider: ProviderName;
  customerId: string;
}

let h: Harness;
const cards: IssuedCard[] = [];
const UNKNOWN_CARD = "crd_000000000000000000000000";

beforeAll(async () => {
  h = await startHarness();
  // Issued with the harness's default service token, so every test below starts from the same four cards.
  for (const provider of PROVIDER_NAMES) {
    for (const [owner, customer] of [["a", CUSTOMER_A], ["b", CUSTOMER_B]] as const) {
      const { body } = await h.gql<{ createCard: { id: string } }>(CREATE_MUTATION, { k: `own-${provider}-${owner}`, i: inputFor(provider, customer[provider]) });
      expect(body.errors).toBeUndefined();
      cards.push({ id: body.data!.createCard.id, owner, provider, customerId: customer[provider] });
    }
  }
});
afterAll(() => h.stop());

/** Every request either simulator saw (the bank's token calls included). */
const providerCalls = () => h.bank.requests.length + h.sudo.requests.length;

async function during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; calls: number }> {
  const [statements, calls] = [h.sqlStatements(), providerCalls()];
  const result = await fn();
  return { result, statements: h.sqlStatements() - statements, calls: providerCalls() - calls };
}

const codes = (r: GraphQLResponse) => (r.body.errors ?? []).map((e) => e.extensions?.code);

/** The tokens the customer claim governs; `neither` has no claim and no `:any` scope and is tested on its own. */
const CLAIM_TOKENS: TokenKind[] = ["a", "b", "both", "service", "aWithAny"];

describe.each(CLAIM_TOKENS)("a %s token", (kind) => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = await TOKENS[kind]();
  });

  it("card(id): its cards, and null, exactly as for an unknown id and at the same cost, for the others", async () => {
    const unknown = await during(() => h.gql(CARD_QUERY, { id: UNKNOWN_CARD }, auth));
    expect(unknown.result.body).toEqual({ data: { card: null } });
    for (const card of cards) {
      const { result, statements } = await during(() => h.gql<{ card: { id: string; customer: { id: string } } | null }>(CARD_QUERY, { id: card.id }, auth));
      if (allowed(kind, card.owner)) {
        expect(result.body.errors).toBeUndefined();
        expect(result.body.data!.card).toMatchObject({ id: card.id, customer: { id: card.customerId } });
      } else {
        expect(result.text).toBe(unknown.result.text);
        expect(statements).toBe(unknown.statements);
      }
    }
  });

  it("cards(customerId): its customers' cards, FORBIDDEN naming only the argument for any other customer", async () => {
    for (const card of cards) {
      const response = await h.gql<{ cards: { edges: Array<{ node: { id: string } }> } }>(CARDS_QUERY, { c: card.customerId }, auth);
      if (allowed(kind, card.owner)) {
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data!.cards.edges.map((e) => e.node.id)).toContain(card.id);
      } else {
        expect(response.body.data).toBeNull();
        expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN", field: "customerId" } })]);
        expect(response.text).not.toContain(card.customerId);
        expect(response.text).not.toContain(card.id);
      }
    }
  });

  it("cards(customerId) of a customer nobody has cards for answers as for a customer with cards", async () => {
    const response = await h.gql(CARDS_QUERY, { c: "cus_nobody" }, auth);
    if (kind === "service") expect(response.body).toEqual({ data: { cards: { edges: [] } } });
    else expect(codes(response)).toEqual(["FORBIDDEN"]);
  });

  it("_entities Card: a batch mixing A's and B's cards resolves what it may see and nulls the rest, without an error", async () => {
    const representations = [...cards.map((c) => ({ __typename: "Card", id: c.id })), { __typename: "Card", id: UNKNOWN_CARD }];
    const response = await h.gql<{ _entities: Array<{ id: string } | null> }>(ENTITIES_QUERY, { r: representations }, auth);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities).toEqual([...cards.map((c) => (allowed(kind, c.owner) ? expect.objectContaining({ id: c.id }) : null)), null]);
  });

  it("_entities Customer and Customer.cards: its customers with their cards, null for the others", async () => {
    const representations = cards.map((c) => ({ __typename: "Customer", id: c.customerId }));
    type Listed = { id: string; cards: { edges: Array<{ node: { id: string; customer: { id: string } } }> } };
    const response = await h.gql<{ _entities: Array<Listed | null> }>(ENTITIES_QUERY, { r: representations }, auth);
    expect(response.body.errors).toBeUndefined();
    response.body.data!._entities.forEach((entity, i) => {
      const card = cards[i];
      if (!allowed(kind, card.owner)) return expect(entity).toBeNull();
      expect(entity!.id).toBe(card.customerId);
      expect(entity!.cards.edges.map((e) => e.node.id)).toContain(card.id);
      expect(new Set(entity!.cards.edges.map((e) => e.node.customer.id))).toEqual(new Set([card.customerId]));
    });
  });

  it("card.customer.cards lists only that customer's cards", async () => {
    for (const card of cards.filter((c) => allowed(kind, c.owner))) {
      const response = await h.gql<{ card: { customer: { cards: { edges: Array<{ node: { id: string; customer: { id: string } } }> } } } }>(
        "query($id: ID!) { card(id: $id) { customer { cards(first: 50) { edges { node { id customer { id } } } } } } }",
        { id: card.id },
        auth,
      );
      expect(response.body.errors).toBeUndefined();
      const listed = response.body.data!.card.customer.cards.edges.map((e) => e.node);
      expect(listed.map((c) => c.id)).toContain(card.id);
      expect(new Set(listed.map((c) => c.customer.id))).toEqual(new Set([card.customerId]));
    }
  });

  it.each(PROVIDER_NAMES)("createCard with %s: for its customers only; another's is FORBIDDEN before any store write or provider call", async (provider) => {
    for (const [owner, customer] of [["a", CUSTOMER_A], ["b", CUSTOMER_B]] as const) {
      const field = `input.${provider}.customerId`;
      const { result, statements, calls } = await during(() =>
        h.gql<{ createCard: { id: string; customer: { id: string } } }>(CREATE_MUTATION, { k: `create-${kind}-${provider}-${owner}`, i: inputFor(provider, customer[provider]) }, auth),
      );
      if (allowed(kind, owner)) {
        expect(result.body.errors).toBeUndefined();
        expect(result.body.data!.createCard.customer.id).toBe(customer[provider]);
        expect(calls).toBeGreaterThan(0);
      } else {
        expect(result.body.data).toBeNull();
        expect(result.body.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN", field } })]);
        expect([statements, calls]).toEqual([0, 0]);
      }
    }
  });
});

describe("a token with neither a customer claim nor an :any scope gets nothing", () => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = await TOKENS.neither();
  });

  it("is FORBIDDEN on every root field, before any SQL or provider call", async () => {
    const requests: Array<[string, Record<string, unknown>]> = [
      [CARD_QUERY, { id: cards[0].id }],
      [CARDS_QUERY, { c: CUSTOMER_A.bank }],
      [CREATE_MUTATION, { k: "neither-1", i: inputFor("sudo", CUSTOMER_A.sudo) }],
    ];
    for (const [query, variables] of requests) {
      const { result, statements, calls } = await during(() => h.gql(query, variables, auth));
      // A nullable root field (card) is null; a non-null one nulls `data`.
      expect(Object.values(result.body.data ?? {})).toEqual(Object.values(result.body.data ?? {}).map(() => null));
      expect(result.body.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN", requiredScopes: expect.any(Array) } })]);
      expect([statements, calls]).toEqual([0, 0]);
    }
  });

  it("resolves every _entities representation to null", async () => {
    const representations = [...cards.map((c) => ({ __typename: "Card", id: c.id })), ...cards.map((c) => ({ __typename: "Customer", id: c.customerId }))];
    const response = await h.gql<{ _entities: unknown[] }>(ENTITIES_QUERY, { r: representations }, auth);
    expect(response.body.data!._entities).toEqual(representations.map(() => null));
    expect(new Set(codes(response))).toEqual(new Set(["FORBIDDEN"]));
    for (const card of cards) expect(response.text).not.toContain(card.id);
  });

  it("an empty customer claim is a customer token for nobody", async () => {
    const empty = await bearer({ sub: "empty", customers: [] });
    expect((await h.gql(CARD_QUERY, { id: cards[0].id }, empty)).body).toEqual({ data: { card: null } });
    expect(codes(await h.gql(CARDS_QUERY, { c: CUSTOMER_A.bank }, empty))).toEqual(["FORBIDDEN"]);
  });
});

describe("idempotency keys stay the caller's", () => {
  it("two customers' tokens with the same key get their own cards", async () => {
    const [a, b] = await Promise.all([TOKENS.a(), TOKENS.b()]);
    const first = await h.gql<{ createCard: { id: string } }>(CREATE_MUTATION, { k: "shared-key", i: inputFor("sudo", CUSTOMER_A.sudo) }, a);
    const second = await h.gql<{ createCard: { id: string } }>(CREATE_MUTATION, { k: "shared-key", i: inputFor("sudo", CUSTOMER_B.sudo) }, b);
    expect(first.body.data!.createCard.id).not.toBe(second.body.data!.createCard.id);
  });
});

describe("the customer claim", () => {
  it.each([
    ["a number", 42],
    ["an array with a number", ["cus_ada", 7]],
    ["an empty string", ""],
    ["an object", { id: "cus_ada" }],
    ["more than 100 ids", Array.from({ length: 101 }, (_, i) => `cus_${i}`)],
  ])("refuses a token whose claim is %s (401, not silently another access)", async (_case, value) => {
    const auth = await bearer({ sub: "odd", customers: value as unknown as string[] });
    const response = await h.gql(CARD_QUERY, { id: cards[0].id }, auth);
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(["UNAUTHENTICATED"]);
  });
});

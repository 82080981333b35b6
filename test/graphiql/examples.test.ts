import { Kind, parse, print, validate } from "graphql";
import { readGraphiQLEnabled } from "../../src/graphiql";
import { BANK_CARD_EXAMPLE, BANK_CONSENT_EXAMPLE, BANK_CONSENT_STATUS_EXAMPLE, CARD_EXAMPLES, CARD_LIFECYCLE_EXAMPLE, CUSTOMER_CARDS_EXAMPLE, SUDO_CARD_EXAMPLE } from "../../src/graphiql/examples";
import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { EnvReader } from "../../src/env";
import { createLogger } from "../../src/logger";
import { buildCardsSubgraph } from "../../src/schema/build";
import { startHarness, type Harness } from "../support/app";
import { storeEngine } from "../support/store";
import { bearer } from "../support/auth";

type Card = { id: string; provider: string; last4: string; customer: { id: string } };

describe("the GraphiQL examples", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it("are valid operations of the current schema", () => {
    const { schema } = buildCardsSubgraph();
    for (const { query } of CARD_EXAMPLES) expect(validate(schema, parse(query))).toEqual([]);
  });

  it("start a bank consent and follow it (the harness approved cus_ada on the bank's page, so it is the approved one)", async () => {
    const started = await h.gql<{ startBankConsent: { id: string; status: string; customerId: string } }>(BANK_CONSENT_EXAMPLE.query, BANK_CONSENT_EXAMPLE.variables);
    expect(started.body.errors).toBeUndefined();
    expect(started.body.data!.startBankConsent).toMatchObject({ customerId: "cus_ada", status: "APPROVED" });
    const status = await h.gql<{ bankConsent: { status: string } }>(BANK_CONSENT_STATUS_EXAMPLE.query, { id: started.body.data!.startBankConsent.id });
    expect(status.body.data!.bankConsent).toMatchObject({ status: "APPROVED" });
  });

  it("issue a bank card, replayed with the same key as the comment promises", async () => {
    const first = await h.gql<{ createCard: Card }>(BANK_CARD_EXAMPLE.query, BANK_CARD_EXAMPLE.variables);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.createCard).toMatchObject({ id: expect.stringMatching(/^crd_/), provider: "BANK", customer: { id: "cus_ada" } });
    const again = await h.gql<{ createCard: Card }>(BANK_CARD_EXAMPLE.query, BANK_CARD_EXAMPLE.variables);
    expect(again.body.data!.createCard.id).toBe(first.body.data!.createCard.id);
  });

  it("issue a Sudo card", async () => {
    const res = await h.gql<{ createCard: Card & { metadata: Record<string, unknown> } }>(SUDO_CARD_EXAMPLE.query, SUDO_CARD_EXAMPLE.variables);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createCard).toMatchObject({ provider: "SUDO", brand: "VERVE", metadata: { orderRef: "A-1001" } });
  });

  it("list the bank card for its customer", async () => {
    const res = await h.gql<{ cards: { edges: Array<{ node: Card }> } }>(CUSTOMER_CARDS_EXAMPLE.query, CUSTOMER_CARDS_EXAMPLE.variables);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.cards.edges.map(({ node }) => node.provider)).toEqual(["BANK"]);
  });

  it("take a Sudo card through its life, each operation as the tab runs it, with the customer dev token's scopes", async () => {
    const owner = await bearer({ sub: "graphiql", customers: ["64b0c0ffee0000000000c001"], scopes: ["cards:read", "cards:write", "cards:reveal"] });
    const issued = await h.gql<{ createCard: Card }>(SUDO_CARD_EXAMPLE.query, { ...SUDO_CARD_EXAMPLE.variables, idempotencyKey: "graphiql-lifecycle" }, owner);
    const variables = { ...CARD_LIFECYCLE_EXAMPLE.variables, id: issued.body.data!.createCard.id };
    const document = parse(CARD_LIFECYCLE_EXAMPLE.query);
    const results: Record<string, Record<string, unknown>> = {};
    for (const operation of document.definitions) {
      if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
      const res = await h.gql<Record<string, unknown>>(print(operation), variables, owner);
      expect(res.body.errors).toBeUndefined();
      results[operation.name!.value] = res.body.data!;
    }
    expect(results.CardHistory).toMatchObject({ card: { status: "ACTIVE", capabilities: expect.arrayContaining(["FREEZE", "REVEAL"]) } });
    expect(results.FreezeCard).toEqual({ freezeCard: { id: variables.id, status: "INACTIVE" } });
    expect(results.UpdateCardControls).toMatchObject({ updateCardControls: { status: "ACTIVE", metadata: { note: "budget cut" } } });
    expect(results.RevealCard).toMatchObject({ cardRevealToken: { vaultId: "we0dsa28s" } });
    expect(results.CancelCard).toEqual({ cancelCard: { id: variables.id, status: "CANCELED" } });
  });

  it("are what a browser gets on GET /, and a client asking for JSON still gets GraphQL's answer", async () => {
    const page = await fetch(h.app.url, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("CreateBankCard");
    const api = await fetch(h.app.url, { headers: { accept: "application/json" } });
    expect(api.headers.get("content-type")).not.toContain("text/html");
  });

  it("are not served with GRAPHIQL=false: GET / is left to GraphQL and the GraphiQL files are not found", async () => {
    const html = await (await fetch(h.app.url, { headers: { accept: "text/html" } })).text();
    const script = /src="(\/graphiql\/[^"]+)"/.exec(html)![1];
    expect((await fetch(new URL(script, h.app.url))).status).toBe(200);
    // A second app on the harness's store: opening another store would cost seconds.
    const off = await startApp(loadConfig({ PORT: "0", GRAPHIQL: "false" }), { logger: createLogger("silent"), store: { store: h.app.store, engine: storeEngine } });
    try {
      const page = await fetch(off.url, { headers: { accept: "text/html" } });
      expect(await page.text()).not.toContain("graphiql-config");
      expect((await fetch(new URL(script, off.url))).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});

describe("GRAPHIQL", () => {
  const enabled = (env: Record<string, string>, production: boolean) => {
    const read = new EnvReader(env);
    return { value: readGraphiQLEnabled(read, production), problems: read.problems };
  };

  it("is on by default outside production only, and can be set either way", () => {
    expect(enabled({}, false)).toEqual({ value: true, problems: [] });
    expect(enabled({}, true)).toEqual({ value: false, problems: [] });
    expect(enabled({ GRAPHIQL: "false" }, false).value).toBe(false);
    expect(enabled({ GRAPHIQL: "true" }, true).value).toBe(true);
    expect(enabled({ GRAPHIQL: "yes" }, false).problems).toEqual(['GRAPHIQL must be one of true, false, got "yes"']);
  });
});

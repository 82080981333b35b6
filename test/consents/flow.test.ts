import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import { answerConsentPage, CONSENT_FIELDS, eventually, readConsent, settledConsent, startConsent, type ConsentJson } from "../support/bank-consent";
import { bankInput } from "../support/inputs";

// Bank consent end to end, as a frontend and a customer live it: startBankConsent through GraphQL, the customer types
// the code on the bank simulator's page, the subgraph's poller notices, createCard works. Nothing is pre-approved.

const [CONN, OTHER_CONN] = ["CONN0987654321", "CONN1234567890"];
let h: Harness;

beforeAll(async () => {
  // Token lifetime 4 s: refresh (at half the lifetime) happens within a test. Device codes live 8 s: expiry too.
  h = await startHarness({}, { consents: false, bank: { tokenTtlSeconds: 4, deviceCodeTtlSeconds: 8 } });
});
afterAll(() => h?.stop());

const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => h.gql(query, variables, headers);
const createCard = (customerId: string, connectionId?: string, key = randomUUID()) =>
  h.run(CreateCardDocument, { idempotencyKey: key, input: { bank: bankInput({ customerId, holderName: "Card Holder", connectionId }) } });
const tokenPosts = () => h.bank.requests.filter((r) => r.method === "POST" && r.path === h.bank.wire.tokenPath).length;
const cardPosts = () => h.bank.count("POST", "/cards");

async function approve(consent: ConsentJson, as = consent.customerId): Promise<ConsentJson> {
  expect((await answerConsentPage(consent.verificationUri!, consent.userCode!, as, "approve")).status).toBe(200);
  return settledConsent(gql, consent.id, 30_000);
}

describe("bank consent through GraphQL", () => {
  it("createCard without consent is BANK_CONSENT_REQUIRED before any bank call; after approval on the page the same key issues the card", async () => {
    const key = randomUUID();
    const posts = cardPosts();
    const refused = await createCard("cus_ada", undefined, key);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: "BANK_CONSENT_REQUIRED", customerId: "cus_ada", connectionId: CONN });
    expect(cardPosts()).toBe(posts);

    const started = await startConsent(gql, "cus_ada");
    expect(started).toMatchObject({
      customerId: "cus_ada",
      connectionId: CONN,
      status: "PENDING",
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: h.bank.consentPageUrl,
      consentMessage: expect.stringContaining(started.userCode!),
      scope: h.bank.wire.scopes,
      pollIntervalSeconds: 0.05,
      approvedAt: null,
    });
    expect(started.verificationUriComplete).toContain(encodeURIComponent(started.userCode!));
    // Starting again while pending returns the same request: the customer is never shown two codes.
    expect((await startConsent(gql, "cus_ada")).id).toBe(started.id);

    const approved = await approve(started);
    expect(approved).toMatchObject({ id: started.id, status: "APPROVED", approvedAt: expect.any(String) });
    expect((await startConsent(gql, "cus_ada")).id).toBe(started.id);

    const issued = await createCard("cus_ada", undefined, key);
    expect(issued.body.errors).toBeUndefined();
    expect(issued.body.data?.createCard).toMatchObject({ provider: "BANK", customer: { id: "cus_ada" } });
    expect(h.bank.cards().filter((c) => c.customer_id === "cus_ada")).toHaveLength(1);
  });

  it("deny on the page → DENIED, and cards stay refused", async () => {
    const started = await startConsent(gql, "cus_bayo");
    await answerConsentPage(started.verificationUri!, started.userCode!, "cus_bayo", "deny");
    expect(await settledConsent(gql, started.id)).toMatchObject({ status: "DENIED" });
    expect((await createCard("cus_bayo")).body.errors?.[0].extensions?.code).toBe("BANK_CONSENT_REQUIRED");
  });

  it("nobody answers → EXPIRED once the bank's device code expires; a new start is a new request", async () => {
    const started = await startConsent(gql, "cus_chioma", OTHER_CONN);
    expect(await settledConsent(gql, started.id, 30_000)).toMatchObject({ status: "EXPIRED" });
    const again = await startConsent(gql, "cus_chioma", OTHER_CONN);
    expect(again.id).not.toBe(started.id);
    expect(again.status).toBe("PENDING");
    expect(await approve(again)).toMatchObject({ status: "APPROVED" });
  });

  it("revokeBankConsent → REVOKED, the bank is told (RFC 7009), and the next createCard is BANK_CONSENT_REQUIRED", async () => {
    const consent = await approve(await startConsent(gql, "cus_bayo", OTHER_CONN));
    expect((await createCard("cus_bayo", OTHER_CONN)).body.errors).toBeUndefined();
    const revokes = h.bank.count("POST", "/oauth2/revoke");
    const { body } = await gql(`mutation($id: ID!) { revokeBankConsent(id: $id) { ${CONSENT_FIELDS} } }`, { id: consent.id });
    expect(body.data?.revokeBankConsent).toMatchObject({ id: consent.id, status: "REVOKED" });
    expect(h.bank.count("POST", "/oauth2/revoke")).toBe(revokes + 1);
    const posts = cardPosts();
    expect((await createCard("cus_bayo", OTHER_CONN)).body.errors?.[0].extensions).toMatchObject({ code: "BANK_CONSENT_REQUIRED", connectionId: OTHER_CONN });
    expect(cardPosts()).toBe(posts);
    // Revoking again changes nothing.
    const again = await gql(`mutation($id: ID!) { revokeBankConsent(id: $id) { status } }`, { id: consent.id });
    expect(again.body.data?.revokeBankConsent).toEqual({ status: "REVOKED" });
    expect(h.bank.count("POST", "/oauth2/revoke")).toBe(revokes + 1);
  });

  it("honours slow_down: the interval grows by the step and the bank never has to say it twice", async () => {
    const started = await startConsent(gql, "cus_chioma");
    await eventually(async () => (h.bank.devicePolls().some((p) => p.userCode === started.userCode) ? true : undefined), "a first poll");
    h.bank.requireSlowerPolling();
    await eventually(async () => ((await readConsent(gql, started.id))!.pollIntervalSeconds > 0.05 ? true : undefined), "the longer interval");
    expect((await readConsent(gql, started.id))!.pollIntervalSeconds).toBeCloseTo(0.15, 5);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await approve(started)).toMatchObject({ status: "APPROVED" });
    const polls = h.bank.devicePolls().filter((p) => p.userCode === started.userCode);
    // The bank's strict pacing would answer slow_down again to any poll sooner than 150 ms after the last.
    expect(polls.filter((p) => p.answer === "slow_down")).toHaveLength(1);
    expect(polls.at(-1)!.answer).toBe("approved");
  });

  it("a token refused by the bank (consent withdrawn at the bank) is renewed once, then dropped: REVOKED and BANK_CONSENT_REQUIRED, no loop", async () => {
    await approve(await startConsent(gql, "cus_ada", OTHER_CONN));
    expect((await createCard("cus_ada", OTHER_CONN)).body.errors).toBeUndefined();
    h.bank.revokeConsentsOf("cus_ada");
    const [tokens, posts] = [tokenPosts(), cardPosts()];
    const refused = await createCard("cus_ada", OTHER_CONN);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: "BANK_CONSENT_REQUIRED", customerId: "cus_ada", connectionId: OTHER_CONN });
    expect(cardPosts() - posts).toBe(1);
    expect(tokenPosts() - tokens).toBe(1);
    const { body } = await gql(`query($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { bankConsents { connectionId status } } } }`, { id: "cus_ada" });
    const consents = (body.data?._entities as Array<{ bankConsents: Array<{ connectionId: string; status: string }> }>)[0].bankConsents;
    expect(consents.find((c) => c.connectionId === OTHER_CONN)?.status).toBe("REVOKED");
    // Asking again gets the customer back.
    expect(await approve(await startConsent(gql, "cus_ada", OTHER_CONN))).toMatchObject({ status: "APPROVED" });
    expect((await createCard("cus_ada", OTHER_CONN)).body.errors).toBeUndefined();
  });

  it("renews the access token with the refresh token before it expires", async () => {
    await approve(await startConsent(gql, "cus_bayo", CONN));
    // The token lives 4 s and is renewed from half its lifetime on.
    expect((await createCard("cus_bayo", CONN)).body.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const [tokens, seen] = [tokenPosts(), h.bank.requests.length];
    expect((await createCard("cus_bayo", CONN)).body.errors).toBeUndefined();
    expect(tokenPosts() - tokens).toBe(1);
    // Renewed before use: the bank never had to refuse an expired token.
    expect(h.bank.requests.slice(seen).filter((r) => r.status === 401)).toHaveLength(0);
  });

  it("refuses a card the bank attributes to someone else than the consenting customer (someone else signed in at the bank)", async () => {
    // Our customer cus_dele's request; at the bank, Bayo signs in and approves it.
    const consent = await startConsent(gql, "cus_dele", OTHER_CONN);
    expect(await approve(consent, "cus_bayo")).toMatchObject({ status: "APPROVED" });
    const { body } = await createCard("cus_dele", OTHER_CONN);
    expect(body.errors?.[0].extensions).toMatchObject({ code: "PROVIDER_REJECTED", providerCode: "CUSTOMER_MISMATCH" });
    expect(body.data).toBeNull();
  });

  it("keeps every token and device code out of the store and the logs in clear", async () => {
    const secrets = h.bank.issuedTokens();
    expect(secrets.length).toBeGreaterThan(4);
    const rows = await sql<{ row: string }>`select row_to_json(c)::text as row from bank_consents c`.execute(h.app.store.db);
    const dump = rows.rows.map((r) => r.row).join("\n") + h.logs.join("\n");
    for (const secret of secrets) expect(dump).not.toContain(secret);
    // Device codes are secrets too (whoever has one can collect the tokens): the stored ones are sealed.
    expect(rows.rows.every((r) => !/"sealed_device_code":"(?!v1\.)/.test(r.row))).toBe(true);
  });
});

describe("bank consent: who may do what (same rules as cards)", () => {
  const adaToken = () => bearer({ customers: ["cus_ada"] });

  it("a customer token starts and reads consents only for its own customers; others read as null, like unknown ids", async () => {
    const own = await gql(`mutation { startBankConsent(customerId: "cus_ada") { id customerId } }`, {}, await adaToken());
    expect(own.body.data?.startBankConsent).toMatchObject({ customerId: "cus_ada" });
    const other = await gql(`mutation { startBankConsent(customerId: "cus_bayo") { id } }`, {}, await adaToken());
    expect(other.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "customerId" });

    const bayos = await startConsent(gql, "cus_zed", CONN);
    const read = await gql(`query($id: ID!) { bankConsent(id: $id) { id } }`, { id: bayos.id }, await adaToken());
    expect(read.body).toEqual({ data: { bankConsent: null } });
    const unknown = await gql(`query { bankConsent(id: "bcn_nope") { id } }`);
    expect(unknown.body).toEqual({ data: { bankConsent: null } });
    const revoke = await gql(`mutation($id: ID!) { revokeBankConsent(id: $id) { id } }`, { id: bayos.id }, await adaToken());
    expect(revoke.body).toEqual({ data: { revokeBankConsent: null } });
    expect((await readConsent(gql, bayos.id))?.status).toBe("PENDING");
  });

  it("a read-only token may follow a consent but not start or revoke one", async () => {
    const readOnly = await bearer({ scopes: ["cards:read:any"] });
    const start = await gql(`mutation { startBankConsent(customerId: "cus_ada") { id } }`, {}, readOnly);
    expect(start.body.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it.each([
    ["an unknown connection", { c: "cus_ada", k: "CONN-NOPE" }, "connectionId"],
    ["an empty customer id", { c: " ", k: null }, "customerId"],
    ["a customer id with a control character", { c: "cus\u0000ada", k: null }, "customerId"],
    ["an over-long customer id", { c: "c".repeat(256), k: null }, "customerId"],
  ])("refuses %s with BAD_USER_INPUT naming the field, before asking the bank", async (_label, variables, field) => {
    const asked = h.bank.count("POST", "/oauth2/device/code");
    const { status, body } = await gql(`mutation($c: ID!, $k: String) { startBankConsent(customerId: $c, connectionId: $k) { id } }`, variables);
    expect(status).toBe(200);
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(h.bank.count("POST", "/oauth2/device/code")).toBe(asked);
  });
});

import { sql } from "kysely";
import { CardEventsDocument, CardRevealTokenDocument, CreateCardDocument } from "../__generated__/graphql";
import { findLeaks, SecretSet } from "../security/leak-scan";
import { startHarness, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "../support/inputs";

// cardRevealToken: only the card's owner, only with cards:reveal, rate limited per caller, audited, never kept.

let h: Harness;
let keyNo = 0;
const key = () => `rv-${process.pid}-${++keyNo}`;
const OWNER = { customers: [SUDO_CUSTOMER, "cus_ada"], scopes: ["cards:read", "cards:write", "cards:reveal"] };
const handedOut = new SecretSet();
let issued = 0;
const keep = (token: string) => (issued++, handedOut.add("reveal token", token));

beforeAll(async () => {
  // A small allowance so the limit is reached within the test; the default is 10 a minute.
  h = await startHarness({ REVEAL_RATE_LIMIT_PER_MINUTE: "6" });
});
afterAll(() => h.stop());

async function sudoCard(): Promise<{ id: string; providerCardId: string }> {
  const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } }, await bearer({ sub: "issuer", customers: [SUDO_CUSTOMER] }));
  return body.data!.createCard;
}

describe("cardRevealToken", () => {
  it("gives the owner with cards:reveal a Secure Proxy token for the card, and records that it did", async () => {
    const card = await sudoCard();
    const owner = await bearer({ sub: "owner-1", ...OWNER });
    const { body } = await h.run(CardRevealTokenDocument, { id: card.id }, owner);
    expect(body.errors).toBeUndefined();
    const revealed = body.data!.cardRevealToken;
    keep(revealed.token);
    expect(revealed).toMatchObject({ cardId: card.id, providerCardId: card.providerCardId, vaultId: "we0dsa28s" });
    const claims = JSON.parse(Buffer.from(revealed.token.split(".")[1], "base64url").toString("utf8"));
    expect(claims).toMatchObject({ _id: card.providerCardId, type: "CARDTOKEN" });
    expect(new Date(revealed.expiresAt).getTime()).toBe(claims.exp * 1000);
    const events = await h.run(CardEventsDocument, { id: card.id }, owner);
    const last = events.body.data!.card!.events.edges[0].node;
    expect(last).toMatchObject({ kind: "REVEAL_TOKEN_ISSUED", actor: expect.stringMatching(/\|owner-1$/), statusBefore: "ACTIVE", statusAfter: "ACTIVE" });
    expect(JSON.stringify(last)).not.toContain(revealed.token);
  });

  it("refuses a customer token without cards:reveal, and any service token, before looking at the card", async () => {
    const card = await sudoCard();
    const before = h.sudo.requests.length;
    for (const token of [
      await bearer({ sub: "owner-2", customers: [SUDO_CUSTOMER] }),
      await bearer({ sub: "svc", scopes: ["cards:read:any", "cards:write:any", "cards:reveal"] }),
    ]) {
      const { body } = await h.run(CardRevealTokenDocument, { id: card.id }, token);
      expect(body.data).toBeNull();
      expect(body.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", requiredScopes: [["cards:reveal"]] });
    }
    expect(h.sudo.requests.length).toBe(before);
  });

  it("answers another customer's card exactly like an unknown id", async () => {
    const card = await sudoCard();
    const other = await bearer({ sub: "other", customers: ["64b0c0ffee0000000000c0ff"], scopes: ["cards:reveal"] });
    const theirs = await h.run(CardRevealTokenDocument, { id: card.id }, other);
    const unknown = await h.run(CardRevealTokenDocument, { id: "crd_nothere000000000000" }, other);
    expect(theirs.body.errors).toEqual(unknown.body.errors);
    expect(theirs.body.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("answers UNSUPPORTED_BY_PROVIDER for a bank card", async () => {
    const created = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } }, await bearer({ customers: ["cus_ada"] }));
    const { body } = await h.run(CardRevealTokenDocument, { id: created.body.data!.createCard.id }, await bearer({ sub: "owner-3", ...OWNER }));
    expect(body.errors![0].extensions).toMatchObject({ code: "UNSUPPORTED_BY_PROVIDER", provider: "BANK" });
  });

  it("limits each caller on its own: the third reveal in a burst is RATE_LIMITED, another caller is not", async () => {
    const card = await sudoCard();
    const busy = await bearer({ sub: "busy", ...OWNER });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await h.run(CardRevealTokenDocument, { id: card.id }, busy)).body);
    for (const answer of answers) if (answer.data) keep(answer.data.cardRevealToken.token);
    expect(answers.slice(0, 2).every((a) => a.data?.cardRevealToken.token)).toBe(true);
    expect(answers[2].errors![0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    const calm = await h.run(CardRevealTokenDocument, { id: card.id }, await bearer({ sub: "calm", ...OWNER }));
    expect(calm.body.data!.cardRevealToken.token).toEqual(expect.any(String));
    keep(calm.body.data!.cardRevealToken.token);
  });

  it("never logged or stored a token it handed out", async () => {
    // Tokens for one card minted in the same second are equal, so the set may hold fewer than were issued.
    expect(issued).toBeGreaterThanOrEqual(4);
    expect(handedOut.long.size).toBeGreaterThanOrEqual(2);
    const tables = ["cards", "card_attempts", "card_events", "card_sync", "card_operations", "provider_events"];
    const rows = await Promise.all(tables.map((table) => sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(h.app.store.db)));
    const stored = rows.flatMap((result) => result.rows.map((row) => JSON.stringify(row)));
    expect(stored.some((row) => row.includes("REVEAL_TOKEN_ISSUED"))).toBe(true);
    expect(findLeaks([...h.logs, ...stored], handedOut)).toEqual([]);
  });
});

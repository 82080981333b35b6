import { ISSUANCE_FEES, SEED_FUNDING_SOURCES, startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { call, CUSTOMER, EMPTY_NGN_ACCOUNT, NGN_ACCOUNT, physicalCard, UNKNOWN_ID, USD_ACCOUNT, virtualCard } from "./sudo-client";
import { isLuhnValid } from "../../src/luhn";

let sb: SudoSandbox;

beforeAll(async () => {
  sb = await startSudoSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

const OBJECT_ID = /^[0-9a-f]{24}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const balanceOf = (id: string) => sb.accounts.find((a) => a._id === id)?.balance;

describe("POST /cards success", () => {
  it("answers 200 with Sudo's envelope and a populated card", async () => {
    const res = await call(sb, "POST", "/cards", virtualCard({ metadata: { requestId: "req-1", nested: { tags: ["a"] } } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, message: "Card created successfully." });
    const card = res.body.data;
    expect(card).toMatchObject({
      _id: expect.stringMatching(OBJECT_ID),
      business: expect.stringMatching(OBJECT_ID),
      customer: { _id: CUSTOMER, name: sb.customers[0].name },
      account: { _id: expect.stringMatching(OBJECT_ID), type: "wallet", currency: "NGN", accountNumber: expect.stringMatching(/^\d{10}$/) },
      fundingSource: { _id: SEED_FUNDING_SOURCES[0]._id, type: "default", isDefault: true },
      type: "virtual",
      brand: "Verve",
      currency: "NGN",
      status: "active",
      maskedPan: expect.stringMatching(/^506\d{3}\*{6}\d{4}$/),
      last4: expect.stringMatching(/^\d{4}$/),
      expiryMonth: expect.stringMatching(/^(0[1-9]|1[0-2])$/),
      expiryYear: String(new Date().getUTCFullYear() + 3),
      metadata: { requestId: "req-1", nested: { tags: ["a"] } },
      isDeleted: false,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      __v: 0,
    });
    expect(card.maskedPan.endsWith(card.last4)).toBe(true);
  });

  it("keeps PAN, CVV2 and PIN in the vault and out of the response", async () => {
    const res = await call(sb, "POST", "/cards", virtualCard());
    const [stored] = sb.cards();
    expect(stored.pan).toMatch(/^506\d{13}$/);
    expect(isLuhnValid(stored.pan)).toBe(true);
    expect(stored.cvv2).toMatch(/^\d{3}$/);
    expect(stored.pin).toMatch(/^\d{4}$/);
    expect(res.text).not.toContain(stored.pan);
    expect(res.text).not.toMatch(/"(pan|cvv2|cvv|pin|defaultPin|number)"/);
    const fetched = await call(sb, "GET", `/cards/${stored._id}`);
    expect(fetched.text).not.toContain(stored.pan);
    expect(fetched.text).not.toMatch(/"(pan|cvv2|cvv|pin|defaultPin|number)"/);
  });

  it.each([
    ["Verve", /^506/],
    ["Visa", /^4/],
    ["MasterCard", /^5[1-5]/],
    ["AfriGo", /^564/],
  ])("generates Luhn-valid %s PANs on the brand's BIN", async (brand, bin) => {
    const res = await call(sb, "POST", "/cards", virtualCard({ brand, amount: 5 }));
    expect(res.status).toBe(200);
    const [stored] = sb.cards();
    expect(stored.pan).toMatch(bin);
    expect(isLuhnValid(stored.pan)).toBe(true);
    expect(res.body.data.maskedPan).toBe(`${stored.pan.slice(0, 6)}******${stored.pan.slice(-4)}`);
  });

  it("applies the documented NGN default spending controls, each with an _id", async () => {
    const { body } = await call(sb, "POST", "/cards", virtualCard());
    const controls = body.data.spendingControls;
    expect(controls._id).toMatch(OBJECT_ID);
    expect(controls.channels).toEqual({ _id: expect.stringMatching(OBJECT_ID), atm: true, pos: true, web: true, mobile: true });
    expect(controls.spendingLimits.map((l: { amount: number; interval: string }) => [l.interval, l.amount])).toEqual([
      ["per_authorization", 20_000],
      ["per_authorization", 500_000],
      ["daily", 150_000],
      ["daily", 500_000],
    ]);
    expect(controls.spendingLimits.every((l: { _id: string }) => OBJECT_ID.test(l._id))).toBe(true);
  });

  it("stores the spending controls it was given, filling the omitted parts with defaults", async () => {
    const spendingControls = { channels: { atm: false }, blockedCategories: ["7995"], spendingLimits: [{ amount: 1000, interval: "weekly" }] };
    const { body } = await call(sb, "POST", "/cards", virtualCard({ spendingControls }));
    expect(body.data.spendingControls).toMatchObject({
      channels: { atm: false, pos: true, web: true, mobile: true },
      allowedCategories: [],
      blockedCategories: ["7995"],
      spendingLimits: [{ amount: 1000, interval: "weekly", categories: [] }],
    });
  });

  it("parses metadata sent as a JSON string", async () => {
    const { body } = await call(sb, "POST", "/cards", virtualCard({ metadata: JSON.stringify({ requestId: "r-9" }) }));
    expect(body.data.metadata).toEqual({ requestId: "r-9" });
  });

  it("takes a Visa card's expiry from expirationDate", async () => {
    const year = new Date().getUTCFullYear() + 1;
    const { body } = await call(sb, "POST", "/cards", virtualCard({ brand: "Visa", expirationDate: `AUG-${year}` }));
    expect(body.data).toMatchObject({ brand: "Visa", expiryMonth: "08", expiryYear: String(year) });
  });

  it("maps a physical Verve card to the (19-digit) PAN it was given, masking every hidden digit", async () => {
    const res = await call(sb, "POST", "/cards", physicalCard("5061020000000000009"));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ type: "physical", maskedPan: "506102*********0009", last4: "0009" });
    expect(sb.cards()[0].pan).toBe("5061020000000000009");
    expect(res.text).not.toContain("5061020000000000009");
  });

  it("gives a physical Visa (mapped by Card ID) a generated Visa PAN", async () => {
    const res = await call(sb, "POST", "/cards", physicalCard("VISA-CARD-ID-1", { brand: "Visa" }));
    expect(res.status).toBe(200);
    expect(sb.cards()[0].pan).toMatch(/^4\d{15}$/);
  });

  it("debits the virtual-card issuance fee plus the funding amount and credits the card's wallet", async () => {
    const before = balanceOf(NGN_ACCOUNT)!;
    const { body } = await call(sb, "POST", "/cards", virtualCard({ amount: 1000 }));
    expect(balanceOf(NGN_ACCOUNT)).toBe(before - 1000 - ISSUANCE_FEES.NGN);
    expect(body.data.account).toMatchObject({ currentBalance: 1000, availableBalance: 1000 });
  });

  it("charges the fee in the debit account's currency", async () => {
    const before = balanceOf(USD_ACCOUNT)!;
    await call(sb, "POST", "/cards", virtualCard({ brand: "MasterCard", currency: "USD", amount: 10, debitAccountId: USD_ACCOUNT }));
    expect(balanceOf(USD_ACCOUNT)).toBe(before - 10 - ISSUANCE_FEES.USD);
  });

  it("has no idempotency: the same request sent twice creates two cards", async () => {
    const body = virtualCard({ metadata: { requestId: "same" } });
    const first = await call(sb, "POST", "/cards", body);
    const second = await call(sb, "POST", "/cards", body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.data._id).not.toBe(first.body.data._id);
    expect(sb.cards()).toHaveLength(2);
  });

  it("maps the card onto an existing account given bankCode and accountNumber", async () => {
    const target = sb.accounts[0];
    const { body } = await call(sb, "POST", "/cards", virtualCard({ bankCode: target.bankCode, accountNumber: target.accountNumber }));
    expect(body.data.account._id).toBe(target._id);
  });

  it("cancels the card it replaces", async () => {
    const old = await call(sb, "POST", "/cards", virtualCard());
    const res = await call(sb, "POST", "/cards", virtualCard({ replacementFor: old.body.data._id, replacementReason: "stolen" }));
    expect(res.body.data.replacementFor).toBe(old.body.data._id);
    const after = await call(sb, "GET", `/cards/${old.body.data._id}`);
    expect(after.body.data).toMatchObject({ status: "canceled", cancellationReason: "stolen" });
  });
});

describe("POST /cards lookups and business rules", () => {
  it.each([
    ["customerId", { customerId: UNKNOWN_ID }, "Customer not found."],
    ["fundingSourceId", { fundingSourceId: UNKNOWN_ID }, "Funding source not found."],
    ["debitAccountId", { debitAccountId: UNKNOWN_ID }, "Account not found."],
    ["replacementFor", { replacementFor: UNKNOWN_ID, replacementReason: "lost" }, "Card not found."],
    ["programId", { programId: UNKNOWN_ID }, "Card program not found."],
    ["bankCode + accountNumber", { bankCode: "000000", accountNumber: "9999999999" }, "Account not found."],
  ])("answers 404 for an unknown %s", async (_name, overrides, message) => {
    const res = await call(sb, "POST", "/cards", virtualCard(overrides));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message });
    expect(sb.cards()).toHaveLength(0);
  });

  it("answers 409 when a physical number is already mapped", async () => {
    expect((await call(sb, "POST", "/cards", physicalCard("5061020000000000009"))).status).toBe(200);
    const again = await call(sb, "POST", "/cards", physicalCard("5061020000000000009", { customerId: sb.customers[1]._id }));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ statusCode: 409, message: "Card already exists." });
    expect(sb.cards()).toHaveLength(1);
  });

  it("answers 402 when the debit account cannot pay the issuance fee", async () => {
    const res = await call(sb, "POST", "/cards", virtualCard({ debitAccountId: EMPTY_NGN_ACCOUNT }));
    expect(res.status).toBe(402);
    expect(res.body).toEqual({ statusCode: 402, message: "Insufficient balance." });
    expect(sb.cards()).toHaveLength(0);
  });

  it("answers 402 when the balance covers the amount but not the fee, and debits nothing", async () => {
    sb.setBalance(NGN_ACCOUNT, 1000);
    const res = await call(sb, "POST", "/cards", virtualCard({ amount: 1000 }));
    expect(res.status).toBe(402);
    expect(balanceOf(NGN_ACCOUNT)).toBe(1000);
  });

  it("issues when the balance exactly covers amount plus fee", async () => {
    sb.setBalance(NGN_ACCOUNT, 1000 + ISSUANCE_FEES.NGN);
    expect((await call(sb, "POST", "/cards", virtualCard({ amount: 1000 }))).status).toBe(200);
    expect(balanceOf(NGN_ACCOUNT)).toBe(0);
  });

  it("restores seeded balances and forgets cards on reset", async () => {
    await call(sb, "POST", "/cards", virtualCard({ amount: 500 }));
    sb.setBalance(USD_ACCOUNT, 3);
    sb.reset();
    expect(sb.cards()).toHaveLength(0);
    expect(balanceOf(USD_ACCOUNT)).toBe(1_000_000);
    expect(balanceOf(NGN_ACCOUNT)).toBe(100_000_000);
  });

  it("refuses to set the balance of an account it does not have", () => {
    expect(() => sb.setBalance(UNKNOWN_ID, 1)).toThrow(/no account/);
  });
});

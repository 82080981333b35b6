import { SEED_PROGRAMS, startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { call, CUSTOMER, errorAt, failedProperties, NGN_ACCOUNT, physicalCard, USD_ACCOUNT, virtualCard } from "./sudo-client";

let sb: SudoSandbox;

beforeAll(async () => {
  sb = await startSudoSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

const PROGRAM = SEED_PROGRAMS[0]._id;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** `MMM-YYYY` for the month `n` months from now (UTC). */
function monthsFromNow(n: number): string {
  const now = new Date();
  const total = now.getUTCFullYear() * 12 + now.getUTCMonth() + n;
  return `${MONTHS[total % 12]}-${Math.floor(total / 12)}`;
}

const visa = (overrides: Record<string, unknown> = {}) => virtualCard({ brand: "Visa", ...overrides });
const controls = (spendingControls: Record<string, unknown>) => virtualCard({ spendingControls });
const masterCard = (overrides: Record<string, unknown> = {}) => virtualCard({ brand: "MasterCard", amount: 10, ...overrides });

async function rejected(body: Record<string, unknown>) {
  const res = await call(sb, "POST", "/cards", body);
  expect(res.status).toBe(400);
  expect(res.body.statusCode).toBe(400);
  expect(res.body.error).toBe("Bad Request");
  expect(sb.cards()).toHaveLength(0);
  return res.body;
}

describe("POST /cards validation error shape", () => {
  it("collects every failing field in class-validator's shape", async () => {
    const body = await rejected({});
    expect(failedProperties(body)).toEqual(["currency", "customerId", "status", "type"]);
    expect(errorAt(body, ["type"])).toEqual({
      property: "type",
      children: [],
      constraints: {
        isNotEmpty: "type should not be empty",
        isIn: "type must be one of the following values: physical, virtual",
      },
    });
  });

  it("nests spending-control errors under children, with array indexes as properties", async () => {
    const body = await rejected(controls({ spendingLimits: [{ amount: 5, interval: "hourly" }] }));
    const top = errorAt(body, ["spendingControls"]);
    expect(top).toMatchObject({ property: "spendingControls" });
    expect(top?.constraints).toBeUndefined();
    expect(errorAt(body, ["spendingControls", "spendingLimits", "0", "interval"])).toEqual({
      property: "interval",
      children: [],
      constraints: { isIn: "interval must be one of the following values: per_authorization, daily, weekly, monthly, yearly, all_time" },
    });
  });

  it("never echoes submitted values, so a rejected PAN does not come back", async () => {
    const res = await call(sb, "POST", "/cards", physicalCard("5061020000000000009", { currency: "EUR" }));
    expect(res.status).toBe(400);
    expect(res.text).not.toContain("5061020000000000009");
    expect(res.text).not.toContain('"value"');
  });
});

describe("POST /cards field rules, one at a time", () => {
  it.each<[string, Record<string, unknown>, string[], string]>([
    ["customerId missing", virtualCard({ customerId: undefined }), ["customerId"], "isNotEmpty"],
    ["customerId not a Mongo id", virtualCard({ customerId: "cus_123" }), ["customerId"], "isMongoId"],
    ["type missing", virtualCard({ type: undefined }), ["type"], "isNotEmpty"],
    ["type outside the enum", virtualCard({ type: "plastic" }), ["type"], "isIn"],
    ["currency outside the enum", virtualCard({ currency: "EUR" }), ["currency"], "isIn"],
    ["status missing", virtualCard({ status: undefined }), ["status"], "isNotEmpty"],
    ["status canceled at creation", virtualCard({ status: "canceled" }), ["status"], "isIn"],
    ["brand outside the enum", virtualCard({ brand: "Amex" }), ["brand"], "isIn"],
    ["issuerCountry outside the enum", virtualCard({ issuerCountry: "GBR" }), ["issuerCountry"], "isIn"],
    ["sendPINSMS not a boolean", virtualCard({ sendPINSMS: "yes" }), ["sendPINSMS"], "isBoolean"],
    ["enable2FA not a boolean", virtualCard({ enable2FA: 1 }), ["enable2FA"], "isBoolean"],
    ["physical card without number", physicalCard("x", { number: undefined }), ["number"], "isNotEmpty"],
    ["physical Verve number that is not a PAN", physicalCard("1234"), ["number"], "isCardNumber"],
    ["virtual card without debitAccountId", virtualCard({ debitAccountId: undefined }), ["debitAccountId"], "isNotEmpty"],
    ["virtual card without brand", virtualCard({ brand: undefined }), ["brand"], "isNotEmpty"],
    ["MasterCard without amount", masterCard({ amount: undefined }), ["amount"], "isInt"],
    ["MasterCard with amount 0", masterCard({ amount: 0 }), ["amount"], "min"],
    ["amount that is not an integer", masterCard({ amount: 1.5 }), ["amount"], "isInt"],
    ["negative amount on another brand", virtualCard({ amount: -5 }), ["amount"], "min"],
    ["expirationDate on a non-Visa card", virtualCard({ expirationDate: monthsFromNow(12) }), ["expirationDate"], "visaOnly"],
    ["expirationDate in the wrong format", visa({ expirationDate: "08-2027" }), ["expirationDate"], "matches"],
    ["expirationDate in lower case", visa({ expirationDate: monthsFromNow(12).toLowerCase() }), ["expirationDate"], "matches"],
    ["expirationDate in the past", visa({ expirationDate: monthsFromNow(-1) }), ["expirationDate"], "expiryWindow"],
    ["expirationDate more than 36 months ahead", visa({ expirationDate: monthsFromNow(37) }), ["expirationDate"], "expiryWindow"],
    ["replacementFor alone", virtualCard({ replacementFor: NGN_ACCOUNT }), ["replacementReason"], "isNotEmpty"],
    ["replacementReason alone", virtualCard({ replacementReason: "lost" }), ["replacementFor"], "isNotEmpty"],
    ["an unknown replacementReason", virtualCard({ replacementFor: NGN_ACCOUNT, replacementReason: "damaged" }), ["replacementReason"], "isIn"],
    ["bankCode without accountNumber", virtualCard({ bankCode: "090286" }), ["accountNumber"], "isNotEmpty"],
    ["accountNumber without bankCode", virtualCard({ accountNumber: "0123456701" }), ["bankCode"], "isNotEmpty"],
    ["Verve in USD", virtualCard({ currency: "USD" }), ["currency"], "brandCurrency"],
    ["AfriGo in USD", virtualCard({ brand: "AfriGo", currency: "USD" }), ["currency"], "brandCurrency"],
    ["fundingSourceId not a Mongo id", virtualCard({ fundingSourceId: "fs_1" }), ["fundingSourceId"], "isMongoId"],
    ["debitAccountId not a Mongo id", virtualCard({ debitAccountId: "acct_1" }), ["debitAccountId"], "isMongoId"],
    ["replacementFor not a Mongo id", virtualCard({ replacementFor: "card_1", replacementReason: "lost" }), ["replacementFor"], "isMongoId"],
    ["programId not a Mongo id", virtualCard({ programId: "prog_1" }), ["programId"], "isMongoId"],
    ["metadata that is not an object", virtualCard({ metadata: 42 }), ["metadata"], "isObject"],
    ["metadata string that is not JSON", virtualCard({ metadata: "plain text" }), ["metadata"], "isObject"],
    ["metadata that is an array", virtualCard({ metadata: ["a"] }), ["metadata"], "isObject"],
    ["spendingControls that is not an object", virtualCard({ spendingControls: "none" }), ["spendingControls"], "isObject"],
    ["a channel that is not a boolean", controls({ channels: { atm: "yes" } }), ["spendingControls", "channels", "atm"], "isBoolean"],
    ["an allowed MCC that is not 4 digits", controls({ allowedCategories: ["60111"] }), ["spendingControls", "allowedCategories"], "matches"],
    ["a blocked MCC that is a number", controls({ blockedCategories: [6011] }), ["spendingControls", "blockedCategories"], "matches"],
    [
      "both allowed and blocked categories",
      controls({ allowedCategories: ["5411"], blockedCategories: ["6011"] }),
      ["spendingControls", "blockedCategories"],
      "exclusiveCategories",
    ],
    [
      "a spending limit below zero",
      controls({ spendingLimits: [{ amount: -1, interval: "daily" }] }),
      ["spendingControls", "spendingLimits", "0", "amount"],
      "min",
    ],
    [
      "a spending limit without amount",
      controls({ spendingLimits: [{ interval: "daily" }] }),
      ["spendingControls", "spendingLimits", "0", "amount"],
      "isNumber",
    ],
    [
      "a spending limit with an unknown interval",
      controls({ spendingLimits: [{ amount: 1, interval: "hourly" }] }),
      ["spendingControls", "spendingLimits", "0", "interval"],
      "isIn",
    ],
    [
      "a spending limit category that is not an MCC",
      controls({ spendingLimits: [{ amount: 1, interval: "daily", categories: ["ATM"] }] }),
      ["spendingControls", "spendingLimits", "0", "categories"],
      "matches",
    ],
  ])("rejects %s", async (_name, body, path, rule) => {
    const errors = await rejected(body);
    expect(failedProperties(errors)).toEqual([path[0]]);
    expect(Object.keys(errorAt(errors, path)?.constraints ?? {})).toContain(rule);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a Visa expirationDate this month", visa({ expirationDate: monthsFromNow(0) })],
    ["a Visa expirationDate exactly 36 months ahead", visa({ expirationDate: monthsFromNow(36) })],
    ["a physical Visa mapped by Card ID", physicalCard("VCARD-ABC-001", { brand: "Visa" })],
    ["a physical card without brand (taken as Verve)", physicalCard("5061020000000000009", { brand: undefined })],
    ["a USD MasterCard funded from the USD account", masterCard({ currency: "USD", debitAccountId: USD_ACCOUNT })],
    ["empty spending-control lists", controls({ allowedCategories: [], blockedCategories: [] })],
    ["null optional fields", virtualCard({ fundingSourceId: null, metadata: null })],
    ["unknown extra fields", virtualCard({ nickname: "travel" })],
  ])("accepts %s", async (_name, body) => {
    const res = await call(sb, "POST", "/cards", body);
    expect(res.body.message).toBe("Card created successfully.");
    expect(res.status).toBe(200);
  });

  it("needs only customerId, programId and status when a card program supplies the rest", async () => {
    const res = await call(sb, "POST", "/cards", { customerId: CUSTOMER, programId: PROGRAM, status: "active" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ type: "virtual", brand: "Verve", currency: "NGN", program: PROGRAM });
  });

  it("re-checks a program card after merging, so a Verve program cannot issue in USD", async () => {
    const body = await rejected({ customerId: CUSTOMER, programId: PROGRAM, status: "active", currency: "USD" });
    expect(Object.keys(errorAt(body, ["currency"])?.constraints ?? {})).toEqual(["brandCurrency"]);
  });
});

import { validateInput } from "../../../src/cards/validation";
import { expirationDateIn } from "../../../src/providers/sudo/expiration.rule";
import { IDS, VALID, input, problemsOf, type Kind } from "./fixtures";

// Every rule on its own: start from a valid input, break one thing, and exactly that field and rule is reported.

type Case = [what: string, kind: Kind, patch: Record<string, unknown>, field: string, rule: string];

const TOP_LEVEL: Case[] = [
  ["customerId that is not a Mongo id", "virtualVerve", { customerId: "cus_123" }, "customerId", "isMongoId"],
  ["unknown type", "virtualVerve", { type: "PLASTIC" }, "type", "isEnum"],
  ["virtual card without a brand", "virtualVerve", { brand: undefined }, "brand", "requiredForVirtual"],
  ["virtual card with a null brand", "virtualVerve", { brand: null }, "brand", "requiredForVirtual"],
  ["unknown brand", "virtualVerve", { brand: "AMEX" }, "brand", "isEnum"],
  ["unknown currency", "virtualVerve", { currency: "EUR" }, "currency", "isEnum"],
  ["Verve in USD", "virtualVerve", { currency: "USD" }, "currency", "brandCurrency"],
  ["AfriGo in USD", "virtualAfrigo", { currency: "USD" }, "currency", "brandCurrency"],
  ["unknown status", "virtualVerve", { status: "CANCELED" }, "status", "isEnum"],
  ["unknown issuer country", "virtualVerve", { issuerCountry: "GBR" }, "issuerCountry", "isEnum"],
  ["physical card without a number", "physicalVerve", { number: undefined }, "number", "requiredForPhysical"],
  ["physical card number with letters", "physicalVerve", { number: "50610200000000ABCD" }, "number", "isCardNumber"],
  ["physical card number of 15 digits", "physicalVerve", { number: "506102000000000" }, "number", "isCardNumber"],
  ["physical card number of 20 digits", "physicalVerve", { number: "50610200000000000000" }, "number", "isCardNumber"],
  ["physical card without a brand needs a PAN", "physicalNoBrand", { number: "CARD-ID-1" }, "number", "isCardNumber"],
  ["blank Visa Card ID", "physicalVisa", { number: "   " }, "number", "isCardNumber"],
  ["Visa Card ID over 64 characters", "physicalVisa", { number: "V".repeat(65) }, "number", "isCardNumber"],
  ["fundingSourceId that is not a Mongo id", "virtualVerve", { fundingSourceId: "default" }, "fundingSourceId", "isMongoId"],
  ["virtual card without a debit account", "virtualVerve", { debitAccountId: undefined }, "debitAccountId", "requiredForVirtual"],
  ["debitAccountId that is not a Mongo id", "virtualVerve", { debitAccountId: "acct-1" }, "debitAccountId", "isMongoId"],
  ["MasterCard without an amount", "virtualMastercard", { amount: undefined }, "amount", "requiredForMastercard"],
  ["MasterCard funded with 0", "virtualMastercard", { amount: 0 }, "amount", "min"],
  ["negative amount on Verve", "virtualVerve", { amount: -1 }, "amount", "min"],
  ["fractional amount", "virtualMastercard", { amount: 2.5 }, "amount", "isInt"],
  ["expirationDate on a Verve card", "virtualVerve", { expirationDate: expirationDateIn(12) }, "expirationDate", "visaOnly"],
  ["lower-case expiry month", "virtualVisa", { expirationDate: expirationDateIn(12).toLowerCase() }, "expirationDate", "isExpirationDate"],
  ["two-digit expiry year", "virtualVisa", { expirationDate: "AUG-27" }, "expirationDate", "isExpirationDate"],
  ["numeric expiry month", "virtualVisa", { expirationDate: "08-2027" }, "expirationDate", "isExpirationDate"],
  ["unknown expiry month", "virtualVisa", { expirationDate: "AUX-2027" }, "expirationDate", "isExpirationDate"],
  ["expiry last month", "virtualVisa", { expirationDate: expirationDateIn(-1) }, "expirationDate", "notInPast"],
  ["expiry 37 months ahead", "virtualVisa", { expirationDate: expirationDateIn(37) }, "expirationDate", "maxValidity"],
  ["bankCode without accountNumber", "virtualVerve", { bankCode: "090286" }, "accountNumber", "requiredWith"],
  ["accountNumber without bankCode", "virtualVerve", { accountNumber: "0123456701" }, "bankCode", "requiredWith"],
  ["bankCode with letters", "virtualVerve", { bankCode: "09A286", accountNumber: "0123456701" }, "bankCode", "bankCodeFormat"],
  ["bankCode of 2 digits", "virtualVerve", { bankCode: "09", accountNumber: "0123456701" }, "bankCode", "bankCodeFormat"],
  ["9-digit account number", "virtualVerve", { bankCode: "090286", accountNumber: "012345670" }, "accountNumber", "nuban"],
  ["account number with a dash", "virtualVerve", { bankCode: "090286", accountNumber: "01234-6701" }, "accountNumber", "nuban"],
  ["replacementFor without a reason", "physicalVerve", { replacementFor: IDS.oldCard }, "replacementReason", "requiredWith"],
  ["replacementReason without a card", "physicalVerve", { replacementReason: "LOST" }, "replacementFor", "requiredWith"],
  ["replacementFor that is not a Mongo id", "physicalVerve", { replacementFor: "card-1", replacementReason: "STOLEN" }, "replacementFor", "isMongoId"],
  ["unknown replacement reason", "physicalVerve", { replacementFor: IDS.oldCard, replacementReason: "DAMAGED" }, "replacementReason", "isEnum"],
  ["sendPinSms that is not a boolean", "virtualVerve", { sendPinSms: "yes" }, "sendPinSms", "isBoolean"],
  ["enable2FA that is not a boolean", "virtualVerve", { enable2FA: 1 }, "enable2FA", "isBoolean"],
  ["programId that is not a Mongo id", "program", { programId: "prog-1" }, "programId", "isMongoId"],
];

const manyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));

const METADATA: Case[] = [
  ["metadata that is not an object", "virtualVerve", { metadata: "order=1" }, "metadata", "isObject"],
  ["metadata with 51 keys", "virtualVerve", { metadata: manyKeys }, "metadata", "metadataMaxKeys"],
  ["metadata key of 41 characters", "virtualVerve", { metadata: { ["k".repeat(41)]: 1 } }, "metadata", "metadataKeyLength"],
  ["empty metadata key", "virtualVerve", { metadata: { "": 1 } }, "metadata", "metadataKeyLength"],
  ["nested metadata object", "virtualVerve", { metadata: { order: { id: 1 } } }, "metadata", "metadataScalarValues"],
  ["metadata array value", "virtualVerve", { metadata: { tags: ["a"] } }, "metadata", "metadataScalarValues"],
  ["metadata over 4 KB", "virtualVerve", { metadata: { a: "x".repeat(1400), b: "x".repeat(1400), c: "x".repeat(1400) } }, "metadata", "metadataMaxBytes"],
  ["metadata with the reserved key", "virtualVerve", { metadata: { cardsSubgraphCardId: "crd_1" } }, "metadata", "metadataReservedKey"],
];

const mccs = (n: number) => Array.from({ length: n }, (_, i) => String(1000 + i));
const limit = (patch: Record<string, unknown> = {}) => ({ amount: 1000, interval: "DAILY", ...patch });
const controls = (spendingControls: Record<string, unknown>) => ({ spendingControls });

const SPENDING_CONTROLS: Case[] = [
  ["channel flag that is not a boolean", "virtualVerve", controls({ channels: { atm: "off" } }), "spendingControls.channels.atm", "isBoolean"],
  ["3-digit allowed MCC", "virtualVerve", controls({ allowedCategories: ["601"] }), "spendingControls.allowedCategories", "isMcc"],
  ["numeric blocked MCC", "virtualVerve", controls({ blockedCategories: [6011] }), "spendingControls.blockedCategories", "isMcc"],
  ["101 allowed MCCs", "virtualVerve", controls({ allowedCategories: mccs(101) }), "spendingControls.allowedCategories", "arrayMaxSize"],
  ["101 blocked MCCs", "virtualVerve", controls({ blockedCategories: mccs(101) }), "spendingControls.blockedCategories", "arrayMaxSize"],
  [
    "allowed and blocked MCCs together",
    "virtualVerve",
    controls({ allowedCategories: ["5411"], blockedCategories: ["6011"] }),
    "spendingControls.blockedCategories",
    "exclusiveCategories",
  ],
  ["21 spending limits", "virtualVerve", controls({ spendingLimits: Array.from({ length: 21 }, () => limit()) }), "spendingControls.spendingLimits", "arrayMaxSize"],
  ["negative limit", "virtualVerve", controls({ spendingLimits: [limit({ amount: -0.01 })] }), "spendingControls.spendingLimits.0.amount", "min"],
  ["infinite limit", "virtualVerve", controls({ spendingLimits: [limit({ amount: Infinity })] }), "spendingControls.spendingLimits.0.amount", "isNumber"],
  ["NaN limit", "virtualVerve", controls({ spendingLimits: [limit(), limit({ amount: NaN })] }), "spendingControls.spendingLimits.1.amount", "isNumber"],
  ["unknown interval", "virtualVerve", controls({ spendingLimits: [limit({ interval: "HOURLY" })] }), "spendingControls.spendingLimits.0.interval", "isEnum"],
  ["bad limit MCC", "virtualVerve", controls({ spendingLimits: [limit({ categories: ["60110"] })] }), "spendingControls.spendingLimits.0.categories", "isMcc"],
  ["101 limit MCCs", "virtualVerve", controls({ spendingLimits: [limit({ categories: mccs(101) })] }), "spendingControls.spendingLimits.0.categories", "arrayMaxSize"],
];

describe("SudoCardInput: each rule on its own", () => {
  it.each([...TOP_LEVEL, ...METADATA, ...SPENDING_CONTROLS])("%s (%s) -> %s %s", async (_what, kind, patch, field, rule) => {
    expect(await problemsOf({ ...VALID[kind](), ...patch })).toEqual([[`input.sudo.${field}`, rule]]);
  });

  it("messages name our GraphQL path and never quote the value", async () => {
    const [problem] = await validateInput(input({ ...VALID.physicalVerve(), number: "5061020000000000ABCD" }), "input.sudo");
    expect(problem.message).toBe("input.sudo.number must be the 16 to 19 digit card number");
  });
});

describe("SudoCardInput: valid inputs", () => {
  it.each(Object.keys(VALID) as Kind[])("%s passes", async (kind) => {
    expect(await problemsOf(VALID[kind]())).toEqual([]);
  });

  it.each([
    ["expiry this month", { expirationDate: expirationDateIn(0) }],
    ["expiry exactly 36 months ahead", { expirationDate: expirationDateIn(36) }],
  ])("Visa with %s passes", async (_what, patch) => {
    expect(await problemsOf({ ...VALID.virtualVisa(), ...patch })).toEqual([]);
  });

  it("passes with every optional field set", async () => {
    const full = {
      ...VALID.virtualMastercard(),
      fundingSourceId: IDS.fundingSource,
      bankCode: "090286",
      accountNumber: "0123456701",
      replacementFor: IDS.oldCard,
      replacementReason: "STOLEN",
      metadata: { orderId: "A-1", priority: 2, vip: true, note: null },
      spendingControls: {
        channels: { atm: false, pos: true, web: true, mobile: false },
        allowedCategories: mccs(100),
        blockedCategories: [],
        spendingLimits: Array.from({ length: 20 }, (_, i) => limit({ amount: i * 10.5, categories: ["5411"] })),
      },
      sendPinSms: true,
      enable2FA: true,
    };
    expect(await problemsOf(full)).toEqual([]);
  });

  it("a Verve card may be funded with 0", async () => {
    expect(await problemsOf({ ...VALID.virtualVerve(), amount: 0 })).toEqual([]);
  });
});

import { IDS, VALID, problemsOf } from "./fixtures";

describe("SudoCardInput: rules in combination", () => {
  it("a bare virtual card needs both a brand and a debit account", async () => {
    const { brand: _brand, debitAccountId: _debit, ...bare } = VALID.virtualVerve();
    expect(await problemsOf(bare)).toEqual([
      ["input.sudo.brand", "requiredForVirtual"],
      ["input.sudo.debitAccountId", "requiredForVirtual"],
    ]);
  });

  it("a card program supplies brand and debit account for a virtual card", async () => {
    expect(await problemsOf({ ...VALID.program(), brand: null, debitAccountId: null })).toEqual([]);
  });

  it("a card program does not excuse a physical card from its number", async () => {
    expect(await problemsOf({ ...VALID.program(), type: "PHYSICAL" })).toEqual([["input.sudo.number", "requiredForPhysical"]]);
  });

  it("a physical MasterCard needs its number and a funding amount", async () => {
    const physicalMastercard = { ...VALID.physicalVerve(), brand: "MASTERCARD", number: undefined };
    expect(await problemsOf(physicalMastercard)).toEqual([
      ["input.sudo.amount", "requiredForMastercard"],
      ["input.sudo.number", "requiredForPhysical"],
    ]);
  });

  it("a malformed expiry on a non-Visa card reports both mistakes, and the window rules stay quiet", async () => {
    expect(await problemsOf({ ...VALID.virtualMastercard(), expirationDate: "2027-08" })).toEqual([
      ["input.sudo.expirationDate", "isExpirationDate"],
      ["input.sudo.expirationDate", "visaOnly"],
    ]);
  });

  it("a Verve card in USD with a Visa-only expiry reports both", async () => {
    expect(await problemsOf({ ...VALID.virtualVerve(), currency: "USD", expirationDate: "JAN-2000" })).toEqual([
      ["input.sudo.currency", "brandCurrency"],
      ["input.sudo.expirationDate", "notInPast"],
      ["input.sudo.expirationDate", "visaOnly"],
    ]);
  });

  it("an empty allowed list does not clash with a blocked list", async () => {
    const spendingControls = { allowedCategories: [], blockedCategories: ["6011"] };
    expect(await problemsOf({ ...VALID.virtualVerve(), spendingControls })).toEqual([]);
  });

  it("reports every mistake of a badly broken input at once", async () => {
    const broken = {
      customerId: "nope",
      type: "VIRTUAL",
      currency: "USD",
      status: "ACTIVE",
      issuerCountry: "NGA",
      sendPinSms: false,
      brand: "AFRIGO",
      replacementReason: "LOST",
      bankCode: "12",
      metadata: { cardsSubgraphCardId: "x", nested: {} },
      spendingControls: { allowedCategories: ["1"], blockedCategories: ["6011"], spendingLimits: [{ amount: -5, interval: "DAILY" }] },
    };
    expect(await problemsOf(broken)).toEqual([
      ["input.sudo.accountNumber", "requiredWith"],
      ["input.sudo.bankCode", "bankCodeFormat"],
      ["input.sudo.currency", "brandCurrency"],
      ["input.sudo.customerId", "isMongoId"],
      ["input.sudo.debitAccountId", "requiredForVirtual"],
      ["input.sudo.metadata", "metadataReservedKey"],
      ["input.sudo.metadata", "metadataScalarValues"],
      ["input.sudo.replacementFor", "requiredWith"],
      ["input.sudo.spendingControls.allowedCategories", "isMcc"],
      ["input.sudo.spendingControls.blockedCategories", "exclusiveCategories"],
      ["input.sudo.spendingControls.spendingLimits.0.amount", "min"],
    ]);
  });

  it("replacement and account mapping pass when both halves are given", async () => {
    const patch = { replacementFor: IDS.oldCard, replacementReason: "LOST", bankCode: "058", accountNumber: "0123456789" };
    expect(await problemsOf({ ...VALID.physicalVerve(), ...patch })).toEqual([]);
  });
});

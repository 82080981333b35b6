import { CardBrand, CardStatus, CardType, SpendingLimitInterval } from "../../../src/cards/card.enums";
import { taggedCardIdOf, toIssuedCard, toWireBody } from "../../../src/providers/sudo/mapping";
import type { WireCard } from "../../../src/providers/sudo/wire";
import { IDS, VALID, VERVE_PAN, input } from "./fixtures";

const CARD_ID = "crd_01JDEMO";
const PAN = "5312348765432109873";
const CVV2 = "947";

describe("toWireBody", () => {
  it("sends every field camelCased as Sudo spells it, with our card id in the metadata", () => {
    const full = input({
      ...VALID.virtualMastercard(),
      fundingSourceId: IDS.fundingSource,
      bankCode: "090286",
      accountNumber: "0123456701",
      replacementFor: IDS.oldCard,
      replacementReason: "STOLEN",
      metadata: { orderId: "A-1", vip: true },
      spendingControls: {
        channels: { atm: false, web: true },
        allowedCategories: ["5411"],
        spendingLimits: [
          { amount: 250.5, interval: "PER_AUTHORIZATION" },
          { amount: 1000, interval: "ALL_TIME", categories: ["6011"] },
        ],
      },
      sendPinSms: true,
      enable2FA: true,
    });
    expect(toWireBody(full, CARD_ID)).toEqual({
      customerId: IDS.customer,
      type: "virtual",
      brand: "MasterCard",
      currency: "USD",
      issuerCountry: "USA",
      status: "active",
      fundingSourceId: IDS.fundingSource,
      debitAccountId: IDS.usdAccount,
      amount: 5,
      bankCode: "090286",
      accountNumber: "0123456701",
      replacementFor: IDS.oldCard,
      replacementReason: "stolen",
      metadata: { orderId: "A-1", vip: true, cardsSubgraphCardId: CARD_ID },
      spendingControls: {
        channels: { atm: false, web: true },
        allowedCategories: ["5411"],
        spendingLimits: [
          { amount: 250.5, interval: "per_authorization" },
          { amount: 1000, interval: "all_time", categories: ["6011"] },
        ],
      },
      sendPINSMS: true,
      enable2FA: true,
    });
  });

  it.each([
    ["VERVE", "Verve"],
    ["VISA", "Visa"],
    ["AFRIGO", "AfriGo"],
  ])("spells brand %s as %s", (brand, wire) => {
    expect(toWireBody(input({ ...VALID.virtualVerve(), brand }), CARD_ID).brand).toBe(wire);
  });

  it("omits what the caller left out or set to null, and sends the defaults", () => {
    const body = toWireBody(input({ ...VALID.physicalVerve(), brand: null, metadata: null, enable2FA: null }), CARD_ID);
    expect(body).toEqual({
      customerId: IDS.customer,
      type: "physical",
      number: VERVE_PAN,
      currency: "NGN",
      issuerCountry: "NGA",
      status: "active",
      metadata: { cardsSubgraphCardId: CARD_ID },
      sendPINSMS: false,
    });
    expect(JSON.stringify(body)).not.toContain("null");
  });

  it("sends a Visa expirationDate and an inactive status as given", () => {
    const body = toWireBody(input({ ...VALID.virtualVisa(), expirationDate: "AUG-2027", status: "INACTIVE" }), CARD_ID);
    expect(body).toMatchObject({ brand: "Visa", expirationDate: "AUG-2027", status: "inactive" });
  });

  it("leaves the caller's metadata object untouched", () => {
    const metadata = { orderId: "A-1" };
    toWireBody(input({ ...VALID.virtualVerve(), metadata }), CARD_ID);
    expect(metadata).toEqual({ orderId: "A-1" });
  });
});

/** A card as Sudo's GET /cards/:id returns it: populated relations and fields we must not copy. */
function wireCard(patch: Partial<WireCard> & Record<string, unknown> = {}): WireCard {
  return {
    _id: "6650a1b2c3d4e5f6a7b8c9d0",
    business: "64b0c0ffee0000000000b001",
    customer: {
      _id: IDS.customer,
      name: "Ada Obi",
      phoneNumber: "08030000001",
      emailAddress: "ada.obi@example.com",
      billingAddress: { line1: "1 Marina", city: "Lagos" },
    },
    account: { _id: "6650a1b2c3d4e5f6a7b8c9d1", type: "wallet", accountNumber: "8012345678", currentBalance: 9_000, availableBalance: 9_000 },
    fundingSource: { _id: IDS.fundingSource, type: "default", jitGateway: null },
    type: "virtual",
    brand: "MasterCard",
    currency: "USD",
    maskedPan: "531234*********0003",
    expiryMonth: "08",
    expiryYear: "2027",
    status: "active",
    spendingControls: {
      _id: "6650a1b2c3d4e5f6a7b8c9d2",
      channels: { _id: "6650a1b2c3d4e5f6a7b8c9d3", atm: false, pos: true, web: true, mobile: true },
      allowedCategories: [],
      blockedCategories: ["6011"],
      spendingLimits: [
        { _id: "x1", amount: 500, interval: "daily", categories: [] },
        { _id: "x2", amount: 20, interval: "per_authorization", categories: ["6010", "6011"] },
        { _id: "x3", amount: 1, interval: "fortnightly", categories: [] },
      ],
    },
    metadata: { orderId: "A-1", cardsSubgraphCardId: CARD_ID },
    is2FAEnabled: false,
    balance: 9_000,
    pan: PAN,
    cvv2: CVV2,
    defaultPin: "4821",
    createdAt: "2026-11-23T10:15:00.000Z",
    updatedAt: "2026-11-23T10:15:00.000Z",
    __v: 0,
    ...patch,
  } as WireCard;
}

describe("toIssuedCard", () => {
  const asked = input(VALID.virtualMastercard());

  it("builds exactly the IssuedCard fields, our enums, and nothing else", () => {
    expect(toIssuedCard(wireCard(), asked)).toEqual({
      providerCardId: "6650a1b2c3d4e5f6a7b8c9d0",
      customerId: IDS.customer,
      type: CardType.VIRTUAL,
      brand: CardBrand.MASTERCARD,
      status: CardStatus.ACTIVE,
      mode: null,
      currency: "USD",
      holderName: "Ada Obi",
      last4: "0003",
      maskedPan: "531234*********0003",
      expiry: { month: 8, year: 2027 },
      maskedAccountNumber: "******5678",
      productId: null,
      address: null,
      spendingControls: {
        channels: { atm: false, pos: true, web: true, mobile: true },
        allowedCategories: [],
        blockedCategories: ["6011"],
        spendingLimits: [
          { amount: 500, interval: SpendingLimitInterval.DAILY, categories: [] },
          { amount: 20, interval: SpendingLimitInterval.PER_AUTHORIZATION, categories: ["6010", "6011"] },
        ],
      },
      metadata: { orderId: "A-1" },
      customProperties: null,
      createdAt: new Date("2026-11-23T10:15:00.000Z"),
    });
  });

  it("never carries a PAN, CVV2 or PIN, even when Sudo sends them", () => {
    const text = JSON.stringify(toIssuedCard(wireCard({ maskedPan: PAN }), asked));
    expect(text).not.toContain(PAN);
    expect(text).not.toContain(PAN.slice(6, 15));
    expect(text).toContain("531234*********9873");
    expect(text).not.toContain(CVV2);
    expect(text).not.toContain("4821");
  });

  it.each([
    ["a full PAN", PAN, "531234*********9873"],
    ["a Sudo mask with few stars", "506321******3531", "506321******3531"],
    ["a mask whose sixth character is hidden", "50632****3531", "*********3531"],
    ["spaces and dashes", "5063 21** **** 3531", "506321******3531"],
    ["a mask without the BIN", "************3531", "************3531"],
    ["a value without last four digits", "506321**********", null],
    ["letters", "5063-21XX-XXXX-3531", null],
  ])("re-masks %s", (_what, maskedPan, expected) => {
    expect(toIssuedCard(wireCard({ maskedPan, last4: undefined }), asked).maskedPan).toBe(expected);
  });

  it("takes last4 from Sudo's own field before the mask", () => {
    expect(toIssuedCard(wireCard({ last4: "1234" }), asked).last4).toBe("1234");
    expect(toIssuedCard(wireCard({ last4: undefined, maskedPan: undefined }), asked).last4).toBeNull();
  });

  it.each([
    ["AfriGo", CardBrand.AFRIGO],
    ["Verve", CardBrand.VERVE],
    ["Visa", CardBrand.VISA],
    ["Discover", CardBrand.OTHER],
  ])("maps brand %s", (brand, expected) => {
    expect(toIssuedCard(wireCard({ brand }), asked).brand).toBe(expected);
  });

  it.each([
    ["canceled", CardStatus.CANCELED],
    ["cancelled", CardStatus.CANCELED],
    ["inactive", CardStatus.INACTIVE],
    ["frozen", CardStatus.ACTIVE],
  ])("maps status %s (an unknown one falls back to what we asked for)", (status, expected) => {
    expect(toIssuedCard(wireCard({ status }), asked).status).toBe(expected);
  });

  it.each([
    [{ expiryMonth: "01", expiryYear: "25" }, { month: 1, year: 2025 }],
    [{ expiryMonth: "12", expiryYear: "2030" }, { month: 12, year: 2030 }],
    [{ expiryMonth: "13", expiryYear: "2030" }, null],
    [{ expiryMonth: "01", expiryYear: "203" }, null],
    [{ expiryMonth: undefined, expiryYear: "2030" }, null],
  ])("reads expiry %j", (patch, expected) => {
    expect(toIssuedCard(wireCard(patch), asked).expiry).toEqual(expected);
  });

  it("falls back to what we asked for when Sudo leaves fields out, and shows nothing it did not send", () => {
    const bare = { _id: "6650a1b2c3d4e5f6a7b8c9d0", customer: IDS.customer, account: "6650a1b2c3d4e5f6a7b8c9d1" } as WireCard;
    expect(toIssuedCard(bare, asked)).toMatchObject({
      type: CardType.VIRTUAL,
      brand: CardBrand.MASTERCARD,
      status: CardStatus.ACTIVE,
      currency: "USD",
      holderName: null,
      last4: null,
      maskedPan: null,
      expiry: null,
      maskedAccountNumber: null,
      spendingControls: null,
      metadata: null,
      createdAt: null,
    });
  });

  it("uses the customer's individual names when there is no display name", () => {
    const customer = { _id: IDS.customer, individual: { firstName: "Bola", lastName: "Adeyemi" } };
    expect(toIssuedCard(wireCard({ customer }), asked).holderName).toBe("Bola Adeyemi");
  });

  it("strips the reserved key; metadata holding only it becomes null", () => {
    expect(toIssuedCard(wireCard({ metadata: { cardsSubgraphCardId: CARD_ID } }), asked).metadata).toBeNull();
    expect(toIssuedCard(wireCard({ metadata: JSON.stringify({ a: 1, cardsSubgraphCardId: CARD_ID }) }), asked).metadata).toEqual({ a: 1 });
  });

  it("shows channels only when Sudo sends all four flags", () => {
    const spendingControls = { channels: { atm: true, pos: true }, spendingLimits: [] };
    expect(toIssuedCard(wireCard({ spendingControls }), asked).spendingControls).toEqual({
      channels: null,
      allowedCategories: [],
      blockedCategories: [],
      spendingLimits: [],
    });
  });
});

describe("taggedCardIdOf", () => {
  it("reads our card id from object or string metadata", () => {
    expect(taggedCardIdOf(wireCard())).toBe(CARD_ID);
    expect(taggedCardIdOf(wireCard({ metadata: JSON.stringify({ cardsSubgraphCardId: "crd_2" }) }))).toBe("crd_2");
    expect(taggedCardIdOf(wireCard({ metadata: { orderId: "A-1" } }))).toBeUndefined();
    expect(taggedCardIdOf(wireCard({ metadata: "not json" }))).toBeUndefined();
  });
});

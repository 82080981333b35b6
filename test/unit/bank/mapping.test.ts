import { plainToInstance } from "class-transformer";
import { BankCardInput } from "../../../src/providers/bank/bank.input";
import { inputPathOf, toIssuedCard, toWireBody } from "../../../src/providers/bank/mapping";
import type { WireCard } from "../../../src/providers/bank/wire";

const PAN = "5061234567891234";
const CVV2 = "739";
const PIN = "4821";
const ENCRYPTED_PIN = "AAECAwQFBgcICQoLDA0OD1mY+kXlJ+Q8qgbRN4QRN3k=";
const CARD_TOKEN = "tok_5f0e9d8c7b6a59483726";

function input(overrides: Record<string, unknown> = {}): BankCardInput {
  return plainToInstance(BankCardInput, {
    customerId: "cus_ada",
    status: "ACTIVE",
    holderName: "Ada Okafor",
    defaultPin: PIN,
    expiry: { month: 3, year: 2031 },
    productId: "3",
    type: "VIRTUAL",
    mode: "DEBIT",
    currency: "NGN",
    address: { street: "1 Marina", city: "Lagos", state: "Lagos", country: "ng" },
    customProperties: [{ id: "branch", description: "Issuing branch", type: "string", value: "Marina" }],
    ...overrides,
  });
}

function wireCard(overrides: Partial<WireCard> = {}): WireCard {
  return {
    card_id: "crd_01",
    customer_id: "bank-cust-77",
    product_id: "3",
    account_number: "2034567891",
    card_scheme: "VERVE",
    card_type: "VIRTUAL",
    card_mode: "DEBIT",
    card_status: "ACTIVE",
    card_currency: "NGN",
    card_holder_name: "Ada Okafor",
    card_number: PAN,
    card_cvv2: CVV2,
    card_default_pin: ENCRYPTED_PIN,
    card_token: CARD_TOKEN,
    card_expiry: { month: "03", year: "2031" },
    card_address: { street: "1 Marina", city: "Lagos", state: "Lagos", country: "NG" },
    custom_properties: [{ id: "branch", description: "Issuing branch", type: "string", value: "Marina" }],
    ...overrides,
  };
}

describe("toWireBody", () => {
  it("builds the create-card body in the bank's snake_case, expiry as zero-padded strings", () => {
    expect(toWireBody(input(), { encryptedPin: ENCRYPTED_PIN })).toEqual({
      card_status: "ACTIVE",
      card_holder_name: "Ada Okafor",
      card_default_pin: ENCRYPTED_PIN,
      card_expiry: { month: "03", year: "2031" },
      product_id: "3",
      card_type: "VIRTUAL",
      card_mode: "DEBIT",
      card_currency: "NGN",
      card_address: { street: "1 Marina", city: "Lagos", state: "Lagos", country: "NG" },
      custom_properties: [{ id: "branch", description: "Issuing branch", type: "string", value: "Marina" }],
    });
  });

  it("leaves out optional fields that were not given, and never carries the clear PIN", () => {
    const minimal = input({ productId: null, type: undefined, mode: undefined, currency: undefined, address: null, customProperties: undefined });
    const body = toWireBody(minimal, { encryptedPin: ENCRYPTED_PIN });
    expect(Object.keys(body)).toEqual(["card_status", "card_holder_name", "card_default_pin", "card_expiry"]);
    expect(JSON.stringify(body)).not.toContain(PIN);
  });

  it("drops null address parts and null custom property fields", () => {
    const body = toWireBody(input({ address: { city: "Abuja", street: null }, customProperties: [{ id: "tier", value: null }] }), {
      encryptedPin: ENCRYPTED_PIN,
    });
    expect(body.card_address).toEqual({ city: "Abuja" });
    expect(body.custom_properties).toEqual([{ id: "tier" }]);
  });

  it("serializes identically for the same input, so a replay is byte-identical", () => {
    expect(JSON.stringify(toWireBody(input(), { encryptedPin: ENCRYPTED_PIN }))).toBe(
      JSON.stringify(toWireBody(input(), { encryptedPin: ENCRYPTED_PIN })),
    );
  });
});

describe("toIssuedCard", () => {
  it("maps the bank's card to our card", () => {
    expect(toIssuedCard(wireCard(), input())).toEqual({
      providerCardId: "crd_01",
      customerId: "cus_ada",
      type: "VIRTUAL",
      brand: "VERVE",
      status: "ACTIVE",
      mode: "DEBIT",
      currency: "NGN",
      holderName: "Ada Okafor",
      last4: "1234",
      maskedPan: "506123******1234",
      expiry: { month: 3, year: 2031 },
      maskedAccountNumber: "******7891",
      productId: "3",
      address: { street: "1 Marina", city: "Lagos", state: "Lagos", country: "NG" },
      spendingControls: null,
      metadata: null,
      customProperties: [{ id: "branch", description: "Issuing branch", type: "string", value: "Marina" }],
      createdAt: null,
    });
  });

  it("keeps nothing sensitive: no PAN, CVV2, PIN (clear or encrypted) or card token", () => {
    const text = JSON.stringify(toIssuedCard(wireCard(), input()));
    for (const secret of [PAN, CVV2, PIN, ENCRYPTED_PIN, CARD_TOKEN]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\d{11,}/);
  });

  it("takes the customer from our input, not the bank's customer id", () => {
    expect(toIssuedCard(wireCard(), input()).customerId).toBe("cus_ada");
  });

  it.each([
    ["1234", "1234", null],
    ["4111111111111", "1111", "411111***1111"],
    ["6500123456789012345", "2345", "650012*********2345"],
    ["65001234567890123456", "3456", null],
    ["4111-1111-1111-1111", null, null],
    [null, null, null],
  ])("card_number %p gives last4 %p and maskedPan %p", (number, last4, maskedPan) => {
    const card = toIssuedCard(wireCard({ card_number: number }), input());
    expect(card.last4).toBe(last4);
    expect(card.maskedPan).toBe(maskedPan);
  });

  it.each([
    ["VISA", "VISA"],
    ["MASTERCARD", "MASTERCARD"],
    ["Master Card", "MASTERCARD"],
    ["verve", "VERVE"],
    ["AfriGo", "AFRIGO"],
    ["AMEX", "OTHER"],
    [null, null],
  ])("card_scheme %p is brand %p", (scheme, brand) => {
    expect(toIssuedCard(wireCard({ card_scheme: scheme }), input()).brand).toBe(brand);
  });

  it("upper-cases statuses, types and modes and maps unknown ones to OTHER where the enum has it", () => {
    const card = toIssuedCard(wireCard({ card_status: "blocked", card_type: "plastic", card_mode: "prepaid" }), input());
    expect([card.status, card.type, card.mode]).toEqual(["BLOCKED", "OTHER", "PREPAID"]);
  });

  it("falls back to the requested status when the bank names one we do not know", () => {
    expect(toIssuedCard(wireCard({ card_status: "PENDING" }), input({ status: "INACTIVE" })).status).toBe("INACTIVE");
  });

  it("falls back to the request for fields the bank left out", () => {
    const sparse: WireCard = { card_id: "crd_02" };
    const card = toIssuedCard(sparse, input());
    expect(card).toMatchObject({
      type: "VIRTUAL",
      mode: "DEBIT",
      status: "ACTIVE",
      currency: "NGN",
      holderName: "Ada Okafor",
      expiry: { month: 3, year: 2031 },
      productId: "3",
      brand: null,
      last4: null,
      maskedPan: null,
      maskedAccountNumber: null,
      address: null,
      customProperties: null,
    });
  });
});

describe("inputPathOf", () => {
  it.each([
    ["card_expiry.month", "expiry.month"],
    ["card_expiry", "expiry"],
    ["card_default_pin", "defaultPin"],
    ["card_holder_name", "holderName"],
    ["card_status", "status"],
    ["product_id", "productId"],
    ["card_address.country", "address.country"],
    ["custom_properties.0.value", "customProperties.0.value"],
    ["custom_properties[1].id", "customProperties.1.id"],
    ["idempotency-key", undefined],
    [undefined, undefined],
  ])("%p -> %p", (wire, ours) => {
    expect(inputPathOf(wire)).toBe(ours);
  });
});

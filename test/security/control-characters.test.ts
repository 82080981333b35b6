import { CardDocument, CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bankInput, sudoInput } from "../support/inputs";

// Text the store cannot hold (NUL; PostgreSQL refuses it in text and jsonb) or a reader should not see (other C0/C1
// controls, unpaired surrogates) used to pass validation: the provider issued the card, its store write failed, and
// the card never reached the registry. Every such input is refused before any provider call, with the field.

let h: Harness;
let keyNo = 0;
const key = () => `ctl-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const providerCalls = () => h.bank.requests.length + h.sudo.requests.length;
/** An object with an own key, which an object literal cannot make for `__proto__`. */
const ownKey = (k: string, value: unknown) => JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(value)}}`);

async function expectRefused(input: Record<string, unknown>, field: string, rule: string) {
  const before = providerCalls();
  const { status, body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: input as never });
  expect(status).toBe(200);
  expect(body.data ?? null).toBeNull();
  expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field, fields: [expect.objectContaining({ field, rule })] });
  expect(providerCalls()).toBe(before);
}

describe("text the store cannot hold is refused before any provider call", () => {
  it.each([
    ["NUL in holderName", { holderName: "Ada\u0000Okafor" }, "input.bank.holderName"],
    ["NUL in address.street", { address: { street: "12\u0000Marina" } }, "input.bank.address.street"],
    ["ESC in address.city", { address: { city: "Lagos\u001b[2J" } }, "input.bank.address.city"],
    ["C1 CSI in address.state", { address: { state: "L\u009bA" } }, "input.bank.address.state"],
    ["NUL in customerId", { customerId: "cus_\u0000ada" }, "input.bank.customerId"],
    ["DEL in productId", { productId: "1\u007f" }, "input.bank.productId"],
    ["NUL in customProperties[].value", { customProperties: [{ id: "ref", value: "A\u00001" }] }, "input.bank.customProperties.0.value"],
    ["unpaired surrogate in customProperties[].description", { customProperties: [{ id: "ref", description: "x\ud800" }] }, "input.bank.customProperties.0.description"],
    ["BEL in customProperties[].id", { customProperties: [{ id: "r\u0007f" }] }, "input.bank.customProperties.0.id"],
  ])("bank: %s", (_name, overrides, field) => expectRefused({ bank: bankInput(overrides as never) }, field, "noControlCharacters"));

  it.each([
    ["NUL in a metadata value", { metadata: { note: "a\u0000b" } }],
    ["NUL in a metadata key", { metadata: { "no\u0000te": "x" } }],
    ["unpaired high surrogate in a metadata key", { metadata: { ["k\ud83d"]: "x" } }],
    ["unpaired low surrogate in a metadata value", { metadata: { note: "\ude00" } }],
    ["C1 NEL in a metadata value", { metadata: { note: "a\u0085b" } }],
  ])("Sudo: %s", (_name, overrides) => expectRefused({ sudo: sudoInput(overrides) }, "input.sudo.metadata", "noControlCharacters"));

  it.each(["__proto__", "constructor", "prototype"])("Sudo: the metadata key %s", (k) =>
    expectRefused({ sudo: sudoInput({ metadata: ownKey(k, "x") }) }, "input.sudo.metadata", "noPrototypeKeys"),
  );

  it("Sudo: a control character in a Visa card id", () =>
    expectRefused({ sudo: sudoInput({ type: "PHYSICAL", brand: "VISA", number: "VISA\u0000001" }) }, "input.sudo.number", "noControlCharacters"));

  it.each([
    ["a line break in holderName", { bank: bankInput({ holderName: "Ada\nOkafor" }) }, "input.bank.holderName"],
    ["a tab in address.street", { bank: bankInput({ address: { street: "12\tMarina" } }) }, "input.bank.address.street"],
    ["a line break in a metadata key", { sudo: sudoInput({ metadata: { "a\nb": "x" } }) }, "input.sudo.metadata"],
  ])("one-line fields refuse %s", (_name, input, field) => expectRefused(input, field, "singleLine"));
});

describe("prose fields keep their line breaks", () => {
  it("stores and returns tabs and line breaks in custom property text and metadata values as given", async () => {
    const value = "line one\r\nline two\tend";
    const bank = await h.run(CreateCardDocument, {
      idempotencyKey: key(),
      input: { bank: bankInput({ customProperties: [{ id: "note", description: "multi\nline", value }] }) },
    });
    expect(bank.body.errors).toBeUndefined();
    const sudo = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput({ metadata: { note: value } }) } });
    expect(sudo.body.errors).toBeUndefined();

    const storedBank = await h.run(CardDocument, { id: bank.body.data!.createCard.id });
    expect(storedBank.body.data!.card!.customProperties).toEqual([{ id: "note", description: "multi\nline", type: null, value }]);
    const storedSudo = await h.run(CardDocument, { id: sudo.body.data!.createCard.id });
    expect(storedSudo.body.data!.card!.metadata).toEqual({ note: value });
  });

  it("accepts non-Latin text and paired surrogates (emoji) everywhere", async () => {
    const { body } = await h.run(CreateCardDocument, {
      idempotencyKey: key(),
      input: { bank: bankInput({ holderName: "Ngozi Ọkafọ 😀", address: { street: "12 شارع", city: "Lagos", state: "LA", country: "NG" } }) },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createCard.holderName).toBe("Ngozi Ọkafọ 😀");
  });
});

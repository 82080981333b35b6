import fc from "fast-check";
import { expirationDateIn } from "../../src/providers/sudo/expiration.rule";
import { bankInput, sudoInput } from "../support/inputs";

// Generators of createCard requests that must be refused: a valid input with one or more violations applied. Each
// violation names the field (from the operation's arguments) the refusal should point at.

type Json = Record<string, unknown>;

export interface Violation {
  /** The argument path the error should name, e.g. `input.bank.expiry.month`. */
  field: string;
  apply(request: { idempotencyKey: unknown; input: Json }): void;
}

export interface InvalidRequest {
  idempotencyKey: unknown;
  input: unknown;
  /** Paths any of which the refusal may name. */
  fields: string[];
}

function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
    node = node[part] as Json;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Sets (or, with undefined, removes) fields of one provider's input; `field` is the one the refusal names. */
const change = (provider: "bank" | "sudo", field: string, values: Json) => ({
  field: `input.${provider}.${field}`,
  apply: ({ input }: { input: Json }) => {
    for (const [path, value] of Object.entries(values)) setPath(input[provider] as Json, path, value);
  },
});

const utc = new Date();
const thisYear = utc.getUTCFullYear();
const thisMonth = utc.getUTCMonth() + 1;

/** Strings of a repeated character, past a length limit; the character may be astral (two UTF-16 units). */
const longText = (min: number, max = 20_000) =>
  fc.tuple(fc.integer({ min, max }), fc.constantFrom("x", "é", "😀", "\u0000", "ن", " ")).map(([n, c]) => c.repeat(n));
/** A value of the wrong JSON type for a String or ID field (numbers are valid IDs, so only floats here). */
const notAString = fc.oneof(fc.constant(true), fc.constant(1.5), fc.constant({}), fc.constant([{}]));
/** A value of the wrong type for an Int field. */
const notAnInt = fc.oneof(fc.constant("12"), fc.constant(1.5), fc.constant(2 ** 31), fc.constant(false), fc.constant(null));
/** Text that is anything but four ASCII digits: unicode digits, signs, spaces, other lengths. */
const notAPin = fc.oneof(
  fc.constantFrom("", "123", "12345", "12a4", "٤٨٢١", " 4821", "4821 ", "-482", "４８２１"),
  fc.string({ unit: "binary", maxLength: 8 }).filter((s) => !/^\d{4}$/.test(s)),
);
/** What the store cannot hold or a reader should not see: C0/C1 controls (NUL first), DEL, unpaired surrogates. */
const controlChar = fc.constantFrom("\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009b", "\ud800", "\udfff");
/** Tabs and line breaks, refused in one-line fields (names, addresses, ids, keys). */
const lineBreak = fc.constantFrom("\n", "\r", "\t", "\r\n");
/** Short valid-looking text with the given characters inside it. */
const withInside = (chars: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom("", "Ada", "12 Marina"), chars, fc.constantFrom("", "x", "Okafor")).map(([a, c, b]) => `${a}${c}${b}`);
const unsafeText = withInside(controlChar);
const unsafeLine = withInside(fc.oneof(controlChar, lineBreak));
/** A JSON object with an own key (an object literal would set the prototype for `__proto__`). */
const ownKey = (key: string, value: unknown): Json => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`);
const badEnum = (...values: string[]) => fc.oneof(fc.constantFrom(...values), fc.string({ unit: "grapheme", maxLength: 6 }).map((s) => `x${s}`), fc.constant(3));
const notAMongoId = fc.oneof(fc.constantFrom("", "abc", "z".repeat(24), "64b0c0ffee0000000000c00", "64B0C0FFEE0000000000C0011"), longText(25, 300));
const pastMonth = fc.integer({ min: 1, max: 600 }).map((back) => {
  const total = thisYear * 12 + (thisMonth - 1) - back;
  return { month: (total % 12) + 1, year: Math.floor(total / 12) };
});

const bankViolations: fc.Arbitrary<Violation>[] = [
  fc.oneof(fc.constant(""), longText(256), notAString, fc.constant(undefined)).map((v) => change("bank", "customerId", { customerId: v })),
  fc.oneof(fc.constantFrom("", "CONN000", "conn0987654321"), longText(256)).map((v) => change("bank", "connectionId", { connectionId: v })),
  badEnum("active", "CANCELED", "Active").map((v) => change("bank", "status", { status: v })),
  fc.oneof(fc.constant(""), longText(256), notAString, fc.constant(undefined)).map((v) => change("bank", "holderName", { holderName: v })),
  fc.oneof(notAPin, fc.constant(4821), fc.constant(undefined)).map((v) => change("bank", "defaultPin", { defaultPin: v })),
  pastMonth.map((expiry) => change("bank", "expiry", { expiry })),
  fc.oneof(fc.constantFrom(0, 13, -1, 99), notAnInt, fc.constant(undefined)).map((v) => change("bank", "expiry.month", { "expiry.month": v })),
  fc.oneof(fc.constantFrom(999, 10_000, 29), notAnInt, fc.constant(undefined)).map((v) => change("bank", "expiry.year", { "expiry.year": v })),
  fc.constantFrom(undefined, null, "2029-12").map((v) => change("bank", "expiry", { expiry: v })),
  fc.oneof(fc.constant(""), longText(256), fc.constant(1)).map((v) => change("bank", "productId", { productId: v })),
  badEnum("virtual", "CARD").map((v) => change("bank", "type", { type: v })),
  badEnum("debit", "LOAN").map((v) => change("bank", "mode", { mode: v })),
  badEnum("USD", "ngn").map((v) => change("bank", "currency", { currency: v })),
  fc.constantFrom("NGA", "XX", "N", "🇳🇬", "").map((v) => change("bank", "address.country", { "address.country": v })),
  fc.constantFrom("street", "city", "state").chain((part) => longText(256).map((v) => change("bank", `address.${part}`, { [`address.${part}`]: v }))),
  fc.integer({ min: 21, max: 200 }).map((n) => change("bank", "customProperties", { customProperties: Array.from({ length: n }, (_, i) => ({ id: `p${i}` })) })),
  fc.constantFrom("", undefined, null).map((id) => change("bank", "customProperties.0.id", { customProperties: [{ id, value: "v" }] })),
  fc.constantFrom("id", "description", "type", "value").chain((key) =>
    longText(256, 2000).map((v) => change("bank", `customProperties.0.${key}`, { customProperties: [{ id: "p0", [key]: v }] })),
  ),
  unsafeLine.chain((v) =>
    fc
      .constantFrom("customerId", "holderName", "productId", "address.street", "address.city", "address.state")
      .map((field) => change("bank", field, { [field]: v })),
  ),
  fc.tuple(fc.constantFrom("id", "type"), unsafeLine).map(([key, v]) => change("bank", `customProperties.0.${key}`, { customProperties: [{ id: "p0", [key]: v }] })),
  fc.tuple(fc.constantFrom("description", "value"), unsafeText).map(([key, v]) => change("bank", `customProperties.0.${key}`, { customProperties: [{ id: "p0", [key]: v }] })),
];

const virtual = { type: "VIRTUAL", programId: null };
const physical = (brand: string) => ({ type: "PHYSICAL", brand });

const sudoViolations: fc.Arbitrary<Violation>[] = [
  fc.oneof(notAMongoId, notAString, fc.constant(undefined)).map((v) => change("sudo", "customerId", { customerId: v })),
  badEnum("virtual", "CARD").map((v) => change("sudo", "type", { type: v })),
  badEnum("Verve", "AMEX").map((v) => change("sudo", "brand", { brand: v })),
  fc.constant(change("sudo", "brand", { ...virtual, brand: null })),
  fc.constant(change("sudo", "debitAccountId", { ...virtual, debitAccountId: null })),
  notAMongoId.map((v) => change("sudo", "debitAccountId", { debitAccountId: v })),
  fc.constantFrom("VERVE", "AFRIGO", "MASTERCARD").map((brand) => change("sudo", "number", { ...physical(brand), number: null })),
  fc.oneof(fc.constantFrom("506099", "5060990000000000000000", "5060 9900 0000 0000", "٥٠٦٠٩٩٠٠٠٠٠٠٠٠٠٠"), longText(20, 100)).map((n) => change("sudo", "number", { ...physical("VERVE"), number: n })),
  fc.oneof(fc.constant(" "), longText(65, 500)).map((n) => change("sudo", "number", { ...physical("VISA"), number: n })),
  fc.constantFrom(null, 0).map((amount) => change("sudo", "amount", { brand: "MASTERCARD", amount })),
  fc.oneof(fc.integer({ min: -1_000_000, max: -1 }), notAnInt.filter((v) => v !== null)).map((amount) => change("sudo", "amount", { amount })),
  fc.constantFrom("VERVE", "AFRIGO").map((brand) => change("sudo", "currency", { brand, currency: "USD" })),
  badEnum("usd", "EUR").map((v) => change("sudo", "currency", { currency: v })),
  badEnum("active", "CANCELED").map((v) => change("sudo", "status", { status: v })),
  badEnum("NG", "GBR").map((v) => change("sudo", "issuerCountry", { issuerCountry: v })),
  fc.constant(change("sudo", "accountNumber", { bankCode: "058", accountNumber: null })),
  fc.constant(change("sudo", "bankCode", { bankCode: null, accountNumber: "0123456789" })),
  fc.constantFrom("58", "058a", "1234567", "٠٥٨").map((v) => change("sudo", "bankCode", { bankCode: v, accountNumber: "0123456789" })),
  fc.constantFrom("123", "01234567890", "012345678a").map((v) => change("sudo", "accountNumber", { bankCode: "058", accountNumber: v })),
  fc.constant(change("sudo", "replacementReason", { replacementFor: "64b0c0ffee0000000000d001", replacementReason: null })),
  fc.constant(change("sudo", "replacementFor", { replacementFor: null, replacementReason: "LOST" })),
  notAMongoId.map((v) => change("sudo", "replacementFor", { replacementFor: v, replacementReason: "STOLEN" })),
  fc.integer({ min: 0, max: 30 }).map((m) => change("sudo", "expirationDate", { brand: "VERVE", expirationDate: expirationDateIn(m) })),
  fc.integer({ min: 1, max: 240 }).map((m) => change("sudo", "expirationDate", { brand: "VISA", expirationDate: expirationDateIn(-m) })),
  fc.integer({ min: 37, max: 600 }).map((m) => change("sudo", "expirationDate", { brand: "VISA", expirationDate: expirationDateIn(m) })),
  fc.constantFrom("aug-2027", "2027-08", "AUG2027", "AUG-27", "ÄUG-2027", "").map((v) => change("sudo", "expirationDate", { brand: "VISA", expirationDate: v })),
  notAMongoId.map((v) => change("sudo", "fundingSourceId", { fundingSourceId: v })),
  notAMongoId.map((v) => change("sudo", "programId", { programId: v })),
  fc.oneof(
    fc.integer({ min: 51, max: 120 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
    fc.string({ unit: "grapheme", minLength: 41, maxLength: 60 }).map((k) => ({ [k]: 1 })),
    fc.constantFrom({ "": 1 }, { nested: { a: 1 } }, { list: [1] }, { cardsSubgraphCardId: "crd_x" }),
    longText(4100, 6000).map((v) => ({ note: v })),
  ).map((metadata) => change("sudo", "metadata", { metadata })),
  fc.constantFrom("x", [1], 5, true).map((metadata) => change("sudo", "metadata", { metadata })),
  fc.oneof(
    unsafeLine.map((key) => ownKey(key, "v")),
    unsafeText.map((value) => ({ note: value })),
    fc.constantFrom("__proto__", "constructor", "prototype").map((key) => ownKey(key, "x")),
  ).map((metadata) => change("sudo", "metadata", { metadata })),
  unsafeLine.map((n) => change("sudo", "number", { ...physical("VISA"), number: n })),
  fc.constant(change("sudo", "spendingControls.blockedCategories", { spendingControls: { allowedCategories: ["5411"], blockedCategories: ["7995"] } })),
  fc.constantFrom("12345", "abcd", "٠١٢٣", "", "541").map((mcc) => change("sudo", "spendingControls.allowedCategories", { spendingControls: { allowedCategories: [mcc] } })),
  fc.integer({ min: 101, max: 300 }).map((n) => change("sudo", "spendingControls.blockedCategories", { spendingControls: { blockedCategories: Array(n).fill("7995") } })),
  fc.integer({ min: 21, max: 60 }).map((n) => change("sudo", "spendingControls.spendingLimits", { spendingControls: { spendingLimits: Array(n).fill({ amount: 1, interval: "DAILY" }) } })),
  fc.oneof(fc.double({ max: -0.001, noNaN: true, noDefaultInfinity: true }), fc.constantFrom("5", null, undefined)).map((amount) =>
    change("sudo", "spendingControls.spendingLimits.0.amount", { spendingControls: { spendingLimits: [{ amount, interval: "DAILY" }] } }),
  ),
  badEnum("daily", "HOURLY").map((interval) => change("sudo", "spendingControls.spendingLimits.0.interval", { spendingControls: { spendingLimits: [{ amount: 1, interval }] } })),
  fc.constantFrom("yes", 1, "true").map((atm) => change("sudo", "spendingControls.channels.atm", { spendingControls: { channels: { atm } } })),
  fc.constantFrom("true", 1, "yes").map((v) => change("sudo", "sendPinSms", { sendPinSms: v })),
  fc.constantFrom("true", 0, "on", [true]).map((v) => change("sudo", "enable2FA", { enable2FA: v })),
];

/** Fields the input types do not have: typos, card data, prototype keys. */
const extraField = (provider: "bank" | "sudo") =>
  fc.constantFrom("cvv2", "pan", "cardNumber", "customerID", "__proto__", "constructor", "ñame").map((name) => ({
    field: `input.${provider}.${name}`,
    apply: ({ input }: { input: Json }) => {
      Object.defineProperty(input[provider] as Json, name, { value: "4111111111111111", enumerable: true, configurable: true, writable: true });
    },
  }));

const keyViolation: fc.Arbitrary<Violation> = fc
  .oneof(fc.constantFrom("", " ", "a b", "é-key", "key\n", "\u0000"), longText(256, 2000), fc.constant(42), fc.constant(null), fc.constant(undefined), fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).filter((s) => /[^\x21-\x7e]/.test(s)))
  .map((idempotencyKey) => ({ field: "idempotencyKey", apply: (request) => void (request.idempotencyKey = idempotencyKey) }));

/** One provider's valid input with 1 to 4 violations, each on a different field, sometimes with a bad key too. */
function providerRequest(provider: "bank" | "sudo", violations: fc.Arbitrary<Violation>[]): fc.Arbitrary<InvalidRequest> {
  const base = () => (provider === "bank" ? { bank: bankInput() } : { sudo: sudoInput() });
  return fc
    .tuple(fc.uniqueArray(fc.oneof(...violations, extraField(provider)), { minLength: 1, maxLength: 4, selector: (v) => v.field }), fc.option(keyViolation, { freq: 8 }))
    .map(([chosen, key]) => build(base(), [...chosen, ...(key ? [key] : [])]));
}

/** Requests wrong as a whole: not exactly one provider, extra members, an input that is not an object. */
const envelopeRequest: fc.Arbitrary<InvalidRequest> = fc
  .constantFrom<Json | unknown>({}, { bank: bankInput(), sudo: sudoInput() }, { bank: null }, { bank: null, sudo: sudoInput() }, { bank: bankInput(), extra: 1 }, "bank", [], 5, null)
  .map((input) => ({ idempotencyKey: "envelope", input: structuredClone(input), fields: ["input"] }));

function build(input: Json, violations: Violation[]): InvalidRequest {
  const request = { idempotencyKey: "valid-key" as unknown, input };
  for (const violation of violations) violation.apply(request);
  return { ...request, fields: violations.map((v) => v.field) };
}

export const invalidBankRequest = providerRequest("bank", bankViolations);
export const invalidSudoRequest = providerRequest("sudo", sudoViolations);
export const invalidEnvelope = envelopeRequest;
export const invalidKeyOnly = fc.constantFrom<"bank" | "sudo">("bank", "sudo").chain((p) =>
  keyViolation.map((key) => build(p === "bank" ? { bank: bankInput() } : { sudo: sudoInput() }, [key])),
);

import { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { CreateCardDocument } from "../__generated__/graphql";
import { sanitizeProviderText } from "../../src/errors";
import { createLogger } from "../../src/logger";
import { luhnValidPan } from "../../src/sandbox/pan";
import { startHarness, type Harness } from "../support/app";
import { bankInput, sudoInput } from "../support/inputs";

// Issue 9 item 6: the bank's card token reached providerMessage and card_attempts.error; a card number typed into
// free text was stored and returned; PGlite errors were logged with the statement's parameters.

const PAN = luhnValidPan("4", 16);
const VERVE = luhnValidPan("506099", 19);
const grouped = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, "$1 ");

describe("provider text", () => {
  it.each([
    ["the bank's card token", "tok_9f2c4e6a8b0d1f3e5a7c9e1b"],
    ["an upper-case token", "TOK_9F2C4E6A8B0D1F3E5A7C9E1B"],
    ["a payment-method token", "pm_1Nq8Zr2eZvKYlo2C0aBcDeFg"],
    ["a live secret key", "sk_live_51Hx9aZ2eZvKYlo2C7d8e9f0"],
  ])("redacts %s but keeps its prefix", (_name, token) => {
    const clean = sanitizeProviderText(`card_token ${token} is already bound to card ${token}.`);
    expect(clean).not.toContain(token.slice(-12));
    expect(clean).toMatch(/_\[redacted\] is already bound/);
  });

  it("leaves ordinary words with underscores and Mongo ids readable", () => {
    const text = "card_settings invalid for customer cus_ada (request_id abc-123)";
    expect(sanitizeProviderText(text)).toBe(text);
  });
});

describe("card numbers in free text", () => {
  let h: Harness;
  let keyNo = 0;
  const key = () => `pan-text-${process.pid}-${++keyNo}`;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it.each([
    ["holderName", "input.bank.holderName", bankInput({ holderName: `Ada ${grouped(PAN)}` })],
    ["address.street", "input.bank.address.street", bankInput({ address: { street: PAN, city: "Lagos", country: "NG" } })],
    ["a custom property", "input.bank.customProperties.0.value", bankInput({ customProperties: [{ id: "ref", value: `card ${PAN}` }] })],
  ])("refuses a bank card with a card number in %s, before any call", async (_name, field, bank) => {
    const before = h.bank.requests.length;
    const { body, text } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank } });
    expect(body.errors![0]).toMatchObject({ message: expect.stringMatching(/looks like a card number/), extensions: { code: "BAD_USER_INPUT", field } });
    expect(text).not.toContain(PAN);
    expect(h.bank.requests.length).toBe(before);
  });

  it.each([
    ["a metadata value", "input.sudo.metadata", { note: `pay with ${VERVE}` }],
    ["a metadata value sent as a number", "input.sudo.metadata", { ref: Number(PAN) }],
    ["a metadata key", "input.sudo.metadata", { [PAN]: "x" }],
  ])("refuses a Sudo card with a card number in %s, before any call", async (_name, field, metadata) => {
    const before = h.sudo.requests.length;
    const { body, text } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput({ metadata }) } });
    expect(body.errors![0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field } });
    expect(text).not.toContain(PAN);
    expect(text).not.toContain(VERVE);
    expect(h.sudo.requests.length).toBe(before);
  });

  it("still issues cards whose text only has short or non-Luhn digit runs", async () => {
    const metadata = { orderRef: "A-1001", at: String(Date.now()), phone: "+2348031234567", notLuhn: PAN.slice(0, -1) + ((Number(PAN.slice(-1)) + 1) % 10) };
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput({ metadata }) } });
    expect(body.errors).toBeUndefined();
  });
});

describe("database errors in logs", () => {
  it("are logged without the statement's parameters or the row values in their detail", async () => {
    const db = new PGlite();
    await db.query("create table t (holder text primary key)");
    await db.query("insert into t values ($1)", ["Ada Secret-Holder"]);
    const failure = await db.query("insert into t values ($1)", ["Ada Secret-Holder"]).catch((error: unknown) => error);
    await db.close();
    expect(failure).toHaveProperty("params");

    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) });
    createLogger("info", sink).error({ err: failure }, "store write failed");
    const line = JSON.parse(lines.join(""));
    expect(line.err).toMatchObject({ message: expect.stringMatching(/duplicate key/), code: "23505", detail: "Key (holder)=([REDACTED]) already exists." });
    expect(lines.join("")).not.toContain("Secret-Holder");
  });
});

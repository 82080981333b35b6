import { encryptPin } from "../../src/providers/bank/pin";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { apiHeaders, consentToken, getCards, postCard, validCardBody } from "./bank-helpers";
import { isLuhnValid } from "../../src/luhn";

type Json = Record<string, unknown>;
const year = new Date().getUTCFullYear();

describe("bank sandbox: card routes", () => {
  let sb: BankSandbox;
  let token: string;

  beforeAll(async () => {
    sb = await startBankSandbox();
    token = (await consentToken(sb)).access_token;
  });
  afterAll(() => sb.stop());
  beforeEach(() => sb.reset());

  async function create(body: unknown): Promise<{ status: number; json: Json }> {
    const res = await postCard(sb, apiHeaders(sb, token), body);
    return { status: res.status, json: (await res.json()) as Json };
  }

  async function errorsFor(body: unknown): Promise<Array<{ field: string; code: string }>> {
    const { status, json } = await create(body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ status: "error", message: "Validation failed" });
    return (json.errors as Array<{ field: string; code: string; message: string }>).map(({ field, code, message }) => {
      expect(message).toEqual(expect.any(String));
      return { field, code };
    });
  }

  describe("POST /cards validation", () => {
    it("collects every missing required field at once", async () => {
      expect(await errorsFor({})).toEqual([
        { field: "card_status", code: "REQUIRED" },
        { field: "card_holder_name", code: "REQUIRED" },
        { field: "card_default_pin", code: "REQUIRED" },
        { field: "card_expiry", code: "REQUIRED" },
      ]);
      expect(sb.cards()).toHaveLength(0);
    });

    it("reports wrong enums, types, lengths and formats with dotted field paths", async () => {
      const errors = await errorsFor(
        validCardBody(sb, {
          card_status: "active",
          card_holder_name: "x".repeat(256),
          card_type: "PLASTIC",
          card_mode: "DEBIT ",
          card_currency: "USD",
          card_expiry: { month: "13", year: "27" },
          product_id: "9",
          card_address: { street: 12, city: "Lagos", country: "Nigeria" },
          custom_properties: [{ description: "d", type: "string" }, "oops"],
        }),
      );
      expect(errors).toEqual([
        { field: "card_status", code: "INVALID_ENUM" },
        { field: "card_holder_name", code: "TOO_LONG" },
        { field: "card_expiry.month", code: "INVALID_FORMAT" },
        { field: "card_expiry.year", code: "INVALID_FORMAT" },
        { field: "product_id", code: "INVALID_PRODUCT" },
        { field: "card_type", code: "INVALID_ENUM" },
        { field: "card_mode", code: "INVALID_ENUM" },
        { field: "card_currency", code: "INVALID_ENUM" },
        { field: "card_address.street", code: "INVALID_TYPE" },
        { field: "card_address.country", code: "INVALID_FORMAT" },
        { field: "custom_properties.0.id", code: "REQUIRED" },
        { field: "custom_properties.1", code: "INVALID_TYPE" },
      ]);
    });

    it("rejects an expiry month that has already passed, and accepts the current month", async () => {
      const now = new Date();
      const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      const past = { month: String(lastMonth.getUTCMonth() + 1).padStart(2, "0"), year: String(lastMonth.getUTCFullYear()) };
      expect(await errorsFor(validCardBody(sb, { card_expiry: past }))).toEqual([{ field: "card_expiry", code: "EXPIRED" }]);

      const current = { month: now.getUTCMonth() + 1, year: now.getUTCFullYear() };
      const { status, json } = await create(validCardBody(sb, { card_expiry: current }));
      expect(status).toBe(200);
      expect((json.data as Json).card_expiry).toEqual({ month: String(current.month).padStart(2, "0"), year: String(current.year) });
    });

    it("requires card_expiry to be an object with both parts", async () => {
      expect(await errorsFor(validCardBody(sb, { card_expiry: "01/29" }))).toEqual([{ field: "card_expiry", code: "INVALID_TYPE" }]);
      expect(await errorsFor(validCardBody(sb, { card_expiry: { month: "1", year: 2029.5 } }))).toEqual([
        { field: "card_expiry.month", code: "INVALID_FORMAT" },
        { field: "card_expiry.year", code: "INVALID_FORMAT" },
      ]);
      expect(await errorsFor(validCardBody(sb, { card_expiry: {} }))).toEqual([
        { field: "card_expiry.month", code: "REQUIRED" },
        { field: "card_expiry.year", code: "REQUIRED" },
      ]);
    });

    it.each([
      ["a plain 4-digit PIN (not encrypted)", () => "4821"],
      ["a PIN encrypted with another secret", () => encryptPin("4821", "someone-else", "aes-256-cbc-sha256key-ivprefix-b64")],
      ["an encrypted 3-digit PIN", () => encryptPin("482", sb.clientSecret, "aes-256-cbc-sha256key-ivprefix-b64")],
      ["an encrypted non-numeric PIN", () => encryptPin("abcd", sb.clientSecret, "aes-256-cbc-sha256key-ivprefix-b64")],
      ["the wrapped form when the plain base64 scheme is configured", () => encryptPin("4821", sb.clientSecret, "aes-256-cbc-sha256key-ivprefix-b64-wrapped")],
    ])("rejects %s with INVALID_PIN", async (_label, pin) => {
      expect(await errorsFor(validCardBody(sb, { card_default_pin: pin() }))).toEqual([{ field: "card_default_pin", code: "INVALID_PIN" }]);
    });

    it("rejects a body that is JSON but not an object", async () => {
      expect(await errorsFor("[1,2]")).toEqual([{ field: "body", code: "INVALID_TYPE" }]);
    });

    it("ignores unknown fields and treats null optional fields as absent", async () => {
      const { status } = await create(validCardBody(sb, { favourite_colour: "green", card_address: null, card_type: null }));
      expect(status).toBe(200);
    });
  });

  describe("PIN schemes", () => {
    it.each(["aes-256-cbc-sha256key-ivprefix-b64-wrapped", "plaintext"] as const)("decrypts with the configured %s scheme", async (scheme) => {
      const other = await startBankSandbox({ pinScheme: scheme });
      try {
        const otherToken = (await consentToken(other)).access_token;
        const pin = encryptPin("0007", other.clientSecret, scheme);
        const res = await postCard(other, apiHeaders(other, otherToken), validCardBody(other, { card_default_pin: pin }));
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data: Json }).data.card_default_pin).toBe(pin);
      } finally {
        await other.stop();
      }
    });
  });

  describe("POST /cards success", () => {
    it("answers 200 with the A.8 card: bound customer, scheme from product, Luhn PAN, CVV2, echoes and string expiry", async () => {
      const body = validCardBody(sb, {
        product_id: "2",
        card_expiry: { month: 7, year: year + 2 },
        card_address: { street: "1 Marina", city: "Lagos", state: "LA", country: "NG" },
        custom_properties: [{ id: "ref", description: "our ref", type: "string", value: "abc" }],
      });
      const { status, json } = await create(body);
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: "00", message: "Card created successfully" });
      const card = json.data as Json;
      const ada = sb.customers.find((c) => c.id === "cus_ada");
      expect(card).toEqual({
        card_id: expect.any(String),
        customer_id: "cus_ada",
        product_id: "2",
        account_number: ada?.accountNumber,
        card_scheme: "MASTERCARD",
        card_type: "VIRTUAL",
        card_mode: "DEBIT",
        card_status: "ACTIVE",
        card_currency: "NGN",
        card_holder_name: "Ada Okafor",
        card_number: expect.stringMatching(/^5[1-5]\d{14}$/),
        card_cvv2: expect.stringMatching(/^\d{3}$/),
        card_default_pin: body.card_default_pin,
        card_token: expect.any(String),
        card_expiry: { month: "07", year: String(year + 2) },
        card_address: { street: "1 Marina", city: "Lagos", state: "LA", country: "NG" },
        custom_properties: [{ id: "ref", description: "our ref", type: "string", value: "abc" }],
      });
      expect(isLuhnValid(card.card_number as string)).toBe(true);
      expect(sb.cards()).toEqual([card]);
    });

    it.each([
      ["1", "VISA", /^4\d{15}$/],
      ["3", "VERVE", /^506\d{13}$/],
      [undefined, "VERVE", /^506\d{13}$/],
    ])("maps product_id %s to %s with a matching BIN", async (productId, scheme, pan) => {
      const { json } = await create(validCardBody(sb, { product_id: productId }));
      const card = json.data as Json;
      expect(card).toMatchObject({ card_scheme: scheme, product_id: productId ?? "3" });
      expect(card.card_number).toMatch(pan);
      expect(isLuhnValid(card.card_number as string)).toBe(true);
    });

    it("gives every card a unique id and keeps the requested optional enums", async () => {
      const a = (await create(validCardBody(sb, { card_type: "PHYSICAL", card_mode: "PREPAID" }))).json.data as Json;
      const b = (await create(validCardBody(sb))).json.data as Json;
      expect(a).toMatchObject({ card_type: "PHYSICAL", card_mode: "PREPAID", card_address: null, custom_properties: [] });
      expect(a.card_id).not.toBe(b.card_id);
    });
  });

  describe("GET /cards and GET /cards/:card_id", () => {
    it("lists only the token customer's cards and finds one by id", async () => {
      const mine = ((await create(validCardBody(sb))).json.data as Json).card_id as string;
      const bayo = (await consentToken(sb, { customer: "cus_bayo" })).access_token;
      const theirs = await postCard(sb, apiHeaders(sb, bayo), validCardBody(sb, { card_holder_name: "Bayo Adeyemi" }));
      const theirId = ((await theirs.json()) as { data: Json }).data.card_id as string;

      const list = await getCards(sb, apiHeaders(sb, token));
      expect(list.status).toBe(200);
      const listed = (await list.json()) as { status: string; message: string; data: { cards: Json[] } };
      expect(listed).toMatchObject({ status: "00", message: "Cards retrieved successfully" });
      expect(listed.data.cards.map((c) => c.card_id)).toEqual([mine]);

      const one = await getCards(sb, apiHeaders(sb, token), `/cards/${mine}`);
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({ status: "00", data: { card_id: mine, customer_id: "cus_ada" } });

      for (const id of [theirId, "crd_missing"]) {
        const missing = await getCards(sb, apiHeaders(sb, token), `/cards/${id}`);
        expect(missing.status).toBe(404);
        expect(await missing.json()).toEqual({ status: "25", message: "Unable to locate record" });
      }
    });

    it("still requires the idempotency key and signature on GET", async () => {
      const { signature: _s, "idempotency-key": _k, ...headers } = apiHeaders(sb, token);
      expect((await getCards(sb, headers)).status).toBe(400);
    });
  });

  describe("transport", () => {
    it("answers 404 Not found for unknown paths and methods", async () => {
      for (const [method, path] of [["GET", "/accounts"], ["DELETE", "/cards"], ["GET", "/cards/a/b"]]) {
        const res = await fetch(`${sb.url}${path}`, { method, headers: apiHeaders(sb, token) });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ status: "error", message: "Not found" });
      }
    });

    it("answers 413 to a body over 1 MB and creates nothing", async () => {
      const res = await postCard(sb, apiHeaders(sb, token), validCardBody(sb, { padding: "x".repeat(1_100_000) }));
      expect(res.status).toBe(413);
      expect(sb.cards()).toHaveLength(0);
    });

    it("records every request with its final status", async () => {
      await create(validCardBody(sb));
      await create({});
      expect(sb.count("POST", "/cards")).toBe(2);
      expect(sb.requests.map((r) => [r.method, r.path, r.status])).toEqual([["POST", "/cards", 200], ["POST", "/cards", 400]]);
    });

    it("hands out copies of the stored cards", async () => {
      await create(validCardBody(sb));
      (sb.cards()[0] as { card_status: string }).card_status = "LOST";
      expect(sb.cards()[0].card_status).toBe("ACTIVE");
    });
  });
});

import { signIdempotencyKey } from "../../src/providers/bank/signature";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { apiHeaders, clientCredentialsToken, consentToken, getCards, postCard } from "./bank-helpers";

/**
 * FACTS A.13 fixes the order of the API checks. Each case breaks its own check AND every later one, so only the
 * check under test answering proves it runs before the rest.
 */
describe("bank sandbox: API header checks", () => {
  let sb: BankSandbox;
  let token: string;

  beforeAll(async () => {
    sb = await startBankSandbox({ rateLimitPerMinute: 3 });
    token = (await consentToken(sb)).access_token;
  });
  afterAll(() => sb.stop());
  beforeEach(() => sb.reset());

  const brokenAfterAuth = { "connection-id": "CONN0000000000", "idempotency-key": "", signature: "bad" };

  describe("in order", () => {
    it("1a. no or malformed Authorization: 401 before anything else", async () => {
      for (const authorization of [undefined, "Token abc", "Bearer"]) {
        const headers: Record<string, string> = { ...brokenAfterAuth, ...(authorization ? { authorization } : {}) };
        const res = await postCard(sb, headers, "not json");
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ message: "Missing or malformed Authorization header" });
      }
    });

    it("1b. a token this sandbox did not sign: 401", async () => {
      const other = await startBankSandbox({ clientId: sb.clientId, clientSecret: sb.clientSecret });
      try {
        const foreign = (await consentToken(other)).access_token;
        for (const bad of [foreign, `${token}x`, "a.b.c"]) {
          const res = await postCard(sb, { ...brokenAfterAuth, authorization: `Bearer ${bad}` }, "not json");
          expect(res.status).toBe(401);
          expect(await res.json()).toEqual({ message: "Invalid access token" });
        }
      } finally {
        await other.stop();
      }
    });

    it("1c. a client-credentials token (no customer consent): 403", async () => {
      const cc = await clientCredentialsToken(sb);
      const res = await postCard(sb, { ...brokenAfterAuth, authorization: `Bearer ${cc}` }, "not json");
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: "Customer consent is required for this API" });
    });

    it("2. a connection-id other than the token's: 403 Invalid connection", async () => {
      const res = await postCard(sb, { ...brokenAfterAuth, authorization: `Bearer ${token}` }, "not json");
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ status: "error", message: "Invalid connection" });
    });

    it("2. a token bound to the second connection is refused on the first", async () => {
      const second = (await consentToken(sb, { target_connection_id: sb.connectionIds[1] })).access_token;
      const res = await getCards(sb, apiHeaders(sb, second));
      expect(res.status).toBe(403);
      const ok = await getCards(sb, { ...apiHeaders(sb, second), "connection-id": sb.connectionIds[1] });
      expect(ok.status).toBe(200);
    });

    it("3. a missing or over-long idempotency-key: 400 before the signature is looked at", async () => {
      const missing = await postCard(sb, { authorization: `Bearer ${token}`, signature: "bad" }, "not json");
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({
        status: "error",
        message: "Validation failed",
        errors: [{ field: "idempotency-key", code: "REQUIRED", message: expect.any(String) }],
      });
      const long = await postCard(sb, { authorization: `Bearer ${token}`, "idempotency-key": "k".repeat(256), signature: "bad" }, "x");
      expect(long.status).toBe(400);
      expect(await long.json()).toMatchObject({ errors: [{ field: "idempotency-key", code: "TOO_LONG" }] });
    });

    it("4. a missing or wrong signature: 401 Invalid signature", async () => {
      const headers = apiHeaders(sb, token, "key-4");
      for (const signature of [undefined, signIdempotencyKey(sb.clientSecret, "another-key", "hex"), signIdempotencyKey("wrong-secret", "key-4", "hex")]) {
        const { signature: _dropped, ...rest } = headers;
        const res = await postCard(sb, signature ? { ...rest, signature } : rest, "not json");
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ status: "error", message: "Invalid signature" });
      }
    });

    it("5. over the per-minute limit: 429 with Retry-After, before the body is validated", async () => {
      for (let i = 0; i < 3; i++) expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(200);
      const res = await postCard(sb, apiHeaders(sb, token), "not json");
      expect(res.status).toBe(429);
      expect(await res.json()).toEqual({ status: "error", message: "Too many requests" });
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it("6. only then the body: 400 for a non-JSON body", async () => {
      const res = await postCard(sb, apiHeaders(sb, token), "not json");
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ status: "error", message: "Validation failed", errors: [{ field: "body", code: "INVALID_JSON" }] });
    });
  });

  describe("rate limit window", () => {
    it("counts only requests that passed the earlier checks, and frees up after a minute or a reset", async () => {
      for (let i = 0; i < 5; i++) await getCards(sb, { ...apiHeaders(sb, token), signature: "bad" });
      for (let i = 0; i < 3; i++) expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(200);
      expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(429);

      const realNow = Date.now;
      const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 61_000);
      try {
        expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(200);
      } finally {
        spy.mockRestore();
      }
      sb.reset();
      expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(200);
    });
  });

  describe("header spellings and signature forms", () => {
    it("uses the token's connection when connection-id is absent", async () => {
      const { "connection-id": _dropped, ...headers } = apiHeaders(sb, token);
      expect((await getCards(sb, headers)).status).toBe(200);
    });

    it("accepts the SHA-256(<hex>) wrapper only when lenientSignature is on", async () => {
      const wrapped = (headers: Record<string, string>) => ({ ...headers, signature: `SHA-256(${headers.signature})` });
      expect((await getCards(sb, wrapped(apiHeaders(sb, token)))).status).toBe(401);

      const lenient = await startBankSandbox({ lenientSignature: true });
      try {
        const lenientToken = (await consentToken(lenient)).access_token;
        expect((await getCards(lenient, wrapped(apiHeaders(lenient, lenientToken)))).status).toBe(200);
        expect((await getCards(lenient, apiHeaders(lenient, lenientToken))).status).toBe(200);
      } finally {
        await lenient.stop();
      }
    });
  });
});

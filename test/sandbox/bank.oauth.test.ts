import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import {
  apiHeaders, clientCredentialsToken, consentToken, getCards, postForm, requestDeviceCode, requestToken,
} from "./bank-helpers";

const DEVICE_GRANT = BANK_CONTRACT.deviceCodeGrant;

function decodeClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("bank sandbox: OAuth endpoints", () => {
  let sb: BankSandbox;
  const tokenUrl = () => `${sb.authBaseUrl}${sb.wire.tokenPath}`;

  beforeAll(async () => {
    sb = await startBankSandbox();
  });
  afterAll(() => sb.stop());
  beforeEach(() => sb.reset());

  describe("client authentication", () => {
    it("accepts HTTP Basic and returns an RFC 6749 client-credentials token with no customer bound", async () => {
      const res = await requestToken(sb, { grant_type: "client_credentials", scope: "billers.list" });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600, scope: "billers.list" });
      const claims = decodeClaims(body.access_token as string);
      expect(claims).toMatchObject({ sub: sb.clientId, scope: "billers.list", jti: expect.any(String) });
      expect(claims.exp).toBe((claims.iat as number) + 3600);
      expect(claims).not.toHaveProperty("customer_id");
      expect(sb.tokensIssued()).toBe(1);
    });

    it("refuses client_id and client_secret in the form body when configured for HTTP Basic (bank.wire-variants.test.ts has the rest)", async () => {
      const res = await postForm(tokenUrl(), { grant_type: "client_credentials", client_id: sb.clientId, client_secret: sb.clientSecret });
      expect(res.status).toBe(401);
    });

    it("answers 401 invalid_client for a wrong secret in Basic, a wrong one in the body, or none", async () => {
      const wrongBasic = `Basic ${Buffer.from(`${sb.clientId}:wrong`).toString("base64")}`;
      const attempts = [
        postForm(tokenUrl(), { grant_type: "client_credentials" }, { authorization: wrongBasic }),
        postForm(tokenUrl(), { grant_type: "client_credentials", client_id: sb.clientId, client_secret: "wrong" }),
        postForm(tokenUrl(), { grant_type: "client_credentials", client_id: sb.clientId }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: "invalid_client", error_description: expect.any(String) });
      }
      expect(sb.tokensIssued()).toBe(0);
    });
  });

  it("answers 400 invalid_request without grant_type and 400 unsupported_grant_type for others", async () => {
    const missing = await requestToken(sb, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const other = await requestToken(sb, { grant_type: "password", username: "u", password: "p" });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  describe("device code flow", () => {
    it("answers the documented A.4 shape", async () => {
      const res = await requestDeviceCode(sb, { target_connection_id: sb.connectionIds[1] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        device_code: expect.any(String),
        user_code: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
        verification_uri: expect.stringContaining(sb.url),
        interval: 5,
        expires_in: 900,
        obn_custom_metadata: { consent_validation_method: "OAUTH2", consent_message: expect.any(String), consent_status: "PENDING_VALIDATION" },
      });
    });

    it.each([
      ["client_id is missing", { client_id: "" }, 400, "invalid_request"],
      ["scope is missing", { scope: "" }, 400, "invalid_request"],
      ["target_connection_id is unknown", { target_connection_id: "CONN0000000000" }, 400, "invalid_request"],
      ["client_id is unknown", { client_id: "someone-else" }, 401, "invalid_client"],
    ])("rejects the request when %s", async (_label, fields, status, error) => {
      const res = await requestDeviceCode(sb, fields);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error });
    });

    it("approves on the first poll with a token bound to the login_hint customer, then refuses the used code", async () => {
      const device = (await (await requestDeviceCode(sb, { login_hint: "cus_bayo", target_connection_id: sb.connectionIds[1] })).json()) as {
        device_code: string;
      };
      const first = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: device.device_code });
      expect(first.status).toBe(200);
      const tokens = (await first.json()) as Record<string, string>;
      expect(tokens).toMatchObject({ token_type: "Bearer", scope: sb.wire.scopes, refresh_token: expect.any(String) });
      expect(decodeClaims(tokens.access_token)).toMatchObject({
        customer_id: "cus_bayo",
        account_number: sb.customers.find((c) => c.id === "cus_bayo")?.accountNumber,
        connection_id: sb.connectionIds[1],
      });

      const again = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: device.device_code });
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    });

    it("binds the first seeded customer and the default connection when no hint is given", async () => {
      const { access_token } = await consentToken(sb);
      expect(decodeClaims(access_token)).toMatchObject({ customer_id: "cus_ada", connection_id: sb.connectionIds[0] });
    });

    it("answers access_denied when the login_hint names no seeded customer", async () => {
      const device = (await (await requestDeviceCode(sb, { login_hint: "cus_nobody" })).json()) as { device_code: string };
      const res = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: device.device_code });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "access_denied" });
      expect(sb.tokensIssued()).toBe(0);
    });

    it("answers invalid_grant for an unknown device code and invalid_request for a missing one", async () => {
      const unknown = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: "not-a-code" });
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ error: "invalid_grant" });
      const missing = await requestToken(sb, { grant_type: DEVICE_GRANT });
      expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    });

    it("answers invalid_grant for a device code polled after its 900 s lifetime", async () => {
      const device = (await (await requestDeviceCode(sb)).json()) as { device_code: string };
      const realNow = Date.now;
      const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 901_000);
      try {
        const res = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: device.device_code });
        expect(await res.json()).toMatchObject({ error: "invalid_grant" });
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe("token lifetime and refresh", () => {
    let shortLived: BankSandbox;
    beforeAll(async () => {
      shortLived = await startBankSandbox({ tokenTtlSeconds: 60 });
    });
    afterAll(() => shortLived.stop());

    it("rejects an expired access token with 401 and issues a working one for the same customer on refresh", async () => {
      const first = await consentToken(shortLived, { login_hint: "cus_chioma" });
      expect((await getCards(shortLived, apiHeaders(shortLived, first.access_token))).status).toBe(200);

      const realNow = Date.now;
      const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 61_000);
      try {
        const expired = await getCards(shortLived, apiHeaders(shortLived, first.access_token));
        expect(expired.status).toBe(401);
        expect(await expired.json()).toEqual({ message: "Access token expired" });

        const refreshed = await requestToken(shortLived, { grant_type: "refresh_token", refresh_token: first.refresh_token });
        expect(refreshed.status).toBe(200);
        const body = (await refreshed.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ expires_in: 60, refresh_token: first.refresh_token });
        expect(decodeClaims(body.access_token as string)).toMatchObject({ customer_id: "cus_chioma" });
        expect((await getCards(shortLived, apiHeaders(shortLived, body.access_token as string))).status).toBe(200);
      } finally {
        spy.mockRestore();
      }
    });

    it("answers invalid_grant for an unknown refresh token", async () => {
      const res = await requestToken(shortLived, { grant_type: "refresh_token", refresh_token: "made-up" });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_grant" });
    });
  });

  it("issues no customer binding on client credentials, so card routes answer 403", async () => {
    const token = await clientCredentialsToken(sb);
    const res = await getCards(sb, apiHeaders(sb, token));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: "Customer consent is required for this API" });
  });
});

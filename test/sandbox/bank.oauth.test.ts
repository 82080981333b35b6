import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { answerConsentPage } from "../../src/sandbox/bank/consent-page-client";
import {
  apiHeaders, basicAuth, clientCredentialsToken, consentToken, getCards, postForm, requestDeviceCode, requestToken,
} from "./bank-helpers";

const DEVICE_GRANT = BANK_CONTRACT.deviceCodeGrant;

function decodeClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("bank sandbox: OAuth endpoints", () => {
  let sb: BankSandbox;
  const tokenUrl = () => `${sb.authBaseUrl}${sb.wire.tokenPath}`;

  beforeAll(async () => {
    sb = await startBankSandbox({ pollIntervalSeconds: 0.2, slowDownStepSeconds: 0.5 });
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
        verification_uri_complete: expect.stringContaining(sb.url),
        interval: 0.2,
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

    type Device = { device_code: string; user_code: string; verification_uri: string; verification_uri_complete: string; interval: number };
    const newDevice = async (fields: Record<string, string> = {}) => (await (await requestDeviceCode(sb, fields)).json()) as Device;
    const poll = async (device: Device) => {
      const res = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: device.device_code });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const after = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it("never approves by itself: pending until a person approves on the page, then a token bound to whoever signed in, once", async () => {
      const device = await newDevice({ target_connection_id: sb.connectionIds[1] });
      expect(device.verification_uri).toBe(sb.consentPageUrl);
      expect(device.verification_uri_complete).toBe(`${sb.consentPageUrl}?user_code=${encodeURIComponent(device.user_code)}`);
      expect(await poll(device)).toMatchObject({ status: 400, body: { error: "authorization_pending" } });

      const page = await answerConsentPage(device.verification_uri_complete, device.user_code.toLowerCase().replace("-", " "), "cus_bayo");
      expect(page.status).toBe(200);
      expect(page.html).toContain("Approved for Bayo Adeyemi");
      await after(device.interval * 1000);
      const approved = await poll(device);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ token_type: "Bearer", scope: sb.wire.scopes, refresh_token: expect.any(String) });
      expect(decodeClaims(approved.body.access_token)).toMatchObject({
        customer_id: "cus_bayo",
        account_number: sb.customers.find((c) => c.id === "cus_bayo")?.accountNumber,
        connection_id: sb.connectionIds[1],
      });
      expect(await poll(device)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
      expect(sb.devicePolls().map((p) => p.answer)).toEqual(["authorization_pending", "approved"]);
    });

    it("answers access_denied once the person denies on the page", async () => {
      const device = await newDevice();
      expect((await answerConsentPage(device.verification_uri, device.user_code, "cus_ada", "deny")).html).toContain("Declined");
      expect(await poll(device)).toMatchObject({ status: 400, body: { error: "access_denied" } });
      expect(sb.tokensIssued()).toBe(0);
    });

    it("answers slow_down to a poll sooner than the interval, and the interval grows by the step", async () => {
      const device = await newDevice();
      expect((await poll(device)).body.error).toBe("authorization_pending");
      expect((await poll(device)).body.error).toBe("slow_down");
      await after(device.interval * 1000);
      // Still too soon: the interval is now interval + step.
      expect((await poll(device)).body.error).toBe("slow_down");
    });

    it("refuses an unknown or already answered code on the page, without touching any request", async () => {
      const device = await newDevice();
      expect((await answerConsentPage(device.verification_uri, "BCDF-GHJK", "cus_ada")).status).toBe(400);
      await answerConsentPage(device.verification_uri, device.user_code, "cus_ada", "deny");
      expect((await answerConsentPage(device.verification_uri, device.user_code, "cus_ada")).status).toBe(409);
      const unsigned = await fetch(sb.consentPageUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ user_code: (await newDevice()).user_code, action: "approve" }).toString(),
      });
      expect(unsigned.status).toBe(400);
    });

    it("answers invalid_grant for an unknown device code and invalid_request for a missing one", async () => {
      const unknown = await requestToken(sb, { grant_type: DEVICE_GRANT, device_code: "not-a-code" });
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ error: "invalid_grant" });
      const missing = await requestToken(sb, { grant_type: DEVICE_GRANT });
      expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    });

    it("answers expired_token for a device code polled after its 900 s lifetime, and the page refuses its code", async () => {
      const device = await newDevice();
      const realNow = Date.now;
      const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 901_000);
      try {
        expect((await answerConsentPage(device.verification_uri, device.user_code, "cus_ada")).status).toBe(400);
        expect(await poll(device)).toMatchObject({ status: 400, body: { error: "expired_token" } });
      } finally {
        spy.mockRestore();
      }
    });

    it("revokes a consent (RFC 7009): its access and refresh tokens stop working at once", async () => {
      const tokens = await consentToken(sb, { customer: "cus_chioma" });
      expect((await getCards(sb, apiHeaders(sb, tokens.access_token))).status).toBe(200);
      const revoke = await postForm(`${sb.authBaseUrl}/oauth2/revoke`, { token: tokens.refresh_token, token_type_hint: "refresh_token" }, { authorization: basicAuth(sb) });
      expect(revoke.status).toBe(200);
      const refused = await getCards(sb, apiHeaders(sb, tokens.access_token));
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ message: "Access token revoked" });
      expect(await (await requestToken(sb, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).json()).toMatchObject({ error: "invalid_grant" });
    });
  });

  describe("token lifetime and refresh", () => {
    let shortLived: BankSandbox;
    beforeAll(async () => {
      shortLived = await startBankSandbox({ tokenTtlSeconds: 60 });
    });
    afterAll(() => shortLived.stop());

    it("rejects an expired access token with 401 and issues a working one for the same customer on refresh", async () => {
      const first = await consentToken(shortLived, { customer: "cus_chioma" });
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

import { randomUUID } from "node:crypto";
import { headerNames, signIdempotencyKey, type BankWireVariant, type HeaderStyle, type SignatureEncoding } from "../../src/providers/bank/wire-variants";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { bankIssuer, bankRequest } from "../resilience/issuers";
import { basicAuth, consentToken, postForm, requestDeviceCode } from "./bank-helpers";

// Every undocumented wire choice, both ways: our issuer configured with a variant issues a card against a simulator
// configured with the same one (so we send what we claim), and the simulator refuses each other variant.

async function withSandbox(wire: Partial<BankWireVariant>, body: (sb: BankSandbox) => Promise<void>): Promise<void> {
  const sb = await startBankSandbox({ wire });
  try {
    await body(sb);
  } finally {
    await sb.stop();
  }
}

async function issuesACard(sb: BankSandbox): Promise<void> {
  const card = await bankIssuer(sb).issue(bankRequest());
  expect(sb.cards().map((c) => c.card_id)).toEqual([card.providerCardId]);
}

/** A consent token from the simulator's own flow, for the raw API probes below. */
async function tokenFor(sb: BankSandbox): Promise<string> {
  return (await consentToken(sb)).access_token;
}

function cardHeaders(sb: BankSandbox, token: string, style: HeaderStyle, encoding: SignatureEncoding): Record<string, string> {
  const key = randomUUID();
  const names = headerNames(style);
  return {
    authorization: `Bearer ${token}`,
    [names.connectionId]: sb.connectionIds[0],
    [names.idempotencyKey]: key,
    [names.signature]: signIdempotencyKey(sb.clientSecret, key, encoding),
  };
}

const getCards = (sb: BankSandbox, headers: Record<string, string>) => fetch(`${sb.apiBaseUrl}/cards`, { headers });

describe("bank wire variants: the simulator accepts exactly the configured one", () => {
  describe.each<HeaderStyle>(["hyphen", "underscore"])("header spelling %s", (style) => {
    const other: HeaderStyle = style === "hyphen" ? "underscore" : "hyphen";

    it("our issuer sends it; the other spelling is refused with 400", async () => {
      await withSandbox({ headerStyle: style }, async (sb) => {
        await issuesACard(sb);
        const token = await tokenFor(sb);
        expect((await getCards(sb, cardHeaders(sb, token, style, "hex"))).status).toBe(200);
        const refused = await getCards(sb, cardHeaders(sb, token, other, "hex"));
        expect(refused.status).toBe(400);
        expect(await refused.json()).toMatchObject({ errors: [{ field: headerNames(other).connectionId, code: "UNSUPPORTED_HEADER" }] });
      });
    });
  });

  describe.each<SignatureEncoding>(["hex", "hex-upper", "base64"])("signature encoding %s", (encoding) => {
    it("our issuer signs in it; every other encoding of the same digest is 401", async () => {
      await withSandbox({ signatureEncoding: encoding }, async (sb) => {
        await issuesACard(sb);
        const token = await tokenFor(sb);
        expect((await getCards(sb, cardHeaders(sb, token, "hyphen", encoding))).status).toBe(200);
        for (const other of (["hex", "hex-upper", "base64"] as const).filter((e) => e !== encoding)) {
          const refused = await getCards(sb, cardHeaders(sb, token, "hyphen", other));
          expect(refused.status).toBe(401);
          expect(await refused.json()).toEqual({ status: "error", message: "Invalid signature" });
        }
      });
    });
  });

  it("token path: only the configured one exists", async () => {
    await withSandbox({ tokenPath: "/oauth/token" }, async (sb) => {
      await issuesACard(sb);
      const guessed = await postForm(`${sb.authBaseUrl}/oauth2/token`, { grant_type: "client_credentials" }, { authorization: basicAuth(sb) });
      expect(guessed.status).toBe(404);
      expect(sb.count("POST", "/oauth/token")).toBeGreaterThan(0);
    });
  });

  it("client authentication basic: credentials in the form body (or both at once) are invalid_client", async () => {
    await withSandbox({ clientAuth: "basic" }, async (sb) => {
      await issuesACard(sb);
      const url = `${sb.authBaseUrl}${sb.wire.tokenPath}`;
      const creds = { client_id: sb.clientId, client_secret: sb.clientSecret, grant_type: "client_credentials" };
      for (const res of [await postForm(url, creds), await postForm(url, creds, { authorization: basicAuth(sb) })]) {
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: "invalid_client" });
      }
    });
  });

  it("client authentication form: HTTP Basic is invalid_client", async () => {
    await withSandbox({ clientAuth: "form" }, async (sb) => {
      await issuesACard(sb);
      const url = `${sb.authBaseUrl}${sb.wire.tokenPath}`;
      const basic = await postForm(url, { grant_type: "client_credentials" }, { authorization: basicAuth(sb) });
      expect(basic.status).toBe(401);
      expect(await basic.json()).toMatchObject({ error: "invalid_client" });
      const form = await postForm(url, { grant_type: "client_credentials", client_id: sb.clientId, client_secret: sb.clientSecret });
      expect(form.status).toBe(200);
    });
  });

  it("connection id on OAuth calls: required when configured", async () => {
    await withSandbox({ oauthConnectionHeader: true }, async (sb) => {
      await issuesACard(sb);
      const without = await requestDeviceCode(sb);
      expect(without.status).toBe(400);
      expect(await without.json()).toMatchObject({ error: "invalid_request", error_description: "connection-id header is required" });
    });
  });

  it("connection id on OAuth calls: refused when not configured", async () => {
    await withSandbox({ oauthConnectionHeader: false }, async (sb) => {
      await issuesACard(sb);
      const res = await postForm(
        `${sb.authBaseUrl}/oauth2/device/code`,
        { client_id: sb.clientId, scope: sb.wire.scopes },
        { "connection-id": sb.connectionIds[0] },
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_request" });
    });
  });

  it("a client on another variant than the bank's cannot issue: the mismatch shows, it is never accepted", async () => {
    await withSandbox({ signatureEncoding: "base64", clientAuth: "form" }, async (sb) => {
      const mismatched = bankIssuer({ ...sb, wire: { ...sb.wire, clientAuth: "basic" } } as BankSandbox);
      // Consent itself fails: the token endpoint refuses the other client authentication.
      await expect(mismatched.issue(bankRequest())).rejects.toThrow("device poll refused: invalid_client");
      expect(sb.cards()).toHaveLength(0);
    });
  });
});

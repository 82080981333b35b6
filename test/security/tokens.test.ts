import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload, type KeyLike } from "jose";
import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { TEST_JWT_SECRET } from "../support/auth";
import { bankInput } from "../support/inputs";

// Forged and misused tokens, sent over HTTP to the real subgraph: each is refused with 401, the stable code
// UNAUTHENTICATED, a Bearer challenge, a message and nothing else (no stack, no token, no claim values), before
// any provider call or store statement.

const CREATE = "mutation($k: String!, $i: CreateCardInput!) { createCard(idempotencyKey: $k, input: $i) { id } }";
const CLAIMS = { scope: "cards:read cards:write", sub: "mallory", iss: "cards-subgraph-dev", aud: "cards-subgraph" };
const hs = (alg: "HS256" | "HS384" | "HS512", secret: string | Uint8Array, claims: JWTPayload = CLAIMS, expires: string | number = "1h") =>
  new SignJWT(claims).setProtectedHeader({ alg }).setExpirationTime(expires).sign(typeof secret === "string" ? new TextEncoder().encode(secret) : secret);

let h: Harness;
let rsa: { privateKey: KeyLike; publicKey: KeyLike };
beforeAll(async () => {
  [h, rsa] = await Promise.all([startHarness(), generateKeyPair("RS256")]);
});
afterAll(() => h.stop());

/** Sends createCard with the token and checks the refusal a client sees; returns the response for more checks. */
async function expectUnauthenticated(target: Harness, token: string, message: RegExp): Promise<GraphQLResponse> {
  const before = { sql: target.sqlStatements(), provider: target.bank.requests.length + target.sudo.requests.length };
  const response = await target.gql(CREATE, { k: `forged-${Date.now()}`, i: { bank: bankInput() } }, { authorization: `Bearer ${token}` });
  expect(response.status).toBe(401);
  expect(JSON.parse(response.text)).toEqual({ errors: [{ message: expect.stringMatching(message), extensions: { code: "UNAUTHENTICATED" } }] });
  expect(response.text).not.toMatch(/stack|at .*\.ts:\d+/);
  expect(response.text).not.toContain(token);
  expect({ sql: target.sqlStatements(), provider: target.bank.requests.length + target.sudo.requests.length }).toEqual(before);
  return response;
}

describe("with an HS256 secret (AUTH_JWT_SECRET)", () => {
  it('refuses an unsecured token (alg "none"), even with the right claims', async () => {
    const token = new UnsecuredJWT(CLAIMS).setExpirationTime("1h").encode();
    await expectUnauthenticated(h, token, /algorithm this subgraph does not accept|not a valid JWT/);
    // The same with a signature part bolted on, as some libraries accept.
    await expectUnauthenticated(h, `${token}${Buffer.from("sig").toString("base64url")}`, /algorithm|not a valid JWT/);
  });

  it("refuses an RS256 token (asymmetric algorithm confusion) and HS384/HS512 even with the right secret", async () => {
    const rs256 = await new SignJWT(CLAIMS).setProtectedHeader({ alg: "RS256" }).setExpirationTime("1h").sign(rsa.privateKey);
    await expectUnauthenticated(h, rs256, /algorithm this subgraph does not accept/);
    for (const alg of ["HS384", "HS512"] as const) await expectUnauthenticated(h, await hs(alg, TEST_JWT_SECRET), /algorithm this subgraph does not accept/);
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const [header, , signature] = (await hs("HS256", TEST_JWT_SECRET, { ...CLAIMS, scope: "cards:read" })).split(".");
    const widened = Buffer.from(JSON.stringify({ ...CLAIMS, exp: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url");
    await expectUnauthenticated(h, `${header}.${widened}.${signature}`, /signature is not valid/);
  });

  it.each([
    ["expired beyond the clock tolerance", { ...CLAIMS }, -30, /expired/],
    ["not valid yet (nbf in the future)", { ...CLAIMS, nbf: Math.floor(Date.now() / 1000) + 600 }, "1h", /"nbf" claim/],
    ["from another issuer", { ...CLAIMS, iss: "https://evil.example/" }, "1h", /"iss" claim/],
    ["for another audience", { ...CLAIMS, aud: ["payments-subgraph"] }, "1h", /"aud" claim/],
    ["without a subject", { scope: CLAIMS.scope, iss: CLAIMS.iss, aud: CLAIMS.aud }, "1h", /"sub" claim/],
    ["with an empty subject", { ...CLAIMS, sub: "" }, "1h", /"sub" claim/],
  ] as Array<[string, JWTPayload, string | number, RegExp]>)("refuses a token %s", async (_case, claims, expires, message) => {
    const expiry = typeof expires === "number" ? Math.floor(Date.now() / 1000) + expires : expires;
    await expectUnauthenticated(h, await hs("HS256", TEST_JWT_SECRET, claims, expiry), message);
  });

  it("grants nothing for scopes that only look like ours", async () => {
    for (const scope of ["CARDS:WRITE", "CARDS:WRITE:ANY", "cards:write:all", "cards:readcards:write", "cards:*", "cards:write:*", "admin"]) {
      const token = await hs("HS256", TEST_JWT_SECRET, { ...CLAIMS, scope });
      const response = await h.gql(CREATE, { k: `scope-${scope}`, i: { bank: bankInput() } }, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([{ message: expect.stringContaining("cards:write"), path: ["createCard"], locations: expect.any(Array), extensions: { code: "FORBIDDEN", requiredScopes: [["cards:write"], ["cards:write:any"]] } }]);
    }
    expect(h.bank.count("POST", "/cards")).toBe(0);
  });
});

describe("with a key set (AUTH_JWKS_URL)", () => {
  let jwksServer: Server;
  let jwks: Harness;
  const ISSUER = "https://idp.example/";
  const rs256 = (privateKey: KeyLike, kid = "k1", claims: JWTPayload = { ...CLAIMS, iss: ISSUER }) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).setExpirationTime("1h").sign(privateKey);

  beforeAll(async () => {
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] });
    jwksServer = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    jwks = await startHarness({ AUTH_JWT_SECRET: "", AUTH_JWKS_URL: url, AUTH_ISSUER: ISSUER }, { consents: false });
  });
  afterAll(async () => {
    await jwks.stop();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it("accepts a token signed by a key of the set", async () => {
    const response = await jwks.gql("{ __typename }", {}, { authorization: `Bearer ${await rs256(rsa.privateKey)}` });
    expect(response.body).toEqual({ data: { __typename: "Query" } });
  });

  it("refuses an HS256 token signed with the published public key as its secret (key confusion)", async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const jwk = JSON.stringify(await exportJWK(rsa.publicKey));
    for (const secret of [pem, jwk, (await exportJWK(rsa.publicKey)).n!]) {
      await expectUnauthenticated(jwks, await hs("HS256", secret, { ...CLAIMS, iss: ISSUER }), /algorithm this subgraph does not accept/);
    }
  });

  it("refuses a token from a key that is not in the set, and alg none", async () => {
    const stranger = await generateKeyPair("RS256");
    await expectUnauthenticated(jwks, await rs256(stranger.privateKey, "k1"), /signature is not valid/);
    await expectUnauthenticated(jwks, await rs256(stranger.privateKey, "k2"), /not in the issuer's key set/);
    await expectUnauthenticated(jwks, new UnsecuredJWT({ ...CLAIMS, iss: ISSUER }).setExpirationTime("1h").encode(), /algorithm|not a valid JWT/);
  });
});

describe("when the issuer's key set cannot be fetched", () => {
  let down: Server;
  let downUrl: string;
  const ISSUER = "https://idp.example/";
  beforeAll(async () => {
    down = createServer((_req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>maintenance</h1>"));
    await new Promise<void>((resolve) => down.listen(0, "127.0.0.1", resolve));
    downUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => down.close(resolve)));

  // The caller's token may be fine: a 401 would tell the client to discard it, so this is a 503 to retry.
  it.each([
    ["answers 503", () => downUrl],
    ["refuses connections", () => "http://127.0.0.1:9/jwks.json"],
  ])("the key set server %s: 503 AUTH_UNAVAILABLE with Retry-After, no store or provider work", async (_name, url) => {
    const subgraph = await startHarness({ AUTH_JWT_SECRET: "", AUTH_JWKS_URL: url(), AUTH_ISSUER: ISSUER }, { consents: false });
    try {
      const token = await new SignJWT({ ...CLAIMS, iss: ISSUER }).setProtectedHeader({ alg: "RS256", kid: "k1" }).setExpirationTime("1h").sign(rsa.privateKey);
      const statements = subgraph.sqlStatements();
      const response = await subgraph.gql(CREATE, { k: "jwks-down", i: { bank: bankInput() } }, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.body).toEqual({
        errors: [{ message: expect.stringMatching(/key set is unreachable/), extensions: { code: "AUTH_UNAVAILABLE", retryAfterSeconds: 5 } }],
      });
      expect(subgraph.sqlStatements()).toBe(statements);
      expect(subgraph.bank.requests).toEqual([]);
    } finally {
      await subgraph.stop();
    }
  });
});

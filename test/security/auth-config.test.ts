import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import { createAuthenticator, devTokens, signDevToken } from "../../src/auth";
import { loadConfig, type AppConfig } from "../../src/config";
import { configProblems } from "../support/config";

const problemsOf = (env: NodeJS.ProcessEnv) => configProblems(() => loadConfig(env));

const SECRET = "a-configured-secret-of-32-chars-or-more";

describe("auth configuration", () => {
  it("outside production, generates a fresh HS256 secret per start and mints a customer and a service dev token for it", async () => {
    const [a, b] = [loadConfig({}), loadConfig({})];
    expect(a.auth.key).toMatchObject({ kind: "secret", generated: true });
    expect(a.auth.key).not.toEqual(b.auth.key);
    const tokens = (await devTokens(a.auth, ["cus_ada", "cus_bayo"]))!;
    const authenticate = createAuthenticator(a.auth);
    expect(await authenticate({ authorization: `Bearer ${tokens.customer}` })).toEqual({
      issuer: "cards-subgraph-dev",
      subject: "dev-customer",
      scopes: new Set(["cards:read", "cards:write", "cards:reveal"]),
      customers: new Set(["cus_ada", "cus_bayo"]),
    });
    expect(await authenticate({ authorization: `Bearer ${tokens.service}` })).toEqual({
      issuer: "cards-subgraph-dev",
      subject: "dev-service",
      scopes: new Set(["cards:read:any", "cards:write:any"]),
      customers: null,
    });
    await expect(createAuthenticator(b.auth)({ authorization: `Bearer ${tokens.customer}` })).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(await devTokens(a.auth, [])).toEqual({ service: expect.any(String) });
  });

  it("hands out no dev token when the key is configured", async () => {
    expect(await devTokens(loadConfig({ AUTH_JWT_SECRET: SECRET }).auth, ["cus_ada"])).toBeUndefined();
  });

  it("requires a key in production, and refuses a short secret or two keys, without echoing the secret", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toContain("AUTH_JWT_SECRET or AUTH_JWKS_URL is required when NODE_ENV=production");
    const problems = problemsOf({ AUTH_JWT_SECRET: "short-secret", AUTH_JWKS_URL: "https://idp.example/jwks.json" });
    expect(problems).toEqual(expect.arrayContaining(["set only one of AUTH_JWT_SECRET and AUTH_JWKS_URL", "AUTH_JWT_SECRET must be at least 32 characters"]));
    expect(problems.join("\n")).not.toContain("short-secret");
    expect(problemsOf({ AUTH_JWKS_URL: "ftp://idp" })).toEqual([expect.stringContaining("AUTH_JWKS_URL")]);
  });

  it("reads issuer, audience and the router secret", () => {
    const { auth } = loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: "https://idp.example/", AUTH_AUDIENCE: "cards", ROUTER_SECRET: "r" });
    expect(auth).toEqual({ key: { kind: "secret", secret: SECRET, generated: false }, issuer: "https://idp.example/", audience: "cards", customerClaim: "customer_id", routerSecret: "r" });
    expect(loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_CUSTOMER_CLAIM: "https://idp.example/customers" }).auth.customerClaim).toBe("https://idp.example/customers");
  });

  it("requires a router secret of 32+ characters in production, without echoing it", () => {
    const problems = problemsOf({ NODE_ENV: "production", AUTH_JWT_SECRET: SECRET, ROUTER_SECRET: "guessable" });
    expect(problems).toContain("ROUTER_SECRET must be at least 32 characters when NODE_ENV=production");
    expect(problems.join("\n")).not.toContain("guessable");
  });

  it("turns introspection off by default in production only, and reads the query limits", () => {
    expect(loadConfig({}).graphql).toEqual({ introspection: true, maxDepth: 10, maxCost: 10_000 });
    expect(loadConfig({ INTROSPECTION: "false", MAX_QUERY_DEPTH: "6", MAX_QUERY_COST: "500" }).graphql).toEqual({ introspection: false, maxDepth: 6, maxCost: 500 });
    expect(problemsOf({ INTROSPECTION: "maybe", MAX_QUERY_DEPTH: "0" })).toEqual([expect.stringContaining("INTROSPECTION"), expect.stringContaining("MAX_QUERY_DEPTH")]);
  });
});

describe("AUTH_JWKS_URL", () => {
  let server: Server;
  let auth: AppConfig["auth"];
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] });
    server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(jwks));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    auth = loadConfig({ AUTH_JWKS_URL: url, AUTH_ISSUER: "https://idp.example/" }).auth;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const rs256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("client-1")
      .setIssuer("https://idp.example/")
      .setAudience("cards-subgraph")
      .setExpirationTime("5m")
      .sign(privateKey);

  it("verifies a token signed by a key of the set, with scopes from `scope` and `scp`", async () => {
    const principal = await createAuthenticator(auth)({ authorization: `Bearer ${await rs256({ scope: "cards:read", scp: ["cards:write"], customer_id: ["cus_ada"] })}` });
    expect(principal).toEqual({ issuer: "https://idp.example/", subject: "client-1", scopes: new Set(["cards:read", "cards:write"]), customers: new Set(["cus_ada"]) });
  });

  it("refuses an HS256 token, whatever secret signed it", async () => {
    const hs256 = await signDevToken("any-secret-an-attacker-might-pick-000", { issuer: "https://idp.example/" });
    await expect(createAuthenticator(auth)({ authorization: `Bearer ${hs256}` })).rejects.toMatchObject({
      message: expect.stringMatching(/algorithm this subgraph does not accept/),
      extensions: { code: "UNAUTHENTICATED" },
    });
  });
});

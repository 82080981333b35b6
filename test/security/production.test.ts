import { devTokens } from "../../src/auth";
import { loadConfig } from "../../src/config";
import { startHarness, type Harness } from "../support/app";
import { NO_AUTH } from "../support/auth";

// NODE_ENV=production with nothing else said: introspection, schema hints, GraphiQL and the dev token are all off,
// and each can still be chosen per environment.

/** The harness runs the app on its own opened store, so production's required DATABASE_URL is only checked, not used. */
const PRODUCTION = {
  NODE_ENV: "production",
  IDEMPOTENCY_SECRET: "production-idempotency-secret-0123456789",
  SUDO_WEBHOOK_TOKEN: "production-sudo-webhook-token-9b1f7e3d5c",
  CONSENT_ENCRYPTION_KEYS: "k1:BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY=",
  DATABASE_URL: process.env.DATABASE_URL || "postgres://harness-store.invalid/unused",
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness(PRODUCTION);
});
afterAll(() => h.stop());

describe("NODE_ENV=production", () => {
  it("refuses introspection and stops suggesting field names", async () => {
    for (const query of ["{ __schema { types { name } } }", '{ __type(name: "Card") { fields { name } } }']) {
      const response = await h.gql(query, {});
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors![0]).toMatchObject({ message: expect.stringMatching(/introspection is not allowed/i), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    }
    const typo = await h.gql('{ crd(id: "x") { id } }', {});
    expect(typo.body.errors![0].message).toMatch(/Cannot query field "crd"/);
    expect(typo.text).not.toMatch(/Did you mean|"card"/);
  });

  it("serves no GraphiQL or other landing page to a browser", async () => {
    const page = await fetch(h.app.url, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type") ?? "").not.toMatch(/html/);
    expect(await page.text()).not.toMatch(/graphiql|<html|<script|sandbox/i);
  });

  it("still answers __typename, which routers and health probes use", async () => {
    expect((await h.gql("{ __typename }", {})).body).toEqual({ data: { __typename: "Query" } });
    expect((await h.gql("{ __typename }", {}, NO_AUTH)).status).toBe(401);
  });

  it("defaults introspection and GraphiQL off, lets each environment turn them on, and mints no dev token", async () => {
    const env = { ...PRODUCTION, AUTH_JWT_SECRET: "a-configured-secret-of-32-chars-or-more", ...providerSettings() };
    const defaults = loadConfig(env);
    expect(defaults).toMatchObject({ graphql: { introspection: false }, graphiql: false });
    expect(await devTokens(defaults.auth, ["cus_ada"])).toBeUndefined();
    expect(loadConfig({ ...env, INTROSPECTION: "true", GRAPHIQL: "true" })).toMatchObject({ graphql: { introspection: true }, graphiql: true });
    expect(loadConfig({})).toMatchObject({ graphql: { introspection: true }, graphiql: true });
  });

  it("fetches a key set over TLS only", () => {
    const env = { ...PRODUCTION, ...providerSettings() };
    expect(() => loadConfig({ ...env, AUTH_JWKS_URL: "http://idp.example/jwks.json" })).toThrow(/AUTH_JWKS_URL must be an https:\/\/ URL/);
    expect(loadConfig({ ...env, AUTH_JWKS_URL: "https://idp.example/jwks.json" }).auth.key).toEqual({ kind: "jwks", url: "https://idp.example/jwks.json" });
  });
});

/** The provider variables the running harness was given, which production requires. */
function providerSettings(): Record<string, string> {
  return {
    BANK_API_BASE_URL: h.bank.apiBaseUrl,
    BANK_AUTH_BASE_URL: h.bank.authBaseUrl,
    BANK_CLIENT_ID: h.bank.clientId,
    BANK_CLIENT_SECRET: h.bank.clientSecret,
    BANK_CONNECTION_IDS: h.bank.connectionIds.join(","),
    SUDO_API_BASE_URL: h.sudo.url,
    SUDO_API_KEY: h.sudo.apiKey,
  };
}

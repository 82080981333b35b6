import { loadConfig } from "../../src/config";
import { configProblems } from "../support/config";

// Issue 9 item 5: production started with IDEMPOTENCY_SECRET "x" or the published dev default, AUTH_JWT_SECRET of
// 32 × "a", and http:// provider URLs; with the dev default a 4-digit PIN came back from a request hash in 151 ms.

const STRONG = "Vq3rN8xZ-p2LkW7yT0cFb9sHj4mD6gAe1u";
const PROVIDERS = {
  BANK_API_BASE_URL: "https://api.bank.example",
  BANK_AUTH_BASE_URL: "https://auth.bank.example",
  BANK_CLIENT_ID: "client",
  BANK_CLIENT_SECRET: "client-secret",
  BANK_CONNECTION_IDS: "conn_1",
  SUDO_API_BASE_URL: "https://api.sudo.example",
  SUDO_API_KEY: "sudo-key",
  SUDO_WEBHOOK_TOKEN: "Hk4tP9wQ-r7NcV2xZ5bLm8sJd3fG6yAe0",
};
const PRODUCTION = { NODE_ENV: "production", DATABASE_URL: "postgres://cards@db.internal/cards", IDEMPOTENCY_SECRET: STRONG, AUTH_JWT_SECRET: `${STRONG}-jwt`, CONSENT_ENCRYPTION_KEYS: "k1:BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY=", ...PROVIDERS };

const problemsOf = (env: NodeJS.ProcessEnv) => configProblems(() => loadConfig(env));

describe("production secrets and provider URLs", () => {
  it("starts with strong secrets and https provider URLs", () => {
    expect(problemsOf(PRODUCTION)).toEqual([]);
  });

  it.each([
    ["one character", "x"],
    ["short", "short-but-not-32"],
    ["32 × a", "a".repeat(32)],
    ["a short pattern repeated", "abc123".repeat(8)],
    ["a word repeated", "secretsecretsecretsecretsecretsecret"],
    ["a run of characters", "0123456789abcdefghijklmnopqrstuvwxyz"],
    ["the published development default", "cards-subgraph-development-only"],
  ])("refuses an IDEMPOTENCY_SECRET that is %s, without echoing it", (_name, secret) => {
    const problems = problemsOf({ ...PRODUCTION, IDEMPOTENCY_SECRET: secret });
    expect(problems).toEqual([expect.stringMatching(/^IDEMPOTENCY_SECRET .* when NODE_ENV=production$/)]);
    expect(problems.join("\n")).not.toContain(secret);
  });

  it.each([
    ["32 × a", "a".repeat(32)],
    ["a word repeated", "passwordpasswordpasswordpassword"],
  ])("refuses an AUTH_JWT_SECRET or ROUTER_SECRET that is %s", (_name, secret) => {
    expect(problemsOf({ ...PRODUCTION, AUTH_JWT_SECRET: secret })).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET .* when NODE_ENV=production$/)]);
    expect(problemsOf({ ...PRODUCTION, ROUTER_SECRET: secret })).toEqual([expect.stringMatching(/^ROUTER_SECRET .* when NODE_ENV=production$/)]);
  });

  it("refuses plain-http provider URLs, except to loopback", () => {
    const problems = problemsOf({ ...PRODUCTION, BANK_API_BASE_URL: "http://api.bank.example", SUDO_API_BASE_URL: "http://10.0.0.7:8080" });
    expect(problems).toEqual([
      expect.stringMatching(/^BANK_API_BASE_URL must be an https:\/\/ URL when NODE_ENV=production/),
      expect.stringMatching(/^SUDO_API_BASE_URL must be an https:\/\/ URL when NODE_ENV=production/),
    ]);
    expect(problemsOf({ ...PRODUCTION, BANK_API_BASE_URL: "http://127.0.0.1:8443", SUDO_API_BASE_URL: "http://localhost:9000" })).toEqual([]);
  });

  it("leaves development free to use the default secret and plain http", () => {
    const { NODE_ENV: _production, IDEMPOTENCY_SECRET: _secret, DATABASE_URL: _durable, CONSENT_ENCRYPTION_KEYS: _keys, ...development } = PRODUCTION;
    expect(problemsOf({ ...development, AUTH_JWT_SECRET: "a".repeat(32), BANK_API_BASE_URL: "http://api.bank.example" })).toEqual([]);
  });
});

describe("the Sudo webhook token in production", () => {
  it("is required: without it anyone who finds the URL could cancel cards in our registry", () => {
    const { SUDO_WEBHOOK_TOKEN: _token, ...without } = PRODUCTION;
    expect(problemsOf(without)).toEqual([expect.stringMatching(/^SUDO_WEBHOOK_TOKEN is required when NODE_ENV=production/)]);
  });

  it("must be strong, and the problem never echoes it", () => {
    const problems = problemsOf({ ...PRODUCTION, SUDO_WEBHOOK_TOKEN: "a".repeat(40) });
    expect(problems).toEqual([expect.stringMatching(/^SUDO_WEBHOOK_TOKEN .* when NODE_ENV=production$/)]);
    expect(problems.join(" ")).not.toContain("a".repeat(40));
  });
});

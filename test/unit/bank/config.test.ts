import { ConfigError } from "../../../src/env";
import { readBankConfig } from "../../../src/providers/bank/config";
import { configProblems } from "../../support/config";

const SECRET = "s3cr3t-client-value";
const CONSENT_TOKEN = "eyJhbGciOiJIUzI1NiJ9.consent.token";

const base = {
  BANK_API_BASE_URL: "https://api-sandbox.sparkle.fyi/",
  BANK_AUTH_BASE_URL: "https://identity-sandbox.sparkle.fyi",
  BANK_CLIENT_ID: "client-123",
  BANK_CLIENT_SECRET: SECRET,
  BANK_CONNECTION_IDS: "CONN0987654321, CONN1234567890",
};

const problemsOf = (env: NodeJS.ProcessEnv) => configProblems(() => readBankConfig(env));

describe("readBankConfig", () => {
  it("returns null when no BANK_* variable is set", () => {
    expect(readBankConfig({ SUDO_API_KEY: "x", BANK_CLIENT_ID: "  " })).toBeNull();
  });

  it("reads a full configuration with defaults", () => {
    expect(readBankConfig(base)).toEqual({
      apiBaseUrl: "https://api-sandbox.sparkle.fyi",
      authBaseUrl: "https://identity-sandbox.sparkle.fyi",
      clientId: "client-123",
      clientSecret: SECRET,
      connectionIds: ["CONN0987654321", "CONN1234567890"],
      defaultConnectionId: "CONN0987654321",
      wire: {
        scopes: "cards.create cards.list.readonly",
        headerStyle: "hyphen",
        signatureEncoding: "hex",
        tokenPath: "/oauth2/token",
        clientAuth: "basic",
        oauthConnectionHeader: false,
      },
      pinScheme: "aes-256-cbc-sha256key-ivprefix-b64",
      timeoutMs: 10000,
      tokenSource: "device-code",
      consentTokens: {},
      resilience: {
        retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2000, maxRetryAfterMs: 5000, budgetMs: 10000, jitter: "equal" },
        breaker: { failureThreshold: 5, resetMs: 30000, minCallers: 3 },
        rateLimit: { perMinute: 100, burst: 100, maxWaitMs: 3000 },
      },
    });
  });

  it("limits to the production quota under NODE_ENV=production, and the retry budget follows the timeout", () => {
    const config = readBankConfig({ ...base, NODE_ENV: "production", BANK_TIMEOUT_MS: "4000" });
    expect(config?.resilience.rateLimit).toEqual({ perMinute: 10, burst: 10, maxWaitMs: 3000 });
    expect(config?.resilience.retry.budgetMs).toBe(4000);
  });

  it("refuses the clear-text PIN scheme in production: a PIN must leave the process encrypted", () => {
    expect(problemsOf({ ...base, NODE_ENV: "production", BANK_PIN_SCHEME: "plaintext" })).toEqual([
      'BANK_PIN_SCHEME "plaintext" is not allowed when NODE_ENV=production',
    ]);
  });

  it("reads every resilience knob", () => {
    const config = readBankConfig({
      ...base,
      BANK_RETRY_MAX_ATTEMPTS: "5",
      BANK_RETRY_BASE_DELAY_MS: "100",
      BANK_RETRY_MAX_DELAY_MS: "800",
      BANK_RETRY_AFTER_MAX_MS: "9000",
      BANK_RETRY_BUDGET_MS: "20000",
      BANK_BREAKER_FAILURE_THRESHOLD: "7",
      BANK_BREAKER_RESET_MS: "60000",
      BANK_RATE_LIMIT_PER_MINUTE: "30",
      BANK_RATE_LIMIT_BURST: "5",
      BANK_RATE_LIMIT_MAX_WAIT_MS: "0",
    });
    expect(config?.resilience).toEqual({
      retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 800, maxRetryAfterMs: 9000, budgetMs: 20000, jitter: "equal" },
      breaker: { failureThreshold: 7, resetMs: 60000, minCallers: 3 },
      rateLimit: { perMinute: 30, burst: 5, maxWaitMs: 0 },
    });
  });

  it("reads every optional setting", () => {
    const config = readBankConfig({
      ...base,
      BANK_DEFAULT_CONNECTION_ID: "CONN1234567890",
      BANK_TOKEN_PATH: "/oauth/token",
      BANK_CONSENT_SCOPES: " cards.create  accounts.list.readonly ",
      BANK_HEADER_STYLE: "underscore",
      BANK_SIGNATURE_ENCODING: "base64",
      BANK_CLIENT_AUTH: "form",
      BANK_OAUTH_CONNECTION_HEADER: "true",
      BANK_PIN_SCHEME: "plaintext",
      BANK_TIMEOUT_MS: "2500",
      BANK_TOKEN_SOURCE: "static",
      BANK_CONSENT_TOKENS: JSON.stringify({ cus_ada: CONSENT_TOKEN }),
    });
    expect(config).toMatchObject({
      defaultConnectionId: "CONN1234567890",
      wire: {
        scopes: "cards.create accounts.list.readonly",
        headerStyle: "underscore",
        signatureEncoding: "base64",
        tokenPath: "/oauth/token",
        clientAuth: "form",
        oauthConnectionHeader: true,
      },
      pinScheme: "plaintext",
      timeoutMs: 2500,
      tokenSource: "static",
      consentTokens: { cus_ada: CONSENT_TOKEN },
    });
  });

  it("reports every missing required variable at once", () => {
    expect(problemsOf({ BANK_TIMEOUT_MS: "5000" })).toEqual([
      "BANK_CONNECTION_IDS is required (a comma-separated list)",
      "BANK_API_BASE_URL is required",
      "BANK_AUTH_BASE_URL is required",
      "BANK_CLIENT_ID is required",
      "BANK_CLIENT_SECRET is required",
    ]);
  });

  it.each([
    [{ BANK_API_BASE_URL: "ftp://bank" }, "BANK_API_BASE_URL must be an http(s) URL"],
    [{ BANK_AUTH_BASE_URL: "not a url" }, "BANK_AUTH_BASE_URL must be an http(s) URL"],
    [{ BANK_DEFAULT_CONNECTION_ID: "CONN_OTHER" }, 'BANK_DEFAULT_CONNECTION_ID "CONN_OTHER" is not one of BANK_CONNECTION_IDS'],
    [{ BANK_TOKEN_PATH: "oauth2/token" }, 'BANK_TOKEN_PATH must be a path starting with "/"'],
    [{ BANK_PIN_SCHEME: "rot13" }, "BANK_PIN_SCHEME must be one of"],
    [{ BANK_HEADER_STYLE: "camel" }, "BANK_HEADER_STYLE must be one of hyphen, underscore"],
    [{ BANK_SIGNATURE_ENCODING: "HEX" }, "BANK_SIGNATURE_ENCODING must be one of hex, hex-upper, base64"],
    [{ BANK_CLIENT_AUTH: "jwt" }, "BANK_CLIENT_AUTH must be one of basic, form"],
    [{ BANK_OAUTH_CONNECTION_HEADER: "yes" }, "BANK_OAUTH_CONNECTION_HEADER must be one of true, false"],
    [{ BANK_CONSENT_SCOPES: 'cards.create "x"' }, "BANK_CONSENT_SCOPES must be space-separated OAuth scope tokens"],
    [{ BANK_TIMEOUT_MS: "fast" }, "BANK_TIMEOUT_MS must be an integer from 100 to 120000"],
    [{ BANK_TOKEN_SOURCE: "magic" }, "BANK_TOKEN_SOURCE must be one of device-code, static"],
    [{ BANK_TOKEN_SOURCE: "static" }, 'BANK_CONSENT_TOKENS is required when BANK_TOKEN_SOURCE is "static"'],
    [{ BANK_TOKEN_SOURCE: "static", BANK_CONSENT_TOKENS: "{}" }, "BANK_CONSENT_TOKENS must name at least one customer"],
    [{ BANK_CONSENT_TOKENS: `["${CONSENT_TOKEN}"]` }, "BANK_CONSENT_TOKENS must be a JSON object"],
    [{ BANK_CONSENT_TOKENS: `{cus_ada: ${CONSENT_TOKEN}` }, "BANK_CONSENT_TOKENS must be a JSON object"],
    [{ BANK_CONSENT_TOKENS: '{"cus_ada": 42}' }, 'BANK_CONSENT_TOKENS["cus_ada"] must be a non-empty string'],
    [{ BANK_RETRY_MAX_ATTEMPTS: "0" }, "BANK_RETRY_MAX_ATTEMPTS must be an integer from 1 to 10"],
    [{ BANK_RETRY_BASE_DELAY_MS: "500", BANK_RETRY_MAX_DELAY_MS: "100" }, "BANK_RETRY_MAX_DELAY_MS must not be below BANK_RETRY_BASE_DELAY_MS"],
    [{ BANK_BREAKER_FAILURE_THRESHOLD: "0" }, "BANK_BREAKER_FAILURE_THRESHOLD must be an integer from 1 to 1000"],
    [{ BANK_BREAKER_RESET_MS: "10" }, "BANK_BREAKER_RESET_MS must be an integer from 100 to 3600000"],
    [{ BANK_RATE_LIMIT_PER_MINUTE: "0.5" }, "BANK_RATE_LIMIT_PER_MINUTE must be an integer from 1 to 1000000"],
    [{ BANK_RATE_LIMIT_MAX_WAIT_MS: "-1" }, "BANK_RATE_LIMIT_MAX_WAIT_MS must be an integer from 0 to 120000"],
  ])("reports %p", (change, expected) => {
    const problems = problemsOf({ ...base, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("reports several problems together and never quotes a secret", () => {
    let error: unknown;
    try {
      readBankConfig({
        ...base,
        BANK_CLIENT_ID: "",
        BANK_CONNECTION_IDS: " , ",
        BANK_TOKEN_SOURCE: "static",
        BANK_CONSENT_TOKENS: `{"cus_ada": "${CONSENT_TOKEN}", "cus_bayo": ""`,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(CONSENT_TOKEN);
  });
});

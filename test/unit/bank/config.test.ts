import { ConfigError } from "../../../src/env";
import { readBankConfig } from "../../../src/providers/bank/config";

const SECRET = "s3cr3t-client-value";
const CONSENT_TOKEN = "eyJhbGciOiJIUzI1NiJ9.consent.token";

const base = {
  BANK_API_BASE_URL: "https://api-sandbox.sparkle.fyi/",
  BANK_AUTH_BASE_URL: "https://identity-sandbox.sparkle.fyi",
  BANK_CLIENT_ID: "client-123",
  BANK_CLIENT_SECRET: SECRET,
  BANK_CONNECTION_IDS: "CONN0987654321, CONN1234567890",
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readBankConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

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
      tokenPath: "/oauth2/token",
      pinScheme: "aes-256-cbc-sha256key-ivprefix-b64",
      timeoutMs: 10000,
      tokenSource: "device-code",
      consentTokens: {},
    });
  });

  it("reads every optional setting", () => {
    const config = readBankConfig({
      ...base,
      BANK_DEFAULT_CONNECTION_ID: "CONN1234567890",
      BANK_TOKEN_PATH: "/oauth/token",
      BANK_PIN_SCHEME: "plaintext",
      BANK_TIMEOUT_MS: "2500",
      BANK_TOKEN_SOURCE: "static",
      BANK_CONSENT_TOKENS: JSON.stringify({ cus_ada: CONSENT_TOKEN }),
    });
    expect(config).toMatchObject({
      defaultConnectionId: "CONN1234567890",
      tokenPath: "/oauth/token",
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
    [{ BANK_TIMEOUT_MS: "fast" }, "BANK_TIMEOUT_MS must be an integer from 100 to 120000"],
    [{ BANK_TOKEN_SOURCE: "magic" }, "BANK_TOKEN_SOURCE must be one of device-code, static"],
    [{ BANK_TOKEN_SOURCE: "static" }, 'BANK_CONSENT_TOKENS is required when BANK_TOKEN_SOURCE is "static"'],
    [{ BANK_TOKEN_SOURCE: "static", BANK_CONSENT_TOKENS: "{}" }, "BANK_CONSENT_TOKENS must name at least one customer"],
    [{ BANK_CONSENT_TOKENS: `["${CONSENT_TOKEN}"]` }, "BANK_CONSENT_TOKENS must be a JSON object"],
    [{ BANK_CONSENT_TOKENS: `{cus_ada: ${CONSENT_TOKEN}` }, "BANK_CONSENT_TOKENS must be a JSON object"],
    [{ BANK_CONSENT_TOKENS: '{"cus_ada": 42}' }, 'BANK_CONSENT_TOKENS["cus_ada"] must be a non-empty string'],
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

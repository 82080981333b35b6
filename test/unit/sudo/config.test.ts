import { readSudoConfig } from "../../../src/providers/sudo/config";
import { configProblems } from "../../support/config";

const KEY = "eyJhbGciOiJIUzI1NiJ9.eyJzZWNyZXQiOnRydWV9.c2lnbmF0dXJl";

const problemsOf = (env: NodeJS.ProcessEnv) => configProblems(() => readSudoConfig(env));

describe("readSudoConfig", () => {
  it("is null when no SUDO_* variable is set, so the sandbox is used", () => {
    expect(readSudoConfig({})).toBeNull();
    expect(readSudoConfig({ SUDO_API_KEY: "  ", OTHER: "x" })).toBeNull();
  });

  it("reads the URL (trailing slashes dropped), the key and the default 15 s timeout", () => {
    expect(readSudoConfig({ SUDO_API_BASE_URL: "https://api.sandbox.sudo.cards/", SUDO_API_KEY: KEY })).toEqual({
      apiBaseUrl: "https://api.sandbox.sudo.cards",
      apiKey: KEY,
      timeoutMs: 15_000,
      settleMs: 15_000,
      // The sandbox API's vault (FACTS B.1), picked from the base URL.
      vaultId: "we0dsa28s",
      resilience: {
        retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 5_000, budgetMs: 15_000, jitter: "equal" },
        breaker: { failureThreshold: 5, resetMs: 30_000, minCallers: 3 },
        rateLimit: { perMinute: 120, burst: 120, maxWaitMs: 3_000 },
      },
    });
  });

  it("reads the SUDO_RETRY_*, SUDO_BREAKER_* and SUDO_RATE_LIMIT_* knobs", () => {
    const env = {
      SUDO_API_BASE_URL: "https://api.sudo.africa",
      SUDO_API_KEY: KEY,
      SUDO_RETRY_MAX_ATTEMPTS: "1",
      SUDO_RETRY_BUDGET_MS: "500",
      SUDO_BREAKER_FAILURE_THRESHOLD: "2",
      SUDO_BREAKER_RESET_MS: "1000",
      SUDO_RATE_LIMIT_PER_MINUTE: "60",
      SUDO_RATE_LIMIT_MAX_WAIT_MS: "250",
    };
    expect(readSudoConfig(env)?.resilience).toEqual({
      retry: { maxAttempts: 1, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 5_000, budgetMs: 500, jitter: "equal" },
      breaker: { failureThreshold: 2, resetMs: 1_000, minCallers: 3 },
      rateLimit: { perMinute: 60, burst: 60, maxWaitMs: 250 },
    });
    expect(problemsOf({ ...env, SUDO_RATE_LIMIT_BURST: "0" })).toEqual(['SUDO_RATE_LIMIT_BURST must be an integer from 1 to 1000000, got "0"']);
  });

  it("reads SUDO_TIMEOUT_MS", () => {
    const env = { SUDO_API_BASE_URL: "https://api.sudo.africa", SUDO_API_KEY: KEY, SUDO_TIMEOUT_MS: "2500" };
    expect(readSudoConfig(env)?.timeoutMs).toBe(2_500);
  });

  it("needs the key when the URL is set, and the URL when the key is set", () => {
    expect(problemsOf({ SUDO_API_BASE_URL: "https://api.sudo.africa" })).toEqual(["SUDO_API_KEY is required"]);
    expect(problemsOf({ SUDO_API_KEY: KEY })).toEqual(["SUDO_API_BASE_URL is required"]);
    expect(problemsOf({ SUDO_TIMEOUT_MS: "1000" })).toEqual(["SUDO_API_BASE_URL is required", "SUDO_API_KEY is required"]);
  });

  it("lists every problem at once and never quotes the key", () => {
    const problems = problemsOf({ SUDO_API_BASE_URL: "ftp://sudo", SUDO_API_KEY: `${KEY} extra`, SUDO_TIMEOUT_MS: "fast" });
    expect(problems).toEqual([
      'SUDO_API_BASE_URL must be an http(s) URL, got "ftp://sudo"',
      'SUDO_TIMEOUT_MS must be an integer from 100 to 120000, got "fast"',
      "SUDO_API_KEY must not contain whitespace",
    ]);
    expect(problems.join("\n")).not.toContain(KEY);
  });
});

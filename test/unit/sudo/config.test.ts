import { ConfigError } from "../../../src/env";
import { readSudoConfig } from "../../../src/providers/sudo/config";

const KEY = "eyJhbGciOiJIUzI1NiJ9.eyJzZWNyZXQiOnRydWV9.c2lnbmF0dXJl";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readSudoConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

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
    });
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

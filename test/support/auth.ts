import { signDevToken, type DevTokenOptions } from "../../src/auth";

/** The HS256 secret every test subgraph (harness, child process) is started with. */
export const TEST_JWT_SECRET = "test-only-hs256-secret-0123456789abcdef";
export const TEST_AUTH_ENV: Record<string, string> = { AUTH_JWT_SECRET: TEST_JWT_SECRET };

/** Header overrides that send no Authorization header at all. */
export const NO_AUTH: Record<string, string> = { authorization: "" };

/** A token for the test secret: a service token (sub "dev", `cards:read:any cards:write:any`) unless `options` say otherwise. */
export function testToken(options: DevTokenOptions = {}): Promise<string> {
  return signDevToken(TEST_JWT_SECRET, options);
}

export async function bearer(options: DevTokenOptions = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await testToken(options)}` };
}

let defaultHeaders: Promise<Record<string, string>> | undefined;

/** The Authorization header requests carry unless a test overrides it (signed once per test file). */
export function defaultAuthHeaders(): Promise<Record<string, string>> {
  defaultHeaders ??= bearer();
  return defaultHeaders;
}

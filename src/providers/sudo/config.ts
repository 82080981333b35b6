import { EnvReader } from "../../env";
import { readResilience, resilienceVars, type ResilienceConfig, type ResilienceDefaults } from "../resilience";
import { SUDO_CONTRACT } from "./contract";

export interface SudoConfig {
  /** Without a trailing slash, e.g. https://api.sandbox.sudo.cards (no `/v1`, FACTS B.1). */
  apiBaseUrl: string;
  /** The dashboard API key (a JWT). Sent as a bearer token; never logged or echoed. */
  apiKey: string;
  /** Per HTTP request. */
  timeoutMs: number;
  /** After an unreadable answer, how long before a retry may look for the card (see CardIssuer.settleMs). */
  settleMs: number;
  /** Secure Proxy Show's vault id returned with reveal tokens (SUDO_VAULT_ID; the sandbox's by default). */
  vaultId?: string;
  /** Retries (GETs only), the breaker and the rate limiter (SUDO_RETRY_*, SUDO_BREAKER_*, SUDO_RATE_LIMIT_*). */
  resilience: ResilienceConfig;
}

/** The contract's choices for a given call timeout: a retry starts only within one timeout of the first attempt. */
export function sudoResilienceDefaults(timeoutMs: number): ResilienceDefaults {
  const { retry, breaker, rateLimitPerMinute, rateLimitMaxWaitMs } = SUDO_CONTRACT;
  return { retry: { ...retry, budgetMs: timeoutMs }, breaker: { ...breaker }, rateLimit: { perMinute: rateLimitPerMinute, maxWaitMs: rateLimitMaxWaitMs } };
}

const SUDO_VARS = ["SUDO_API_BASE_URL", "SUDO_API_KEY", "SUDO_TIMEOUT_MS", "SUDO_SETTLE_MS", "SUDO_VAULT_ID", ...resilienceVars("SUDO")];

/**
 * Reads the SUDO_* variables. Null when none is set (the sandbox is used); otherwise the URL and key are both
 * required, and a ConfigError lists every problem. Problems name variables, never the key's value.
 */
export function readSudoConfig(env: NodeJS.ProcessEnv): SudoConfig | null {
  const reader = new EnvReader(env);
  if (!reader.anySet(SUDO_VARS)) return null;
  const apiBaseUrl = reader.url("SUDO_API_BASE_URL");
  const apiKey = reader.string("SUDO_API_KEY");
  const timeoutMs = reader.int("SUDO_TIMEOUT_MS", SUDO_CONTRACT.defaultTimeoutMs, 100, 120_000);
  const config: SudoConfig = {
    apiBaseUrl,
    apiKey,
    timeoutMs,
    settleMs: reader.int("SUDO_SETTLE_MS", timeoutMs, 0, 600_000),
    vaultId: reader.string("SUDO_VAULT_ID", defaultVaultId(apiBaseUrl)),
    resilience: readResilience(reader, "SUDO", sudoResilienceDefaults(timeoutMs)),
  };
  if (/\s/.test(config.apiKey)) reader.problems.push("SUDO_API_KEY must not contain whitespace");
  reader.done();
  return config;
}

/** FACTS B.1: the production API has its own vault; anything else (the sandbox, a simulator) uses the sandbox's. */
function defaultVaultId(apiBaseUrl: string): string {
  return /^https:\/\/api\.sudo\.africa(\/|$)/.test(apiBaseUrl) ? SUDO_CONTRACT.productionVaultId : SUDO_CONTRACT.sandboxVaultId;
}

import { EnvReader } from "../../env";
import { readResilience, resilienceVars, type ResilienceConfig, type ResilienceDefaults } from "../resilience";
import { BANK_CONTRACT, PIN_SCHEMES, type PinScheme } from "./contract";
import { readWireVariant, WIRE_VARS, type BankWireVariant } from "./wire-variants";

export const TOKEN_SOURCES = ["device-code", "static"] as const;
export type TokenSourceKind = (typeof TOKEN_SOURCES)[number];

export interface BankConfig {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Every connection this client may issue through; the input's connectionId must be one of them. */
  connectionIds: string[];
  defaultConnectionId: string;
  /** Header spelling, signature encoding, token endpoint and client auth, scopes (wire-variants.ts). */
  wire: BankWireVariant;
  pinScheme: PinScheme;
  /** Per HTTP request, to the auth server and to the API alike. */
  timeoutMs: number;
  tokenSource: TokenSourceKind;
  /** customerId -> access token, for consent obtained outside this service (`static` only). */
  consentTokens: Record<string, string>;
  /** Retries, a breaker per connection and the client's rate limiter (BANK_RETRY_*, BANK_BREAKER_*, BANK_RATE_LIMIT_*). */
  resilience: ResilienceConfig;
}

/** The contract's choices for a given call timeout: a retry starts only within one timeout of the first attempt. */
export function bankResilienceDefaults(timeoutMs: number, production: boolean): ResilienceDefaults {
  const { retry, breaker, rateLimitPerMinute, rateLimitMaxWaitMs } = BANK_CONTRACT;
  return {
    retry: { ...retry, budgetMs: timeoutMs },
    breaker: { ...breaker },
    rateLimit: { perMinute: production ? rateLimitPerMinute.production : rateLimitPerMinute.sandbox, maxWaitMs: rateLimitMaxWaitMs },
  };
}

const BANK_VARS = [
  "BANK_API_BASE_URL",
  "BANK_AUTH_BASE_URL",
  "BANK_CLIENT_ID",
  "BANK_CLIENT_SECRET",
  "BANK_CONNECTION_IDS",
  "BANK_DEFAULT_CONNECTION_ID",
  ...WIRE_VARS,
  "BANK_PIN_SCHEME",
  "BANK_TIMEOUT_MS",
  "BANK_TOKEN_SOURCE",
  "BANK_CONSENT_TOKENS",
  ...resilienceVars("BANK"),
];

/** Reads the BANK_* variables. Null when none is set (the sandbox is used); throws ConfigError listing every problem. */
export function readBankConfig(env: NodeJS.ProcessEnv): BankConfig | null {
  const reader = new EnvReader(env);
  if (!reader.anySet(BANK_VARS)) return null;
  const connectionIds = reader.list("BANK_CONNECTION_IDS");
  if (!connectionIds.length) reader.problems.push("BANK_CONNECTION_IDS is required (a comma-separated list)");
  const tokenSource = reader.oneOf("BANK_TOKEN_SOURCE", TOKEN_SOURCES, "device-code");
  const timeoutMs = reader.int("BANK_TIMEOUT_MS", 10_000, 100, 120_000);
  const config: BankConfig = {
    apiBaseUrl: reader.url("BANK_API_BASE_URL"),
    authBaseUrl: reader.url("BANK_AUTH_BASE_URL"),
    clientId: reader.string("BANK_CLIENT_ID"),
    clientSecret: reader.string("BANK_CLIENT_SECRET"),
    connectionIds,
    defaultConnectionId: readDefaultConnection(reader, connectionIds),
    wire: readWireVariant(reader),
    pinScheme: reader.oneOf("BANK_PIN_SCHEME", PIN_SCHEMES, BANK_CONTRACT.defaultPinScheme),
    timeoutMs,
    tokenSource,
    consentTokens: readConsentTokens(reader, tokenSource),
    resilience: readResilience(reader, "BANK", bankResilienceDefaults(timeoutMs, env.NODE_ENV === "production")),
  };
  if (config.pinScheme === "plaintext" && env.NODE_ENV === "production") {
    // A PIN must be encrypted before it leaves the process; the clear form exists only to diagnose a sandbox.
    reader.problems.push('BANK_PIN_SCHEME "plaintext" is not allowed when NODE_ENV=production');
  }
  reader.done();
  return config;
}

function readDefaultConnection(reader: EnvReader, connectionIds: string[]): string {
  const chosen = reader.optional("BANK_DEFAULT_CONNECTION_ID");
  if (chosen === undefined) return connectionIds[0] ?? "";
  if (connectionIds.length && !connectionIds.includes(chosen)) {
    reader.problems.push(`BANK_DEFAULT_CONNECTION_ID "${chosen}" is not one of BANK_CONNECTION_IDS`);
  }
  return chosen;
}

/** The value holds access tokens, so no message here ever quotes it. */
function readConsentTokens(reader: EnvReader, source: TokenSourceKind): Record<string, string> {
  const raw = reader.optional("BANK_CONSENT_TOKENS");
  if (raw === undefined) {
    if (source === "static") reader.problems.push('BANK_CONSENT_TOKENS is required when BANK_TOKEN_SOURCE is "static"');
    return {};
  }
  const parsed = parseJson(raw);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    reader.problems.push("BANK_CONSENT_TOKENS must be a JSON object mapping customer ids to access tokens");
    return {};
  }
  const tokens: Record<string, string> = {};
  for (const [customerId, token] of Object.entries(parsed)) {
    if (typeof token === "string" && token.trim()) tokens[customerId] = token.trim();
    else reader.problems.push(`BANK_CONSENT_TOKENS["${customerId}"] must be a non-empty string`);
  }
  if (source === "static" && !Object.keys(parsed).length) reader.problems.push("BANK_CONSENT_TOKENS must name at least one customer");
  return tokens;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

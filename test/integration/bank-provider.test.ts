import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { plainToInstance } from "class-transformer";
import { ProviderRejectedError, ProviderUnavailableError } from "../../src/errors";
import { createLogger } from "../../src/logger";
import { bankProvider } from "../../src/providers/bank";
import { BankCardInput } from "../../src/providers/bank/bank.input";
import { bankResilienceDefaults, type BankConfig } from "../../src/providers/bank/config";
import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { BankCardIssuer } from "../../src/providers/bank/issuer";
import { decryptPin } from "../../src/providers/bank/pin";
import { sandboxResilience, type ResilienceConfig } from "../../src/providers/resilience";
import type { Fault } from "../../src/sandbox/faults";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { StaticTokenSource } from "../../src/providers/bank/tokens/token-source";
import { PageApprovedTokens } from "../support/bank-consent";

const PIN = "4821";
const [CONN, OTHER_CONN] = ["CONN0987654321", "CONN1234567890"];

let sandbox: BankSandbox;
let config: BankConfig;
let tokens: PageApprovedTokens;
let issuer: BankCardIssuer;
let accessToken: string;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await startBankSandbox();
  config = {
    apiBaseUrl: sandbox.apiBaseUrl,
    authBaseUrl: sandbox.authBaseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    connectionIds: sandbox.connectionIds,
    defaultConnectionId: sandbox.connectionIds[0],
    wire: { ...sandbox.wire },
    pinScheme: BANK_CONTRACT.defaultPinScheme,
    timeoutMs: 10_000,
    tokenSource: "device-code",
    consentTokens: {},
    // One attempt, so each fault's own classification shows here; retries, the breaker and the limiter are covered
    // in test/resilience.
    resilience: withoutRetries(sandboxResilience(bankResilienceDefaults(10_000, false))),
  };
  // Shared so the test knows the access token (to prove it never leaks) and the short-timeout issuer reuses it.
  tokens = new PageApprovedTokens(sandbox);
  accessToken = await tokens.consent("cus_ada", CONN);
  const sink = new Writable({ write: (chunk, _enc, done) => void (logs.push(String(chunk)), done()) });
  issuer = new BankCardIssuer(config, createLogger("debug", sink), { tokens });
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

function withoutRetries(config: ResilienceConfig): ResilienceConfig {
  return { ...config, retry: { ...config.retry, maxAttempts: 1 } };
}

function input(overrides: Record<string, unknown> = {}): BankCardInput {
  return plainToInstance(BankCardInput, {
    customerId: "cus_ada",
    status: "ACTIVE",
    holderName: "Ada Okafor",
    defaultPin: PIN,
    expiry: { month: 4, year: new Date().getUTCFullYear() + 3 },
    productId: "1",
    type: "VIRTUAL",
    mode: "DEBIT",
    currency: "NGN",
    address: { street: "1 Marina", city: "Lagos", state: "Lagos", country: "ng" },
    customProperties: [{ id: "branch", description: "Issuing branch", type: "string", value: "Marina" }],
    ...overrides,
  });
}

function request(overrides: Record<string, unknown> = {}, idempotencyKey = `idem-${randomUUID()}`) {
  return { input: input(overrides), cardId: `card_${randomUUID()}`, idempotencyKey };
}

/** Everything that must never appear in what we return, throw or log. */
function secrets(): string[] {
  const fromCards = sandbox.cards().flatMap((c) => [c.card_number, c.card_token, c.card_default_pin]);
  return [sandbox.clientSecret, accessToken, ...fromCards];
}

function expectNoLeak(value: unknown): void {
  const text = value instanceof Error ? JSON.stringify({ message: value.message, ...(value as ProviderRejectedError).extensions }) : JSON.stringify(value);
  for (const secret of secrets()) expect(text).not.toContain(secret);
  for (const key of ["card_number", "card_cvv2", "card_default_pin", "card_token", "defaultPin"]) expect(text).not.toContain(key);
  if (value instanceof Error) expect(text).not.toContain(PIN);
}

async function failure(fault: Fault | null, req = request(), using = issuer): Promise<Error> {
  if (fault) sandbox.faults.add({ method: "POST", path: "/cards", ...fault });
  const error = await using.issue(req).then(
    () => new Error("expected the issue to fail"),
    (e: Error) => e,
  );
  expectNoLeak(error);
  return error;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function expectRejected(error: Error, providerCode: string): ProviderRejectedError {
  expect(error).toBeInstanceOf(ProviderRejectedError);
  expect((error as ProviderRejectedError).extensions).toMatchObject({ code: "PROVIDER_REJECTED", provider: "BANK", providerCode });
  return error as ProviderRejectedError;
}

function expectUnavailable(error: Error, reason: string): ProviderUnavailableError {
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  expect((error as ProviderUnavailableError).extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "BANK", reason });
  return error as ProviderUnavailableError;
}

describe("BankCardIssuer against the bank sandbox", () => {
  it("creates a card: accepted headers and signature, a decryptable PIN, nothing sensitive returned", async () => {
    const card = await issuer.issue(request());
    const [stored] = sandbox.cards();
    expect(sandbox.cards()).toHaveLength(1);
    expect(decryptPin(stored.card_default_pin, sandbox.clientSecret, config.pinScheme)).toBe(PIN);
    expect(stored).toMatchObject({ customer_id: "cus_ada", card_address: { country: "NG" }, card_expiry: { month: "04" } });
    expect(card).toMatchObject({
      providerCardId: stored.card_id,
      customerId: "cus_ada",
      brand: "VISA",
      status: "ACTIVE",
      last4: stored.card_number.slice(-4),
      maskedPan: `${stored.card_number.slice(0, 6)}******${stored.card_number.slice(-4)}`,
      maskedAccountNumber: `******${stored.account_number.slice(-4)}`,
      createdAt: null,
    });
    expectNoLeak(card);
    // Quoted: a bare three-digit run could occur inside the masked PAN or the expiry year.
    expect(JSON.stringify(card)).not.toContain(`"${stored.card_cvv2}"`);
    expectNoLeak(logs);
  });

  it("issues through the requested connection", async () => {
    await issuer.issue(request({ connectionId: OTHER_CONN, customerId: "cus_chioma" }));
    expect(sandbox.cards()[0].customer_id).toBe("cus_chioma");
  });

  it("replays under the same idempotency key without creating a second card", async () => {
    const req = request();
    const first = await issuer.issue(req);
    const again = await issuer.issue({ ...req, input: input() });
    const resumed = await issuer.resume(req);
    expect(again.providerCardId).toBe(first.providerCardId);
    expect(resumed.providerCardId).toBe(first.providerCardId);
    expect(sandbox.cards()).toHaveLength(1);
    expect(sandbox.count("POST", "/cards")).toBe(3);
  });

  it("creates another card under another key", async () => {
    await issuer.issue(request());
    await issuer.issue(request());
    expect(sandbox.cards()).toHaveLength(2);
  });

  it("reports the bank's validation errors on our field paths", async () => {
    const error = await failure(null, request({ productId: "999", expiry: { month: 1, year: 2001 } }));
    const rejected = expectRejected(error, "VALIDATION_FAILED");
    expect(rejected.extensions.providerErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "productId", code: "INVALID_PRODUCT" }),
        expect.objectContaining({ field: "expiry", code: "EXPIRED" }),
      ]),
    );
    expect(sandbox.cards()).toHaveLength(0);
  });

  it("surfaces a reused key with another body as 94", async () => {
    const key = `idem-${randomUUID()}`;
    await issuer.issue(request({}, key));
    expectRejected(await failure(null, request({ holderName: "Someone Else" }, key)), "94");
    expect(sandbox.cards()).toHaveLength(1);
  });

  it("surfaces a request still in progress (09) as unavailable, so the attempt stays open", async () => {
    const error = await failure({ kind: "status", status: 409, body: { status: "09", message: "Request in progress" } });
    expect(error).toBeInstanceOf(ProviderUnavailableError);
  });

  it("renews the token once on a 401 and succeeds under the same key", async () => {
    sandbox.faults.add({ method: "POST", path: "/cards", kind: "status", status: 401, body: { message: "Access token expired" } });
    const issuedBefore = sandbox.tokensIssued();
    await issuer.issue(request());
    expect(sandbox.count("POST", "/cards")).toBe(2);
    expect(sandbox.tokensIssued()).toBe(issuedBefore + 1);
    expect(sandbox.cards()).toHaveLength(1);
  });

  it("after a second 401 drops the consent and answers BANK_CONSENT_REQUIRED instead of looping", async () => {
    const dropping = new PageApprovedTokens(sandbox);
    await dropping.consent("cus_ada", CONN);
    const local = new BankCardIssuer(config, createLogger("silent"), { tokens: dropping });
    sandbox.faults.add({ method: "POST", path: "/cards", kind: "status", status: 401, times: 2, body: { message: "Invalid access token" } });
    const error = await local.issue(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ extensions: { code: "BANK_CONSENT_REQUIRED", customerId: "cus_ada", connectionId: CONN } });
    expect(sandbox.count("POST", "/cards")).toBe(2);
    await expect(local.issue(request())).rejects.toMatchObject({ extensions: { code: "BANK_CONSENT_REQUIRED" } });
    expect(sandbox.count("POST", "/cards")).toBe(2);
  });

  it("refuses a card the bank attributes to another customer than the consent's, storing nothing", async () => {
    const mixedUp = new PageApprovedTokens(sandbox);
    // The person at the bank signed in as Bayo for Ada's consent request.
    await mixedUp.consent("cus_bayo", CONN);
    const swapped = { getToken: () => mixedUp.getToken("cus_bayo", CONN), invalidate: async () => {}, drop: async () => {} };
    const local = new BankCardIssuer(config, createLogger("silent"), { tokens: swapped });
    const error = await local.issue(request({ customerId: "cus_ada" })).catch((e: unknown) => e);
    expectRejected(error as Error, "CUSTOMER_MISMATCH");
  });

  it("surfaces 403 with the HTTP status as the code", async () => {
    expectRejected(await failure({ kind: "status", status: 403, body: { status: "error", message: "Invalid connection" } }), "403");
  });

  it("surfaces 429 as RATE_LIMITED with Retry-After", async () => {
    const error = expectUnavailable(await failure({ kind: "status", status: 429, retryAfter: "12" }), "RATE_LIMITED");
    expect(error.retryAfterSeconds).toBe(12);
  });

  it("surfaces 500 as UPSTREAM_ERROR", async () => {
    expectUnavailable(await failure({ kind: "status", status: 500 }), "UPSTREAM_ERROR");
  });

  it("surfaces a slow bank as TIMEOUT, and resuming returns the card the bank created late", async () => {
    const impatient = new BankCardIssuer({ ...config, timeoutMs: 100 }, createLogger("silent"), { tokens });
    const req = request();
    expectUnavailable(await failure({ kind: "latency", latencyMs: 1_000 }, req, impatient), "TIMEOUT");
    await until(() => sandbox.cards().length === 1);
    const card = await issuer.resume(req);
    expect(sandbox.cards().map((c) => c.card_id)).toEqual([card.providerCardId]);
  });

  it("surfaces truncated JSON as BAD_RESPONSE, and resuming returns the card it created", async () => {
    const req = request();
    expectUnavailable(await failure({ kind: "malformed-json" }, req), "BAD_RESPONSE");
    const card = await issuer.resume(req);
    expect(sandbox.cards().map((c) => c.card_id)).toEqual([card.providerCardId]);
  });

  it("surfaces a dropped connection as NETWORK, and resuming returns the card it created", async () => {
    const req = request();
    expectUnavailable(await failure({ kind: "drop-after-commit" }, req), "NETWORK");
    const card = await issuer.resume(req);
    expect(sandbox.cards().map((c) => c.card_id)).toEqual([card.providerCardId]);
  });

  it("surfaces a load balancer's HTML 502 as UPSTREAM_ERROR and an HTML 200 as BAD_RESPONSE", async () => {
    expectUnavailable(await failure({ kind: "html" }), "UPSTREAM_ERROR");
    expectUnavailable(await failure({ kind: "html", status: 200 }), "BAD_RESPONSE");
  });

  it("surfaces a failure inside a 200 envelope with its status as the code", async () => {
    const error = expectRejected(await failure({ kind: "failure-envelope" }), "96");
    expect(error.extensions.providerMessage).toBe("System malfunction");
  });

  it("refuses a customer without an approved consent as BANK_CONSENT_REQUIRED before calling the card API", async () => {
    const none = new BankCardIssuer(config, createLogger("silent"), { tokens: new StaticTokenSource({}) });
    const error = await failure(null, request({ customerId: "cus_nobody" }), none);
    expect(error).toMatchObject({ extensions: { code: "BANK_CONSENT_REQUIRED", provider: "BANK", customerId: "cus_nobody", connectionId: CONN } });
    expect(sandbox.count("POST", "/cards")).toBe(0);
  });

  it("validates the connection against the configuration", () => {
    expect(issuer.validate(input({ connectionId: OTHER_CONN }))).toEqual([]);
    expect(issuer.validate(input({ connectionId: "CONN_UNKNOWN" }))).toEqual([
      expect.objectContaining({ field: "connectionId", rule: "knownConnection" }),
    ]);
  });
});

describe("bankProvider", () => {
  it("describes the provider and has no config without BANK_* variables", () => {
    expect(bankProvider).toMatchObject({ name: "BANK", inputField: "bank", inputType: BankCardInput });
    expect(bankProvider.readConfig({})).toBeNull();
    expect(bankProvider.customerIdOf(input({ customerId: "cus_bayo" }))).toBe("cus_bayo");
  });

  it("starts a sandbox whose config issues cards with device-code consent", async () => {
    const handle = await bankProvider.startSandbox();
    try {
      expect(handle.config.tokenSource).toBe("device-code");
      const own = new PageApprovedTokens(handle.config);
      const card = await bankProvider.createIssuer(handle.config, createLogger("silent"), { tokens: own }).issue(request({ customerId: "cus_bayo" }));
      expect(card).toMatchObject({ customerId: "cus_bayo", status: "ACTIVE" });
    } finally {
      await handle.stop();
    }
  });
});

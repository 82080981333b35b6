import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import type { GraphQLError } from "graphql";
import { CardBrand, CardStatus, CardType, SpendingLimitInterval } from "../../src/cards/card.enums";
import { ProviderRejectedError, ProviderUnavailableError } from "../../src/errors";
import { createLogger } from "../../src/logger";
import { sandboxResilience } from "../../src/providers/resilience";
import { sudoProvider } from "../../src/providers/sudo";
import { sudoResilienceDefaults } from "../../src/providers/sudo/config";
import { expirationDateIn } from "../../src/providers/sudo/expiration.rule";
import type { SudoCardInput } from "../../src/providers/sudo/sudo.input";
import type { CardIssuer, IssuedCard } from "../../src/providers/provider";
import { ISSUANCE_FEES, SEED_ACCOUNTS, SEED_CUSTOMERS, startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { VALID, VERVE_PAN, input } from "../unit/sudo/fixtures";

// The Sudo provider end to end against the Sudo simulator: real HTTP, real error bodies, injected faults.

const CUSTOMER = SEED_CUSTOMERS[0];
const [, USD_ACCOUNT, EMPTY_ACCOUNT] = SEED_ACCOUNTS.map((a) => a._id);
const UNKNOWN_CUSTOMER = "64b0c0ffee00000000000bad";

const logLines: string[] = [];
const logger = createLogger(
  "debug",
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  }),
);

let sandbox: SudoSandbox;
/**
 * Every key and card number the suite saw; none may appear in an error or a log line. Partial PANs are long enough
 * never to match by chance; CVV2s and PINs are too short for that, so their field names are checked instead.
 */
const secrets = new Set<string>();
const panParts = (pan: string) => [pan, pan.slice(0, 12), pan.slice(6)];
const CARD_SECRET_FIELD = /"(cvv2?|pin|defaultPin|card_cvv2|pan)"/i;

beforeAll(async () => {
  sandbox = await startSudoSandbox();
  secrets.add(sandbox.apiKey);
});

afterEach(() => {
  for (const card of sandbox.cards()) panParts(card.pan).forEach((part) => secrets.add(part));
  sandbox.reset();
});

afterAll(async () => {
  await sandbox.stop();
});

function issuer(options: { apiKey?: string; timeoutMs?: number } = {}): CardIssuer<SudoCardInput> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const resilience = sandboxResilience(sudoResilienceDefaults(timeoutMs));
  const config = { apiBaseUrl: sandbox.url, apiKey: options.apiKey ?? sandbox.apiKey, timeoutMs, settleMs: 0, resilience };
  return sudoProvider.createIssuer(config, logger);
}

const request = (plain: Record<string, unknown>) => ({ input: input(plain), cardId: `crd_${randomUUID()}`, idempotencyKey: randomUUID() });

async function failureOf(attempt: Promise<unknown>): Promise<GraphQLError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e as GraphQLError,
  );
  if (!error) throw new Error("expected the call to fail");
  const text = JSON.stringify({ message: error.message, extensions: error.extensions });
  for (const secret of [...secrets, sandbox.apiKey, ...panParts(VERVE_PAN)]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(CARD_SECRET_FIELD);
  return error;
}

async function rejection(attempt: Promise<unknown>) {
  const error = await failureOf(attempt);
  expect(error).toBeInstanceOf(ProviderRejectedError);
  return error.extensions;
}

async function unavailability(attempt: Promise<unknown>) {
  const error = await failureOf(attempt);
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  return error.extensions;
}

const monthOf = (mmmYyyy: string) => ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"].indexOf(mmmYyyy.slice(0, 3)) + 1;

/** Waits for the simulator to finish a request the client already gave up on. */
async function untilPosted(count: number): Promise<void> {
  while (sandbox.count("POST", "/cards") < count) await new Promise((resolve) => setTimeout(resolve, 10));
}

function expectNoCardData(issued: IssuedCard): void {
  const text = JSON.stringify(issued);
  for (const part of sandbox.cards().flatMap((card) => panParts(card.pan))) expect(text).not.toContain(part);
  expect(text).not.toMatch(CARD_SECRET_FIELD);
}

describe("Sudo provider against the simulator: issuing", () => {
  it("creates a virtual Verve card with every field mapped", async () => {
    const req = request({
      ...VALID.virtualVerve(),
      metadata: { orderId: "A-1" },
      sendPinSms: true,
      enable2FA: true,
      spendingControls: {
        channels: { atm: false, pos: true, web: true, mobile: true },
        blockedCategories: ["7995"],
        spendingLimits: [{ amount: 50_000, interval: "DAILY" }, { amount: 5_000, interval: "PER_AUTHORIZATION", categories: ["6011"] }],
      },
    });
    const issued = await issuer().issue(req);
    const [stored] = sandbox.cards();
    expect(issued).toEqual({
      providerCardId: stored._id,
      customerId: CUSTOMER._id,
      type: CardType.VIRTUAL,
      brand: CardBrand.VERVE,
      status: CardStatus.ACTIVE,
      mode: null,
      currency: "NGN",
      holderName: CUSTOMER.name,
      last4: stored.pan.slice(-4),
      maskedPan: `${stored.pan.slice(0, 6)}${"*".repeat(stored.pan.length - 10)}${stored.pan.slice(-4)}`,
      expiry: { month: Number(stored.expiryMonth), year: Number(stored.expiryYear) },
      maskedAccountNumber: expect.stringMatching(/^\*{6}\d{4}$/),
      productId: null,
      address: null,
      spendingControls: {
        channels: { atm: false, pos: true, web: true, mobile: true },
        allowedCategories: [],
        blockedCategories: ["7995"],
        spendingLimits: [
          { amount: 50_000, interval: SpendingLimitInterval.DAILY, categories: [] },
          { amount: 5_000, interval: SpendingLimitInterval.PER_AUTHORIZATION, categories: ["6011"] },
        ],
      },
      metadata: { orderId: "A-1" },
      customProperties: null,
      createdAt: new Date(stored.createdAt),
    });
    expect(stored).toMatchObject({ sendPINSMS: true, is2FAEnabled: true, metadata: { orderId: "A-1", cardsSubgraphCardId: req.cardId } });
    expectNoCardData(issued);
  });

  it("creates a virtual MasterCard funded with the amount", async () => {
    const usdBefore = sandbox.accounts.find((a) => a._id === USD_ACCOUNT)!.balance;
    const issued = await issuer().issue(request({ ...VALID.virtualMastercard(), amount: 25 }));
    expect(issued).toMatchObject({ type: CardType.VIRTUAL, brand: CardBrand.MASTERCARD, currency: "USD", status: CardStatus.ACTIVE, metadata: null });
    expect(sandbox.accounts.find((a) => a._id === USD_ACCOUNT)!.balance).toBe(usdBefore - 25 - ISSUANCE_FEES.USD);
    expectNoCardData(issued);
  });

  it("maps a physical Verve card by its PAN, showing only the BIN and last four", async () => {
    const issued = await issuer().issue(request({ ...VALID.physicalVerve(), status: "INACTIVE" }));
    expect(issued).toMatchObject({
      type: CardType.PHYSICAL,
      brand: CardBrand.VERVE,
      status: CardStatus.INACTIVE,
      last4: VERVE_PAN.slice(-4),
      maskedPan: `${VERVE_PAN.slice(0, 6)}*********${VERVE_PAN.slice(-4)}`,
    });
    expect(sandbox.cards()).toEqual([expect.objectContaining({ type: "physical", mappedNumber: VERVE_PAN })]);
    expectNoCardData(issued);
  });

  it("creates a virtual Visa with the expiry asked for", async () => {
    const expirationDate = expirationDateIn(30);
    const issued = await issuer().issue(request({ ...VALID.virtualVisa(), expirationDate }));
    expect(issued).toMatchObject({ brand: CardBrand.VISA, currency: "USD" });
    expect(issued.expiry).toEqual({ month: monthOf(expirationDate), year: Number(expirationDate.slice(4)) });
  });

  it("creates a virtual card from a card program, which supplies the brand and the debit account", async () => {
    const issued = await issuer().issue(request(VALID.program()));
    expect(issued).toMatchObject({ type: CardType.VIRTUAL, brand: CardBrand.VERVE, currency: "NGN" });
    expect(sandbox.cards()).toEqual([expect.objectContaining({ programId: VALID.program().programId })]);
  });

  it("issues through the provider definition's own sandbox", async () => {
    const handle = await sudoProvider.startSandbox();
    try {
      const issued = await sudoProvider.createIssuer(handle.config, logger).issue(request(VALID.virtualVerve()));
      expect(issued).toMatchObject({ brand: CardBrand.VERVE, customerId: sudoProvider.customerIdOf(input(VALID.virtualVerve())) });
    } finally {
      await handle.stop();
    }
  });
});

describe("Sudo provider against the simulator: errors", () => {
  it("a 400 names our fields and Sudo's constraints", async () => {
    const invalid = { ...VALID.virtualVerve(), currency: "USD", sendPinSms: "yes", spendingControls: { spendingLimits: [{ amount: 1, interval: "HOURLY" }] } };
    const ext = await rejection(issuer().issue(request(invalid)));
    expect(ext).toMatchObject({ provider: "SUDO", providerCode: "VALIDATION_FAILED" });
    expect(ext.providerErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "currency", code: "brandCurrency" }),
        expect.objectContaining({ field: "sendPinSms", code: "isBoolean" }),
        expect.objectContaining({ field: "spendingControls.spendingLimits.0.interval" }),
      ]),
    );
  });

  it.each([
    ["a malformed key", () => "not-a-jwt"],
    ["an expired key", () => sandbox.mintApiKey({ expiresInSeconds: -60 })],
    ["a key without the APIKey role", () => sandbox.mintApiKey({ role: "Owner" })],
  ])("401 for %s", async (_what, key) => {
    expect(await rejection(issuer({ apiKey: key() }).issue(request(VALID.virtualVerve())))).toMatchObject({ providerCode: "401" });
    expect(sandbox.cards()).toHaveLength(0);
  });

  it("402 when the debit account cannot pay", async () => {
    const ext = await rejection(issuer().issue(request({ ...VALID.virtualVerve(), debitAccountId: EMPTY_ACCOUNT })));
    expect(ext).toMatchObject({ providerCode: "402", providerMessage: "Insufficient balance." });
  });

  it("404 for an unknown customer", async () => {
    const ext = await rejection(issuer().issue(request({ ...VALID.virtualVerve(), customerId: UNKNOWN_CUSTOMER })));
    expect(ext).toMatchObject({ providerCode: "404", providerMessage: "Customer not found." });
  });

  it("409 when a physical card number is already mapped", async () => {
    await issuer().issue(request(VALID.physicalVerve()));
    const ext = await rejection(issuer().issue(request(VALID.physicalVerve())));
    expect(ext).toMatchObject({ providerCode: "409", providerMessage: "Card already exists." });
  });

  it("429 is RATE_LIMITED with Retry-After", async () => {
    sandbox.faults.add({ kind: "status", method: "POST", path: "/cards", status: 429, retryAfter: "3" });
    expect(await unavailability(issuer().issue(request(VALID.virtualVerve())))).toMatchObject({ reason: "RATE_LIMITED", retryAfterSeconds: 3 });
    expect(sandbox.cards()).toHaveLength(0);
  });

  it("500 is UPSTREAM_ERROR and the POST is not retried", async () => {
    sandbox.faults.add({ kind: "status", method: "POST", path: "/cards", status: 500 });
    expect(await unavailability(issuer().issue(request(VALID.virtualVerve())))).toMatchObject({ reason: "UPSTREAM_ERROR" });
    expect(sandbox.count("POST", "/cards")).toBe(1);
  });

  it("a slow answer is a TIMEOUT, and a resume then finds the card the slow call made", async () => {
    sandbox.faults.add({ kind: "latency", method: "POST", path: "/cards", latencyMs: 500 });
    const req = request(VALID.virtualVerve());
    expect(await unavailability(issuer({ timeoutMs: 50 }).issue(req))).toMatchObject({ reason: "TIMEOUT" });
    await untilPosted(1);
    const resumed = await issuer().resume(req);
    expect(resumed.providerCardId).toBe(sandbox.cards()[0]._id);
    expect(sandbox.cards()).toHaveLength(1);
  });

  it.each([
    [502, "UPSTREAM_ERROR"],
    [200, "BAD_RESPONSE"],
  ])("an HTML page with HTTP %i is %s", async (status, reason) => {
    sandbox.faults.add({ kind: "html", method: "POST", path: "/cards", status });
    const error = await failureOf(issuer().issue(request(VALID.virtualVerve())));
    expect(error.extensions).toMatchObject({ reason });
    expect(error.message).not.toContain("nginx");
  });

  it("truncated JSON is BAD_RESPONSE", async () => {
    sandbox.faults.add({ kind: "malformed-json", method: "POST", path: "/cards" });
    expect(await unavailability(issuer().issue(request(VALID.virtualVerve())))).toMatchObject({ reason: "BAD_RESPONSE" });
  });

  it("a failure envelope inside a 200 is a rejection", async () => {
    sandbox.faults.add({ kind: "failure-envelope", method: "POST", path: "/cards" });
    expect(await rejection(issuer().issue(request(VALID.virtualVerve())))).toMatchObject({
      providerCode: "400",
      providerMessage: "Card creation failed.",
    });
  });
});

describe("Sudo provider against the simulator: exactly once", () => {
  it("resume after a connection dropped after commit returns the existing card", async () => {
    sandbox.faults.add({ kind: "drop-after-commit", method: "POST", path: "/cards" });
    const req = request({ ...VALID.virtualVerve(), metadata: { orderId: "A-7" } });
    expect(await unavailability(issuer().issue(req))).toMatchObject({ reason: "NETWORK" });
    expect(sandbox.cards()).toHaveLength(1);

    const resumed = await issuer().resume(req);
    expect(resumed).toMatchObject({ providerCardId: sandbox.cards()[0]._id, metadata: { orderId: "A-7" }, holderName: CUSTOMER.name });
    expect(sandbox.cards()).toHaveLength(1);
    expect(sandbox.count("POST", "/cards")).toBe(1);
  });

  it("resume finds its own card among the customer's others", async () => {
    const first = request(VALID.virtualVerve());
    await issuer().issue(first);
    await issuer().issue(request(VALID.virtualVerve()));
    const resumed = await issuer().resume(first);
    expect(resumed.providerCardId).toBe(sandbox.cards()[0]._id);
    expect(sandbox.cards()).toHaveLength(2);
  });

  it("resume with no earlier card creates exactly one", async () => {
    const issued = await issuer().resume(request(VALID.virtualVerve()));
    expect(sandbox.cards()).toEqual([expect.objectContaining({ _id: issued.providerCardId })]);
    expect(sandbox.count("GET", `/cards/customer/${CUSTOMER._id}`)).toBe(1);
    expect(sandbox.count("POST", "/cards")).toBe(1);
  });

  it("resume while Sudo refuses the lookup creates nothing", async () => {
    sandbox.faults.add({ kind: "status", method: "GET", path: `/cards/customer/${CUSTOMER._id}`, status: 403 });
    expect(await unavailability(issuer().resume(request(VALID.virtualVerve())))).toMatchObject({ reason: "UPSTREAM_ERROR" });
    expect(sandbox.count("POST", "/cards")).toBe(0);
  });
});

describe("Sudo provider logs", () => {
  it("never logged a key, PAN, CVV2 or PIN", () => {
    const logs = logLines.join("");
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(CARD_SECRET_FIELD);
  });
});

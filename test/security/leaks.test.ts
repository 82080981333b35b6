import { randomBytes } from "node:crypto";
import { print } from "graphql";
import { sql } from "kysely";
import { CreateCardDocument } from "../__generated__/graphql";
import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { decryptPin } from "../../src/providers/bank/pin";
import type { Fault, FaultKind } from "../../src/sandbox/faults";
import { luhnValidPan } from "../../src/sandbox/pan";
import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { consentThroughGraphQL } from "../support/bank-consent";
import { bearer, defaultAuthHeaders } from "../support/auth";
import { bankInput, SUDO_EMPTY_ACCOUNT, sudoInput } from "../support/inputs";
import { findLeaks, SecretSet } from "./leak-scan";
import { startWireRecorder, type WireRecorder } from "./wire-recorder";

// Every createCard path through the real subgraph — success, replay, bad input, every provider error status, every
// simulator fault kind — with provider error bodies that echo card data and secrets back. Then every log line the
// subgraph wrote and every response body must be free of each PAN, CVV2, PIN, secret and token involved. Both
// simulators sit behind a wire recorder, so what the subgraph actually sent is checked too: the bank's default PIN
// only ever travels encrypted.

const CREATE = print(CreateCardDocument);
const PIN = "7390";
const secrets = new SecretSet();
const responses: string[] = [];
let h: Harness;
let logsSeen = 0;
let wire: { bank: WireRecorder; sudo: WireRecorder };

beforeAll(async () => {
  wire = { bank: await startWireRecorder(), sudo: await startWireRecorder() };
  h = await startHarness({
    BANK_TIMEOUT_MS: "500",
    SUDO_TIMEOUT_MS: "500",
    SUDO_SETTLE_MS: "500",
    IDEMPOTENCY_WAIT_MS: "3000",
    BANK_API_BASE_URL: wire.bank.url,
    BANK_AUTH_BASE_URL: wire.bank.url,
    SUDO_API_BASE_URL: wire.sudo.url,
  }, { consents: false });
  wire.bank.forwardTo(h.bank.url);
  wire.sudo.forwardTo(h.sudo.url);
  await h.consentAll();
  h.bank.issuedTokens().forEach((token, i) => secrets.add(`bank token ${i}`, token));
  secrets.add("bank client secret", h.bank.clientSecret);
  secrets.add("Sudo API key", h.sudo.apiKey);
  secrets.add("caller JWT", (await defaultAuthHeaders()).authorization.replace("Bearer ", ""));
  secrets.add("PIN sent", PIN);
}, 120_000);
afterAll(async () => {
  await h.stop();
  await Promise.all([wire.bank.stop(), wire.sudo.stop()]);
});

/** The vault data of every card the simulators hold; called before each reset so nothing is forgotten. */
function collectCardSecrets(): void {
  for (const card of h.bank.cards()) {
    secrets.add("bank PAN", card.card_number);
    secrets.add("bank CVV2", card.card_cvv2);
    secrets.add("bank PIN block", card.card_default_pin);
    secrets.add("bank card token", card.card_token);
  }
  for (const card of h.sudo.cards()) {
    secrets.add("Sudo PAN", card.pan);
    secrets.add("Sudo CVV2", card.cvv2);
    secrets.add("Sudo PIN", card.pin);
  }
}

/** Any PAN/CVV2 a simulator handed out so far, for error bodies that echo them. */
function knownCard(): { pan: string; cvv2: string } {
  const bank = h.bank.cards()[0];
  const sudo = h.sudo.cards()[0];
  return bank ? { pan: bank.card_number, cvv2: bank.card_cvv2 } : { pan: sudo.pan, cvv2: sudo.cvv2 };
}

async function send(input: Record<string, unknown>, key: string, headers?: Record<string, string>): Promise<GraphQLResponse> {
  const response = await h.gql(CREATE, { idempotencyKey: key, input }, headers);
  responses.push(response.text);
  expect(response.status).toBeLessThan(500);
  for (const error of response.body.errors ?? []) expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  return response;
}

/** Sends the request, then once more with the same key (replay or recovery), and scans what this case produced. */
async function drive(input: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse[]> {
  const key = `leak-${randomBytes(6).toString("hex")}`;
  const first = await send(input, key, headers);
  const second = await send(input, key, headers);
  collectCardSecrets();
  expectNoLeaks();
  expectPinEncryptedOnTheWire();
  return [first, second];
}

let pinBlocksChecked = 0;

/** Every create-card body the bank was sent carries the PIN as a block that decrypts to it, never the PIN itself. */
function expectPinEncryptedOnTheWire(): void {
  for (const sent of wire.bank.requests.filter((r) => r.method === "POST" && r.path === "/cards")) {
    const block = (JSON.parse(sent.body) as { card_default_pin?: unknown }).card_default_pin;
    expect(typeof block).toBe("string");
    expect(block).not.toMatch(/^\d{4}$/);
    expect(decryptPin(block as string, h.bank.clientSecret, BANK_CONTRACT.defaultPinScheme)).toBe(PIN);
    expect(sent.body).not.toContain(`"${PIN}"`);
    pinBlocksChecked += 1;
  }
  wire.bank.requests.length = 0;
  // Sudo takes no PIN from us, so a PIN in its traffic could only be ours leaking.
  for (const sent of wire.sudo.requests) expect(findLeaks([sent.body], pinOnly)).toEqual([]);
  wire.sudo.requests.length = 0;
}

const pinOnly = new SecretSet();
pinOnly.add("PIN sent", PIN);

function expectNoLeaks(): void {
  const fresh = h.logs.slice(logsSeen);
  logsSeen = h.logs.length;
  expect(findLeaks([...fresh, ...responses], secrets)).toEqual([]);
}

const codeOf = (r: GraphQLResponse) => r.body.errors?.[0]?.extensions?.code ?? "OK";

const PROVIDERS = [
  {
    name: "bank",
    input: (overrides = {}) => ({ bank: bankInput({ defaultPin: PIN, ...overrides }) }),
    sandbox: () => h.bank,
    /** A bank error envelope that repeats the card, the PIN and the client secret back. */
    echo: (status: number) => {
      const { pan, cvv2 } = knownCard();
      return {
        status: status === 409 ? "94" : "96",
        message: `declined card ${pan} cvv2 ${cvv2} pin ${PIN} secret ${h.bank.clientSecret}`,
        errors: [{ field: "card_number", message: `invalid ${pan}` }],
        data: { card_number: pan, card_cvv2: cvv2, card_default_pin: PIN },
      };
    },
    statuses: [400, 401, 403, 404, 409, 422, 429, 500, 502, 503],
  },
  {
    name: "sudo",
    input: (overrides = {}) => ({ sudo: sudoInput(overrides) }),
    sandbox: () => h.sudo,
    /** A NestJS-style error that repeats the card and the API key back. */
    echo: (status: number) => {
      const { pan, cvv2 } = knownCard();
      return { statusCode: status, message: [`pan ${pan} cvv2 ${cvv2} key ${h.sudo.apiKey}`], error: "Bad Request", data: { pan, cvv2, pin: PIN } };
    },
    statuses: [400, 401, 402, 403, 404, 409, 422, 429, 500, 502, 503],
  },
] as const;

describe.each(PROVIDERS)("$name: nothing secret reaches a log line or a response", (provider) => {
  beforeEach(() => {
    collectCardSecrets();
    h.bank.reset();
    h.sudo.reset();
  });

  it("success, and its replay", async () => {
    const [first, replay] = await drive(provider.input());
    expect([codeOf(first), codeOf(replay)]).toEqual(["OK", "OK"]);
    expect(provider.sandbox().cards()).toHaveLength(1);
  });

  it("bad input that carries a PIN or PAN-like values, in variables", async () => {
    // Twenty digits: too long for a card number, and it must not come back in the error.
    const number = `${luhnValidPan("506099")}0000`;
    secrets.add("PAN sent", number);
    const invalid =
      provider.name === "bank" ? provider.input({ defaultPin: Number(PIN) as unknown as string }) : provider.input({ type: "PHYSICAL", number });
    const [first] = await drive(invalid);
    expect(codeOf(first)).toBe("BAD_USER_INPUT");
  });

  it("a caller without the scope, and an expired token", async () => {
    const [forbidden] = await drive(provider.input(), await bearer({ scopes: ["cards:read"] }));
    expect(codeOf(forbidden)).toBe("FORBIDDEN");
    const [expired] = await drive(provider.input(), await bearer({ expiresIn: -60 }));
    expect(codeOf(expired)).toBe("UNAUTHENTICATED");
  });

  it.each(provider.statuses)("provider answers HTTP %i with a body echoing card data and secrets", async (status) => {
    await drive(provider.input()); // a card whose PAN and CVV2 the error body can echo
    provider.sandbox().faults.add({ kind: "status", status, method: "POST", path: "/cards", retryAfter: "1", body: provider.echo(status) });
    const [first] = await drive(provider.input());
    expect(provider.sandbox().requests.some((r) => r.path === "/cards" && r.status === status)).toBe(true);
    expect(["OK", "PROVIDER_REJECTED", "PROVIDER_UNAVAILABLE"]).toContain(codeOf(first));
  });

  // Keyed by kind, so a fault kind added to the simulators fails the typecheck until it is covered here ("status" is
  // covered by the statuses above).
  const FAULT_BY_KIND: { [K in Exclude<FaultKind, "status">]: Fault & { kind: K } } = {
    latency: { kind: "latency", latencyMs: 800 },
    "drop-before": { kind: "drop-before" },
    "drop-after-commit": { kind: "drop-after-commit" },
    "malformed-json": { kind: "malformed-json" },
    html: { kind: "html" },
    "failure-envelope": { kind: "failure-envelope" },
  };
  const FAULTS: Fault[] = Object.values(FAULT_BY_KIND);
  it.each(FAULTS)("simulator fault $kind", async (fault) => {
    provider.sandbox().faults.add({ ...fault, method: "POST", path: "/cards" });
    const [first] = await drive(provider.input());
    expect(["OK", "PROVIDER_REJECTED", "PROVIDER_UNAVAILABLE"]).toContain(codeOf(first));
  });
});

describe("provider-specific paths", () => {
  it("Sudo refuses for lack of funds (402)", async () => {
    const [first] = await drive({ sudo: sudoInput({ debitAccountId: SUDO_EMPTY_ACCOUNT }) });
    expect(first.body.errors![0].extensions).toMatchObject({ code: "PROVIDER_REJECTED", providerCode: "402" });
  });

  // Token answers carry access and refresh tokens. The token endpoint is called by the consent poller now: each case
  // starts a consent for a new customer (approved at the bank by a seeded one) while the endpoint misbehaves.
  it.each([
    ["html", "cus_leak_html", "CONN0987654321", { kind: "html" }],
    ["malformed-json", "cus_leak_json", "CONN0987654321", { kind: "malformed-json" }],
    ["a 400 echoing the client secret", "cus_leak_400", "CONN1234567890", { kind: "status", status: 400, body: { error: "invalid_client", error_description: "" } }],
  ] as const)("the bank's token endpoint answers %s while a consent is polled", async (_label, customerId, connectionId, fault) => {
    const body = "body" in fault ? { ...fault.body, error_description: `bad secret ${h.bank.clientSecret}` } : undefined;
    const seen = h.bank.requests.length;
    h.bank.faults.add({ ...fault, ...(body ? { body } : {}), method: "POST", path: "/oauth2/token", times: 3 });
    const consent = await consentThroughGraphQL(h.gql, customerId, connectionId, "approve", "cus_bayo");
    // A truncated approval is lost for good (the bank spent the device code): EXPIRED, and the customer starts again.
    expect(["APPROVED", "EXPIRED"]).toContain(consent.status);
    expect(h.bank.requests.slice(seen).filter((r) => r.path === "/oauth2/token").length).toBeGreaterThan(3);
    h.bank.issuedTokens().forEach((token, i) => secrets.add(`bank token ${i}`, token));
    const [first] = await drive({ bank: bankInput({ customerId, connectionId, defaultPin: PIN }) });
    expect(["OK", "PROVIDER_REJECTED", "PROVIDER_UNAVAILABLE"]).toContain(codeOf(first));
  });

  it("scanned every response and at least one secret of each kind", () => {
    expect(responses.length).toBeGreaterThan(60);
    expect(pinBlocksChecked).toBeGreaterThan(20);
    const labels = new Set([...secrets.long.values(), ...secrets.short.values()].filter((label) => !label.startsWith("bank token ")));
    expect([...labels].sort()).toEqual(
      ["PAN sent", "PIN sent", "Sudo API key", "Sudo CVV2", "Sudo PAN", "Sudo PIN", "bank CVV2", "bank PAN", "bank PIN block", "bank card token", "bank client secret", "caller JWT"].sort(),
    );
    expect(findLeaks([...h.logs, ...responses], secrets)).toEqual([]);
  });

  it("stored none of them: every row of both tables, errors recorded from providers included", async () => {
    const rows = await Promise.all(["cards", "card_attempts", "bank_consents"].map((table) => sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(h.app.store.db)));
    const stored = rows.flatMap((result) => result.rows.map((row) => JSON.stringify(row)));
    expect(stored.length).toBeGreaterThan(40);
    expect(stored.some((row) => row.includes('"state":"failed"'))).toBe(true);
    expect(findLeaks(stored, secrets)).toEqual([]);
  });
});

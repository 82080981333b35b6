import { randomBytes } from "node:crypto";
import { CreateCardDocument, CustomerCardsDocument, type CreateCardInput } from "../__generated__/graphql";
import type { Fault, FaultInjector } from "../../src/sandbox/faults";
import type { RecordedRequest } from "../../src/sandbox/http";
import { startHarness, type Harness } from "../support/app";
import { bankInput, SUDO_CUSTOMER, sudoInput } from "../support/inputs";
import { sleep, until } from "./issuers";

// Every provider fault through the real subgraph over HTTP: the exact GraphQL answer a client gets, that no card
// reached our store, and what a retry with the same idempotencyKey does once the fault is gone.

interface Side {
  provider: "BANK" | "SUDO";
  sim(h: Harness): { faults: FaultInjector; requests: readonly RecordedRequest[]; count(method: string, path: string): number; reset(): void };
  /** The provider's card ids, as the simulator stores them. */
  cardIds(h: Harness): string[];
  input(overrides?: Record<string, unknown>): CreateCardInput;
  customerId: string;
}

const BANK: Side = {
  provider: "BANK",
  sim: (h) => h.bank,
  cardIds: (h) => h.bank.cards().map((c) => String(c.card_id)),
  input: (overrides) => ({ bank: bankInput(overrides) }),
  customerId: "cus_ada",
};
const SUDO: Side = {
  provider: "SUDO",
  sim: (h) => h.sudo,
  cardIds: (h) => h.sudo.cards().map((c) => c._id),
  input: (overrides) => ({ sudo: sudoInput(overrides) }),
  customerId: SUDO_CUSTOMER,
};

const unavailable = (reason: string, retryAfterSeconds?: number) => ({
  code: "PROVIDER_UNAVAILABLE",
  reason,
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});
const rejected = (providerCode: string, providerMessage: string) => ({ code: "PROVIDER_REJECTED", providerCode, providerMessage });
/** The provider's success envelope carrying a failure inside: HTTP 200 (the simulators' fault), or another 2xx. */
const envelope = (fields: Record<string, unknown>, status?: number): Omit<Fault, "method" | "path"> =>
  status === undefined ? { kind: "failure-envelope", body: { ...fields, data: null } } : { kind: "status", status, body: { ...fields, data: null } };

/**
 * What a retry with the same key does after the fault is cleared (docs/idempotency.md): "same card" when the
 * provider created the card during the fault, "new card" when it never got that far, "replayed refusal" when the
 * answer was a refusal, which the store keeps and replays without calling the provider.
 */
type Then = "same card" | "new card" | "replayed refusal";
/** [fault; extensions the client sees, less `provider`; the retry's result; the fault on POST /cards; POSTs sent]. */
type Row = [string, Record<string, unknown>, Then, Omit<Fault, "method" | "path">, number];

const TIMEOUT_MS = 500;
const SLOW = TIMEOUT_MS * 2;
/** Bank attempts per request (the contract's default): the bank's faults are armed for all of them. */
const ATTEMPTS = 3;

const BANK_ROWS: Row[] = [
  ["a timeout (answer slower than BANK_TIMEOUT_MS)", unavailable("TIMEOUT"), "same card", { kind: "latency", latencyMs: SLOW }, 1],
  ["429 without Retry-After", unavailable("RATE_LIMITED"), "new card", { kind: "status", status: 429, times: ATTEMPTS }, ATTEMPTS],
  ["429 with a Retry-After past the retry budget", unavailable("RATE_LIMITED", 2), "new card", { kind: "status", status: 429, retryAfter: "2" }, 1],
  ["500", unavailable("UPSTREAM_ERROR"), "new card", { kind: "status", status: 500, times: ATTEMPTS }, ATTEMPTS],
  ["502", unavailable("UPSTREAM_ERROR"), "new card", { kind: "status", status: 502, times: ATTEMPTS }, ATTEMPTS],
  ["503", unavailable("UPSTREAM_ERROR"), "new card", { kind: "status", status: 503, times: ATTEMPTS }, ATTEMPTS],
  ["503 with a Retry-After above the cap", unavailable("UPSTREAM_ERROR", 30), "new card", { kind: "status", status: 503, retryAfter: "30" }, 1],
  ["a connection dropped before the bank acted", unavailable("NETWORK"), "new card", { kind: "drop-before", times: ATTEMPTS }, ATTEMPTS],
  ["a connection dropped after the card was created", unavailable("NETWORK"), "same card", { kind: "drop-after-commit", times: ATTEMPTS }, ATTEMPTS],
  ["truncated JSON after the card was created", unavailable("BAD_RESPONSE"), "same card", { kind: "malformed-json", times: ATTEMPTS }, ATTEMPTS],
  ["an HTML error page (HTTP 502)", unavailable("UPSTREAM_ERROR"), "new card", { kind: "html", status: 502, times: ATTEMPTS }, ATTEMPTS],
  ["an HTML page with HTTP 200", unavailable("BAD_RESPONSE"), "new card", { kind: "html", status: 200, times: ATTEMPTS }, ATTEMPTS],
  ['a 200 envelope with status "96"', rejected("96", "System malfunction"), "replayed refusal", { kind: "failure-envelope" }, 1],
  ['a 200 envelope with status "51"', rejected("51", "Insufficient funds"), "replayed refusal", envelope({ status: "51", message: "Insufficient funds" }), 1],
];

/** Sudo has no idempotency key, so its POST is sent once whatever happens: one fault is the whole story. */
const SUDO_ROWS: Row[] = [
  ["a timeout (answer slower than SUDO_TIMEOUT_MS)", unavailable("TIMEOUT"), "same card", { kind: "latency", latencyMs: SLOW }, 1],
  ["429 without Retry-After", unavailable("RATE_LIMITED"), "new card", { kind: "status", status: 429 }, 1],
  ["429 with Retry-After", unavailable("RATE_LIMITED", 3), "new card", { kind: "status", status: 429, retryAfter: "3" }, 1],
  ["500", unavailable("UPSTREAM_ERROR"), "new card", { kind: "status", status: 500 }, 1],
  ["502", unavailable("UPSTREAM_ERROR"), "new card", { kind: "status", status: 502 }, 1],
  ["503", unavailable("UPSTREAM_ERROR"), "new card", { kind: "status", status: 503 }, 1],
  ["503 with Retry-After", unavailable("UPSTREAM_ERROR", 30), "new card", { kind: "status", status: 503, retryAfter: "30" }, 1],
  ["a connection dropped before Sudo acted", unavailable("NETWORK"), "new card", { kind: "drop-before" }, 1],
  ["a connection dropped after the card was created", unavailable("NETWORK"), "same card", { kind: "drop-after-commit" }, 1],
  ["truncated JSON after the card was created", unavailable("BAD_RESPONSE"), "same card", { kind: "malformed-json" }, 1],
  ["an HTML error page (HTTP 502)", unavailable("UPSTREAM_ERROR"), "new card", { kind: "html", status: 502 }, 1],
  ["an HTML page with HTTP 200", unavailable("BAD_RESPONSE"), "new card", { kind: "html", status: 200 }, 1],
  ["statusCode 400 inside a 200", rejected("400", "Card creation failed."), "replayed refusal", { kind: "failure-envelope" }, 1],
  ["statusCode 402 in a 201", rejected("402", "Insufficient balance."), "replayed refusal", envelope({ statusCode: 402, message: "Insufficient balance." }, 201), 1],
  ["statusCode 500 inside a 200", unavailable("UPSTREAM_ERROR"), "new card", envelope({ statusCode: 500, message: "Internal error" }), 1],
];

const newKey = (what: string) => `fm-${what}-${randomBytes(6).toString("hex")}`;
const posts = (h: Harness, side: Side) => side.sim(h).count("POST", "/cards");
const createCard = (h: Harness, idempotencyKey: string, input: CreateCardInput) => h.run(CreateCardDocument, { idempotencyKey, input });

/** Our store's newest card for the customer, read back through the `cards` query. */
async function newestCardId(h: Harness, customerId: string): Promise<string | undefined> {
  const { body } = await h.run(CustomerCardsDocument, { customerId, first: 1 });
  return body.data!.cards.edges[0]?.node.id;
}

/** The failed answer is a plain GraphQL error: HTTP 200, data null, one error with these exact extensions. */
async function expectFailure(h: Harness, side: Side, key: string, input: CreateCardInput, extensions: Record<string, unknown>) {
  const response = await createCard(h, key, input);
  expect(response.status).toBe(200);
  expect(response.body.data).toBeNull();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0].extensions).toEqual({ provider: side.provider, ...extensions });
  expect(response.text).not.toMatch(/<html|nginx|card_number|"pan"/i);
  return response.body.errors![0];
}

/** A successful answer whose card is the simulator's only card and our store's newest one. */
async function expectOneCard(h: Harness, side: Side, key: string, input: CreateCardInput) {
  const { body } = await createCard(h, key, input);
  expect(body.errors).toBeUndefined();
  const card = body.data!.createCard;
  expect(side.cardIds(h)).toEqual([card.providerCardId]);
  expect(await newestCardId(h, side.customerId)).toBe(card.id);
  return card;
}

describe("provider faults as the client sees them", () => {
  let h: Harness;
  beforeAll(async () => {
    // Short timeouts and backoff keep the run quick; the retry budget stays the contract's (one timeout). A high
    // breaker threshold and quota keep one row's failures from failing the next; both have their own tests below.
    h = await startHarness({
      BANK_TIMEOUT_MS: String(TIMEOUT_MS),
      SUDO_TIMEOUT_MS: String(TIMEOUT_MS),
      BANK_RETRY_BASE_DELAY_MS: "10",
      BANK_RETRY_MAX_DELAY_MS: "50",
      BANK_BREAKER_FAILURE_THRESHOLD: "1000",
      SUDO_BREAKER_FAILURE_THRESHOLD: "1000",
      BANK_RATE_LIMIT_PER_MINUTE: "100000",
      SUDO_RATE_LIMIT_PER_MINUTE: "100000",
    });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.bank.reset();
    h.sudo.reset();
  });

  describe.each([
    { side: BANK, rows: BANK_ROWS },
    { side: SUDO, rows: SUDO_ROWS },
  ])("$side.provider", ({ side, rows }) => {
    it.each(rows)("%s: the client sees %j; a retry with the key gets the %s", async (what, extensions, then, fault, sent) => {
      const key = newKey(side.provider);
      const input = side.input();
      const before = await newestCardId(h, side.customerId);
      side.sim(h).faults.add({ ...fault, method: "POST", path: "/cards" });

      const error = await expectFailure(h, side, key, input, extensions);
      expect(await newestCardId(h, side.customerId)).toBe(before);
      // Whatever the provider was still doing when we gave up has finished before the client retries.
      if (then === "same card") await until(() => side.cardIds(h).length === 1, `${what}: the provider to finish`);
      await until(() => posts(h, side) >= sent, `${what}: the provider to answer`);
      expect(posts(h, side)).toBe(sent);
      const created = side.cardIds(h);
      side.sim(h).faults.clear();
      const sentBefore = posts(h, side);

      if (then === "replayed refusal") {
        const replay = await createCard(h, key, input);
        expect(replay.body.data).toBeNull();
        expect(replay.body.errors![0]).toEqual({ ...error, extensions: { ...error.extensions, replayed: true } });
        expect(posts(h, side)).toBe(sentBefore);
        expect(await newestCardId(h, side.customerId)).toBe(before);
        return;
      }
      const card = await expectOneCard(h, side, key, input);
      if (then === "same card") {
        expect([card.providerCardId]).toEqual(created);
        // The bank replays the key; Sudo finds the card by its tag. Neither sends a second create.
        expect(posts(h, side)).toBe(side.provider === "BANK" ? sentBefore + 1 : sentBefore);
      } else {
        expect(created).toEqual([]);
        expect(posts(h, side)).toBe(sentBefore + 1);
      }
    });

    it("a slow answer within the timeout is just a slow success", async () => {
      side.sim(h).faults.add({ kind: "latency", latencyMs: TIMEOUT_MS / 2, method: "POST", path: "/cards" });
      await expectOneCard(h, side, newKey("slow"), side.input());
      expect(posts(h, side)).toBe(1);
    });
  });

  describe("BANK: one passing fault is absorbed by the in-process retry under the same idempotency key", () => {
    it.each<[string, Omit<Fault, "method" | "path">]>([
      ["429 without Retry-After", { kind: "status", status: 429 }],
      ["500", { kind: "status", status: 500 }],
      ["502", { kind: "status", status: 502 }],
      ["503", { kind: "status", status: 503 }],
      ['409 "09" (the first request still running)', { kind: "status", status: 409, body: { status: "09", message: "Request in progress" } }],
      ["a connection dropped before the bank acted", { kind: "drop-before" }],
      ["a connection dropped after the card was created", { kind: "drop-after-commit" }],
      ["truncated JSON after the card was created", { kind: "malformed-json" }],
      ["an HTML error page", { kind: "html", status: 502 }],
    ])("%s: the client gets the one card", async (_what, fault) => {
      h.bank.faults.add({ ...fault, method: "POST", path: "/cards" });
      await expectOneCard(h, BANK, newKey("absorbed"), BANK.input());
      expect(posts(h, BANK)).toBe(2);
    });
  });
});

describe("circuit breakers and Retry-After as the client sees them", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      BANK_TIMEOUT_MS: String(TIMEOUT_MS),
      SUDO_TIMEOUT_MS: String(TIMEOUT_MS),
      BANK_RETRY_BASE_DELAY_MS: "10",
      BANK_RETRY_MAX_DELAY_MS: "50",
      BANK_RETRY_BUDGET_MS: "3000",
      BANK_BREAKER_FAILURE_THRESHOLD: "3",
      BANK_BREAKER_RESET_MS: "1000",
      SUDO_BREAKER_FAILURE_THRESHOLD: "3",
      SUDO_BREAKER_RESET_MS: "1000",
      // One test token is every caller here; breaker-callers.test.ts covers how many callers must fail.
      BANK_BREAKER_MIN_CALLERS: "1",
      SUDO_BREAKER_MIN_CALLERS: "1",
      // Longer than the breaker's reset and the wait: a fail-fast (nothing sent) must not hold the key for it.
      SUDO_SETTLE_MS: "5000",
      IDEMPOTENCY_WAIT_MS: "500",
    });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.bank.reset();
    h.sudo.reset();
  });

  // Three failed calls open a breaker: one bank request (three attempts), or three Sudo requests (one POST each).
  it.each([
    { side: BANK, failing: 1 },
    { side: SUDO, failing: 3 },
  ])("$side.provider: an open breaker fails fast without calling, then a retry of the key succeeds", async ({ side, failing }) => {
    side.sim(h).faults.add({ kind: "status", status: 503, times: 100, method: "POST", path: "/cards" });
    for (let i = 0; i < failing; i += 1) await expectFailure(h, side, newKey("trip"), side.input(), unavailable("UPSTREAM_ERROR"));
    expect(posts(h, side)).toBe(3);

    const key = newKey("open");
    const before = await newestCardId(h, side.customerId);
    await expectFailure(h, side, key, side.input(), unavailable("CIRCUIT_OPEN", 1));
    expect(posts(h, side)).toBe(3);
    expect(await newestCardId(h, side.customerId)).toBe(before);

    side.sim(h).faults.clear();
    await sleep(1_100); // BREAKER_RESET_MS: the breaker half-opens and lets one trial call through
    await expectOneCard(h, side, key, side.input());
  });

  it("BANK: the breaker is per connection; another partner bank still issues while one is open", async () => {
    h.bank.faults.add({ kind: "status", status: 502, times: 100, method: "POST", path: "/cards" });
    await expectFailure(h, BANK, newKey("trip"), BANK.input(), unavailable("UPSTREAM_ERROR"));
    await expectFailure(h, BANK, newKey("open"), BANK.input(), unavailable("CIRCUIT_OPEN", 1));
    h.bank.faults.clear();
    const other = BANK.input({ connectionId: "CONN1234567890", customerId: "cus_chioma" });
    const { body } = await createCard(h, newKey("other"), other);
    expect(body.data!.createCard).toMatchObject({ provider: "BANK", customer: { id: "cus_chioma" } });
    await sleep(1_100); // let the first connection's breaker close again for the tests after this one
    const closed = await createCard(h, newKey("closed"), BANK.input());
    expect(closed.body.data!.createCard).toMatchObject({ provider: "BANK", customer: { id: "cus_ada" } });
  });

  it("BANK: a Retry-After within the retry budget is waited out in-process; the client just gets its card", async () => {
    h.bank.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "POST", path: "/cards" });
    await expectOneCard(h, BANK, newKey("retry-after"), BANK.input());
    const [first, second] = h.bank.requests.filter((r) => r.path === "/cards").map((r) => r.at);
    expect(second - first).toBeGreaterThanOrEqual(1_000);
  });

  it("SUDO: the same Retry-After goes back to the client, because a POST is never retried", async () => {
    h.sudo.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "POST", path: "/cards" });
    await expectFailure(h, SUDO, newKey("retry-after"), SUDO.input(), unavailable("RATE_LIMITED", 1));
    expect(posts(h, SUDO)).toBe(1);
  });
});

describe("client-side rate limiters as the client sees them", () => {
  let h: Harness;
  beforeAll(async () => {
    // 120 a minute with a bucket of one: a call every 500 ms, and a queue of at most 1 s.
    const limits = (p: string) => ({ [`${p}_RATE_LIMIT_PER_MINUTE`]: "120", [`${p}_RATE_LIMIT_BURST`]: "1", [`${p}_RATE_LIMIT_MAX_WAIT_MS`]: "1000" });
    // A settle window longer than the advised wait: a request refused unsent must not hold its key for it.
    h = await startHarness({ SUDO_TIMEOUT_MS: String(TIMEOUT_MS), SUDO_SETTLE_MS: "5000", IDEMPOTENCY_WAIT_MS: "500", ...limits("BANK"), ...limits("SUDO") });
  });
  afterAll(() => h.stop());

  it.each([BANK, SUDO])("$provider: a burst queues within the bound, the rest fail fast unsent; nothing earns a 429", async (side) => {
    side.sim(h).reset();
    const keys = [1, 2, 3, 4].map((i) => newKey(`burst${i}`));
    const sentAt = Date.now();
    const responses = await Promise.all(keys.map((key) => createCard(h, key, side.input())));
    const refused = responses.filter((r) => r.body.errors);
    expect(refused.map((r) => r.body.errors![0].extensions)).toEqual([{ provider: side.provider, ...unavailable("RATE_LIMITED", 2) }]);
    expect(refused[0].body.data).toBeNull();
    expect(posts(h, side)).toBe(3);
    expect(side.sim(h).requests.filter((r) => r.status === 429)).toEqual([]);
    // A bucket of one refilled every 500 ms: the third call cannot arrive before two refills after the burst was sent.
    // (Measured from the send, not from the first call: the bank's first call also waits for its consent token.)
    const times = side.sim(h).requests.filter((r) => r.path === "/cards").map((r) => r.at);
    expect(Math.max(...times) - sentAt).toBeGreaterThanOrEqual(950);

    // After the wait it was told, the refused request's key issues its card.
    await sleep(2_000);
    const key = keys[responses.indexOf(refused[0])];
    const { body } = await createCard(h, key, side.input());
    expect(body.errors).toBeUndefined();
    expect(side.cardIds(h)).toHaveLength(4);
  });
});

import { CardDocument, CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bankInput, sudoInput } from "../support/inputs";

// The Prometheus endpoint on its own port, scraped after a known workload through the real subgraph and both
// simulators: every count must match what was sent.

const TOKEN = "metrics-scrape-token-0123456789abcdef";
let h: Harness;
let keyNo = 0;
const key = () => `metrics-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  // One test caller opens the breaker (by default failures must come from three).
  h = await startHarness({ METRICS_PORT: "0", METRICS_TOKEN: TOKEN, IDEMPOTENCY_WAIT_MS: "0", BANK_BREAKER_MIN_CALLERS: "1" });
});
afterAll(() => h?.stop());

type Samples = Map<string, number>;

async function scrape(): Promise<Samples> {
  const response = await fetch(h.app.metricsUrl!, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const samples: Samples = new Map();
  for (const line of (await response.text()).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** One sample by metric name and labels, written in any order. */
function value(samples: Samples, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).sort();
  for (const [series, v] of samples) {
    const brace = series.indexOf("{");
    const metric = brace < 0 ? series : series.slice(0, brace);
    if (metric !== name) continue;
    const have = brace < 0 ? [] : series.slice(brace + 1, -1).split(/,(?=\w+=")/).sort();
    if (JSON.stringify(have) === JSON.stringify(wanted)) return v;
  }
  return undefined;
}

describe("the metrics endpoint", () => {
  it("is on its own port and wants its own token", async () => {
    expect(new URL(h.app.metricsUrl!).port).not.toBe(new URL(h.app.url).port);
    expect((await fetch(h.app.metricsUrl!)).status).toBe(401);
    expect((await fetch(h.app.metricsUrl!, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    // The GraphQL port does not serve it.
    expect((await fetch(new URL("/metrics", h.app.url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it("counts requests, provider calls, retries, rate-limit waits and idempotency outcomes of a known workload", async () => {
    const first = bankInput();
    const k1 = key();
    const created = await h.run(CreateCardDocument, { idempotencyKey: k1, input: { bank: first } });
    expect(created.body.errors).toBeUndefined();
    expect((await h.run(CreateCardDocument, { idempotencyKey: k1, input: { bank: first } })).body.errors).toBeUndefined();
    const reused = await h.run(CreateCardDocument, { idempotencyKey: k1, input: { bank: { ...first, holderName: "Someone Else" } } });
    expect(reused.body.errors![0].extensions!.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const refused = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput({ productId: "999" }) } });
    expect(refused.body.errors![0].extensions!.code).toBe("PROVIDER_REJECTED");
    expect((await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } })).body.errors).toBeUndefined();
    h.bank.faults.add({ kind: "status", status: 503, method: "POST", path: "/cards" });
    expect((await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } })).body.errors).toBeUndefined();
    expect((await h.run(CardDocument, { id: created.body.data!.createCard.id })).body.errors).toBeUndefined();

    // A slow bank call, and a duplicate that arrives while it runs: in progress, and pending at scrape time.
    h.bank.faults.add({ kind: "latency", latencyMs: 1500, method: "POST", path: "/cards" });
    const slowKey = key();
    const slow = h.run(CreateCardDocument, { idempotencyKey: slowKey, input: { bank: bankInput() } });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const duplicate = await h.run(CreateCardDocument, { idempotencyKey: slowKey, input: { bank: bankInput() } });
    expect(duplicate.body.errors![0].extensions!.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    const during = await scrape();
    expect(value(during, "cards_idempotency_pending_attempts")).toBe(1);
    expect(value(during, "cards_idempotency_oldest_pending_age_seconds")).toBeGreaterThan(0.2);
    expect((await slow).body.errors).toBeUndefined();

    const m = await scrape();
    const requests = (operation: string, outcome: string) => value(m, "cards_graphql_requests_total", { operation, outcome });
    expect(requests("mutation createCard", "OK")).toBe(5);
    expect(requests("mutation createCard", "IDEMPOTENCY_KEY_REUSED")).toBe(1);
    expect(requests("mutation createCard", "PROVIDER_REJECTED")).toBe(1);
    expect(requests("mutation createCard", "IDEMPOTENCY_IN_PROGRESS")).toBe(1);
    expect(requests("query card", "OK")).toBe(1);
    expect(value(m, "cards_graphql_request_duration_seconds_count", { operation: "mutation createCard", outcome: "OK" })).toBe(5);
    expect(value(m, "cards_graphql_request_duration_seconds_count", { operation: "query card", outcome: "OK" })).toBe(1);

    const calls = (provider: string, outcome: string) => value(m, "cards_provider_calls_total", { provider, outcome });
    expect(calls("BANK", "success")).toBe(3);
    expect(calls("BANK", "rejected")).toBe(1);
    expect(calls("BANK", "UPSTREAM_ERROR")).toBe(1);
    expect(calls("SUDO", "success")).toBe(1);
    expect(value(m, "cards_provider_call_duration_seconds_count", { provider: "BANK", outcome: "success" })).toBe(3);
    expect(value(m, "cards_provider_retries_total", { provider: "BANK", reason: "UPSTREAM_ERROR" })).toBe(1);
    expect(value(m, "cards_provider_rate_limit_wait_seconds_count", { provider: "BANK" })).toBe(5);
    expect(value(m, "cards_provider_rate_limit_wait_seconds_count", { provider: "SUDO" })).toBe(1);
    expect(value(m, "cards_provider_rate_limit_queue_length", { provider: "BANK" }) ?? 0).toBe(0);

    const outcomes = (outcome: string) => value(m, "cards_idempotency_outcomes_total", { outcome });
    expect(outcomes("new")).toBe(5);
    expect(outcomes("replayed")).toBe(1);
    expect(outcomes("key_reused")).toBe(1);
    expect(outcomes("in_progress")).toBe(1);
    expect(value(m, "cards_idempotency_pending_attempts")).toBe(0);
    expect(value(m, "cards_idempotency_oldest_pending_age_seconds")).toBe(0);

    for (const connection of h.bank.connectionIds) expect(value(m, "cards_provider_breaker_state", { provider: "BANK", scope: connection })).toBe(0);
    expect(value(m, "cards_store_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(value(m, "cards_store_pool_connections", { state: "waiting" })).toBe(0);
    expect(value(m, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("shows an open breaker", async () => {
    h.bank.faults.add({ kind: "status", status: 503, method: "POST", path: "/cards", times: 100 });
    try {
      for (let i = 0; i < 3; i++) await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } });
    } finally {
      h.bank.faults.clear();
    }
    const m = await scrape();
    expect(value(m, "cards_provider_breaker_state", { provider: "BANK", scope: h.bank.connectionIds[0] })).toBe(2);
    expect(value(m, "cards_provider_calls_total", { provider: "BANK", outcome: "CIRCUIT_OPEN" })).toBeGreaterThan(0);
  });
});

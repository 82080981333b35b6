import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { startTracing, type Tracing } from "../../src/telemetry";
import { CardDocument, CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { defaultAuthHeaders } from "../support/auth";
import { bankInput, sudoInput } from "../support/inputs";

// The subgraph with tracing on (an in-memory exporter in place of OTLP) against both simulators: each request's spans
// continue the router's traceparent and form the tree operation → SQL statements and provider attempt → HTTP call.

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let h: Harness;
let keyNo = 0;
const key = () => `trace-${process.pid}-${++keyNo}`;

beforeAll(async () => {
  tracing = startTracing({ exporter });
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
  await tracing?.shutdown();
});

/** A router's W3C trace context: a fresh trace id and the router's span id. */
function routerContext() {
  const traceId = randomBytes(16).toString("hex");
  const spanId = randomBytes(8).toString("hex");
  return { traceId, spanId, headers: { traceparent: `00-${traceId}-${spanId}-01` } };
}

/** The spans of one trace once its server span has ended (it ends as the response is written). */
async function spansOf(traceId: string): Promise<ReadableSpan[]> {
  for (let i = 0; i < 100; i++) {
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    if (spans.some((s) => s.kind === SpanKind.SERVER)) return spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the request's span never ended");
}

const idOf = (s: ReadableSpan) => s.spanContext().spanId;
const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) => spans.filter((s) => s.parentSpanContext?.spanId === idOf(parent));

/** Every attribute value of every span, as text, for the leak checks. */
function attributeText(spans: ReadableSpan[]): string {
  return JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })));
}

describe.each([
  ["BANK", () => ({ bank: bankInput() })],
  ["SUDO", () => ({ sudo: sudoInput() })],
] as const)("createCard through %s, traced", (provider, input) => {
  let spans: ReadableSpan[];
  let root: ReadableSpan;
  let router: ReturnType<typeof routerContext>;
  let cardId: string;

  beforeAll(async () => {
    router = routerContext();
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: input() }, router.headers);
    expect(body.errors).toBeUndefined();
    cardId = body.data!.createCard.id;
    spans = await spansOf(router.traceId);
    root = spans.find((s) => s.kind === SpanKind.SERVER)!;
  });

  it("continues the router's trace: one server span named after the operation, under the router's span", () => {
    expect(spans.filter((s) => s.kind === SpanKind.SERVER)).toHaveLength(1);
    expect(root.parentSpanContext?.spanId).toBe(router.spanId);
    expect(root.name).toBe("mutation CreateCard");
    expect(root.attributes).toEqual({ "graphql.operation.type": "mutation", "graphql.operation.name": "CreateCard" });
    expect(root.status.code).not.toBe(2);
  });

  it("has a span per SQL statement under the operation, named by kind and table only", () => {
    const sql = childrenOf(spans, root).filter((s) => s.attributes["db.system.name"] === "postgresql");
    // Begin the attempt, then complete it with the card in one statement (see SqlCardStore.completeAttempt).
    expect(sql.map((s) => s.name)).toEqual(["INSERT card_attempts", "INSERT cards"]);
    for (const s of sql) {
      expect(s.kind).toBe(SpanKind.CLIENT);
      expect(Object.keys(s.attributes).sort()).toEqual(["db.collection.name", "db.operation.name", "db.system.name"]);
    }
  });

  it("has one provider attempt span with its HTTP call beneath it: route template, status, attempt, breaker and retry outcome", () => {
    const attempts = childrenOf(spans, root).filter((s) => s.attributes["cards.provider"] === provider);
    expect(attempts).toHaveLength(1);
    const [attempt] = attempts;
    expect(attempt.name).toBe(`${provider} createCard`);
    expect(attempt.attributes).toEqual({
      "cards.provider": provider,
      "cards.provider.operation": "createCard",
      "cards.provider.attempt": 1,
      "cards.provider.breaker": "closed",
      "cards.provider.outcome": "success",
      "cards.provider.retry": "not_needed",
    });
    // The consent token is read from the store under the attempt too; the provider call is its only HTTP child.
    const http = childrenOf(spans, attempt).filter((span) => span.attributes["http.request.method"] !== undefined);
    expect(http).toHaveLength(1);
    expect(http[0].kind).toBe(SpanKind.CLIENT);
    expect(http[0].name).toBe("POST /cards");
    expect(http[0].attributes).toEqual({
      "cards.provider": provider,
      "http.request.method": "POST",
      "url.template": "/cards",
      "cards.provider.attempt": 1,
      "http.response.status_code": expect.any(Number),
    });
    expect(http[0].attributes["http.response.status_code"]).toBeLessThan(300);
  });

  it("carries no card data, tokens, ids or input values in any span", async () => {
    const text = attributeText(spans);
    const auth = (await defaultAuthHeaders()).authorization.replace(/^Bearer /, "");
    const given = input() as Record<string, Record<string, unknown>>;
    const values = Object.values(Object.values(given)[0]).flatMap((v) => (typeof v === "object" && v !== null ? Object.values(v) : [v]));
    const wire = provider === "BANK" ? h.bank.cards().at(-1)! : undefined;
    const forbidden = [auth, cardId, ...values.filter((v): v is string => typeof v === "string" && v.length >= 3)];
    if (wire) forbidden.push(wire.card_number, wire.card_cvv2, wire.card_token, wire.card_default_pin, wire.card_id);
    for (const value of forbidden) expect(text).not.toContain(value);
    expect(text).not.toMatch(/\d{12,19}/);
  });
});

describe("tracing of reads and failures", () => {
  it("names a read after its operation and traces its one SQL statement", async () => {
    const created = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput() } });
    const router = routerContext();
    await h.run(CardDocument, { id: created.body.data!.createCard.id }, router.headers);
    const spans = await spansOf(router.traceId);
    const root = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(root.name).toBe("query Card");
    expect(childrenOf(spans, root).map((s) => s.name)).toEqual(["SELECT cards"]);
  });

  it("marks a request span failed with the error code, and a provider refusal on its attempt span", async () => {
    const router = routerContext();
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { bank: bankInput({ productId: "999" }) } }, router.headers);
    expect(body.errors![0].extensions!.code).toBe("PROVIDER_REJECTED");
    const spans = await spansOf(router.traceId);
    const root = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(root.status.code).toBe(2);
    expect(root.attributes["cards.error.codes"]).toEqual(["PROVIDER_REJECTED"]);
    const attempt = spans.find((s) => s.name === "BANK createCard")!;
    expect(attempt.attributes).toMatchObject({ "cards.provider.outcome": "rejected", "cards.provider.retry": "not_retryable", "error.type": "PROVIDER_REJECTED" });
    expect(attributeText(spans)).not.toContain("999");
  });

  it("starts a new trace when no traceparent comes in", async () => {
    const before = new Set(exporter.getFinishedSpans().map((s) => s.spanContext().traceId));
    const created = await h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } });
    expect(created.body.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const roots = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER && !before.has(s.spanContext().traceId));
    expect(roots).toHaveLength(1);
    expect(roots[0].parentSpanContext).toBeUndefined();
  });
});

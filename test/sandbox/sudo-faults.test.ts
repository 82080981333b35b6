import { FAILURE_ENVELOPE, startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { call, virtualCard } from "./sudo-client";

let sb: SudoSandbox;

beforeAll(async () => {
  sb = await startSudoSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

const create = () => call(sb, "POST", "/cards", virtualCard());

describe("Sudo sandbox faults", () => {
  it("latency: waits, then handles the request normally", async () => {
    sb.faults.add({ kind: "latency", latencyMs: 150 });
    const started = performance.now();
    const res = await create();
    // Timers may fire a hair early; the point is that the answer was held back, not its exact length.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(sb.cards()).toHaveLength(1);
  });

  it("status: answers the given status and Retry-After without handling", async () => {
    sb.faults.add({ kind: "status", status: 503, retryAfter: "2" });
    const res = await create();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.body).toEqual({ statusCode: 503, message: "Service Unavailable" });
    expect(sb.cards()).toHaveLength(0);
  });

  it("status: answers a given body", async () => {
    sb.faults.add({ kind: "status", status: 429, body: { statusCode: 429, message: "ThrottlerException: Too Many Requests" } });
    const res = await create();
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ statusCode: 429, message: "ThrottlerException: Too Many Requests" });
  });

  it("drop-before: closes the connection and creates nothing", async () => {
    sb.faults.add({ kind: "drop-before", method: "POST", path: "/cards" });
    await expect(create()).rejects.toThrow();
    expect(sb.cards()).toHaveLength(0);
    expect(sb.requests).toEqual([expect.objectContaining({ method: "POST", path: "/cards", status: 0 })]);
  });

  it("drop-after-commit: creates the card, then closes the connection without answering", async () => {
    sb.faults.add({ kind: "drop-after-commit" });
    await expect(create()).rejects.toThrow();
    expect(sb.cards()).toHaveLength(1);
    expect(sb.requests.map((r) => r.status)).toEqual([0]);
    const listed = await call(sb, "GET", "/cards");
    expect(listed.body.data).toHaveLength(1);
  });

  it("malformed-json: creates the card and answers 200 with truncated JSON", async () => {
    sb.faults.add({ kind: "malformed-json" });
    const res = await create();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text.startsWith('{"statusCode":200')).toBe(true);
    expect(sb.cards()).toHaveLength(1);
  });

  it("html: answers a load balancer's HTML error page, 502 by default", async () => {
    sb.faults.add({ kind: "html" });
    const res = await create();
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("<html>");
    expect(sb.cards()).toHaveLength(0);
  });

  it("html: uses the given status", async () => {
    sb.faults.add({ kind: "html", status: 504 });
    expect((await create()).status).toBe(504);
  });

  it("failure-envelope: answers HTTP 200 whose body reports a failure, creating nothing", async () => {
    sb.faults.add({ kind: "failure-envelope" });
    const res = await create();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statusCode: 400, message: "Card creation failed.", data: null });
    expect(res.body).toEqual(FAILURE_ENVELOPE);
    expect(sb.cards()).toHaveLength(0);
  });

  it("failure-envelope: answers a given body", async () => {
    sb.faults.add({ kind: "failure-envelope", body: { statusCode: 500, message: "Provider timeout.", data: null } });
    expect((await create()).body).toEqual({ statusCode: 500, message: "Provider timeout.", data: null });
  });

  it("applies a fault to `times` matching requests, then behaves normally", async () => {
    sb.faults.add({ kind: "status", status: 500, times: 2 });
    expect((await create()).status).toBe(500);
    expect((await create()).status).toBe(500);
    expect((await create()).status).toBe(200);
  });

  it("only fires on the method and path it names, exact or RegExp", async () => {
    sb.faults.add({ kind: "status", status: 500, method: "POST", path: "/cards" });
    sb.faults.add({ kind: "status", status: 503, method: "GET", path: /^\/cards\/customer\// });
    expect((await call(sb, "GET", "/cards")).status).toBe(200);
    expect((await call(sb, "GET", `/cards/customer/${sb.customers[0]._id}?page=0`)).status).toBe(503);
    expect((await create()).status).toBe(500);
  });

  it("is consulted before authentication", async () => {
    sb.faults.add({ kind: "status", status: 503 });
    expect((await call(sb, "GET", "/cards", undefined, { auth: null })).status).toBe(503);
  });

  it("is forgotten on reset", async () => {
    sb.faults.add({ kind: "status", status: 500 });
    sb.reset();
    expect((await create()).status).toBe(200);
  });
});

describe("Sudo sandbox request log", () => {
  it("records method, path without query and status of every request", async () => {
    await create();
    await call(sb, "GET", "/cards?page=0&limit=5");
    await call(sb, "GET", "/cards", undefined, { auth: null });
    expect(sb.requests.map(({ method, path, status }) => [method, path, status])).toEqual([
      ["POST", "/cards", 200],
      ["GET", "/cards", 200],
      ["GET", "/cards", 401],
    ]);
    expect(sb.requests.every((r) => typeof r.at === "number")).toBe(true);
    expect(sb.count("GET", "/cards")).toBe(2);
    expect(sb.count("post", "/cards")).toBe(1);
    expect(sb.count("GET", "/cards/customer")).toBe(0);
  });

  it("forgets requests on reset", async () => {
    await create();
    sb.reset();
    expect(sb.requests).toHaveLength(0);
    expect(sb.count("POST", "/cards")).toBe(0);
  });
});

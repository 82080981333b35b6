import { print } from "graphql";
import { CreateCardDocument } from "../__generated__/graphql";
import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { startHarness, type Harness } from "../support/app";
import { defaultAuthHeaders, TEST_AUTH_ENV } from "../support/auth";
import { bankInput } from "../support/inputs";
import { openTestStore } from "../support/store";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ MAX_BODY_BYTES: "4096" });
});
afterAll(() => h.stop());

const linesWith = (requestId: string) => h.logs.map((line) => JSON.parse(line)).filter((line) => line.requestId === requestId);

describe("health", () => {
  it("/health/live answers 200 while the process serves HTTP", async () => {
    const res = await fetch(`${h.app.url}health/live`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "live" });
  });

  it("/health/ready reports the store and each provider's breaker", async () => {
    const res = await fetch(`${h.app.url}health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; store: string; providers: Record<string, unknown> };
    expect(body).toMatchObject({ status: "ready", store: "up" });
    expect(Object.keys(body.providers).sort()).toEqual(["BANK", "SUDO"]);
    for (const report of Object.values(body.providers)) expect(report).toEqual(expect.objectContaining({ breaker: expect.any(String) }));
  });

  it("refuses other methods on health routes with 405", async () => {
    const res = await fetch(`${h.app.url}health/live`, { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("/health/ready answers 503 once the store is closed, and liveness stays 200", async () => {
    const opened = await openTestStore();
    const config = loadConfig({ PORT: "0", ...TEST_AUTH_ENV });
    const app = await startApp(config, { store: opened, logger: createLogger("silent") });
    try {
      expect((await fetch(`${app.url}health/ready`)).status).toBe(200);
      await opened.store.close();
      const res = await fetch(`${app.url}health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "unavailable", store: "down" });
      expect((await fetch(`${app.url}health/live`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

describe("requests", () => {
  it("answers 404 for an unknown path", async () => {
    const res = await fetch(`${h.app.url}graphql/v2`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });
  });

  it("refuses a GraphQL body above MAX_BODY_BYTES with 413", async () => {
    const { status, body } = await h.gql('mutation { createCard(idempotencyKey: "too-big", input: {}) { id } }', { pad: "x".repeat(5000) });
    expect(status).toBe(413);
    expect(body.errors![0].extensions).toEqual({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("uses the router's request id for the response header and for every log line of that request", async () => {
    const ids = [`router-a-${Date.now()}`, `router-b-${Date.now()}`];
    for (const requestId of ids) {
      const response = await fetch(h.app.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": requestId, ...(await defaultAuthHeaders()) },
        body: JSON.stringify({ query: print(CreateCardDocument), variables: { idempotencyKey: `rid-${requestId}`, input: { bank: bankInput() } } }),
      });
      expect(response.headers.get("x-request-id")).toBe(requestId);
      const body = (await response.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
    }
    for (const requestId of ids) {
      const lines = linesWith(requestId);
      // The provider's line comes from a logger built once per process: the id reaches it through the request's scope.
      expect(lines.filter((line) => line.msg === "bank card issued")).toHaveLength(1);
      expect(lines.filter((line) => line.msg === "request completed")).toEqual([expect.objectContaining({ method: "POST", path: "/", status: 200 })]);
    }
  });

  it("leaves Apollo federated tracing on: ftv1 when the router asks for it, nothing otherwise", async () => {
    const traced = await h.gql("{ __typename }", undefined, { "apollo-federation-include-trace": "ftv1" });
    expect(traced.body).toMatchObject({ data: { __typename: "Query" }, extensions: { ftv1: expect.any(String) } });
    const plain = await h.gql("{ __typename }");
    expect(plain.body).toEqual({ data: { __typename: "Query" } });
  });

  it("marks every GraphQL answer, card data or error, as not to be stored by any cache", async () => {
    for (const query of ["{ __typename }", '{ card(id: "crd_unknown") { id last4 } }', "{ nope }"]) {
      expect((await h.gql(query)).headers.get("cache-control")).toBe("no-store");
    }
  });
});

import { request as httpRequest } from "node:http";
import { ApolloServer } from "@apollo/server";
import { startHttpServer, type RouteHandler } from "../../src/http";
import { createLogger } from "../../src/logger";

/** Our HTTP layer around a one-field schema, with one extra route answering GET / the way a GraphiQL page would. */
let server: ApolloServer<{ requestId: string }>;
let url: string;
const seenByRoute: string[] = [];

const page: RouteHandler = (req, res) => {
  seenByRoute.push(`${req.method} ${req.url}`);
  if (req.method !== "GET" || req.url !== "/") return false;
  res.writeHead(200, { "content-type": "text/html" }).end("<title>page</title>");
  return true;
};

beforeAll(async () => {
  server = new ApolloServer({ typeDefs: "type Query { hello: String, requestId: String }", resolvers: { Query: { hello: () => "world", requestId: (_: unknown, __: unknown, ctx: { requestId: string }) => ctx.requestId } } });
  ({ url } = await startHttpServer(server, {
    port: 0,
    host: "127.0.0.1",
    logger: createLogger("silent"),
    maxBodyBytes: 1024,
    shutdownGraceMs: 1000,
    routes: [page],
    context: async () => ({}),
  }));
});
afterAll(() => server.stop());
beforeEach(() => (seenByRoute.length = 0));

const json = { "content-type": "application/json" };
const post = (body: string, headers: Record<string, string> = json) => fetch(url, { method: "POST", headers, body });

describe("routing", () => {
  it("gives GET / without a query to the extra routes", async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>page</title>");
  });

  it("still serves GraphQL over GET ?query= and POST, without asking the extra routes", async () => {
    const get = await fetch(`${url}?query=${encodeURIComponent("{ hello }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect(await get.json()).toEqual({ data: { hello: "world" } });
    const posted = await post(JSON.stringify({ query: "{ hello }" }));
    expect(await posted.json()).toEqual({ data: { hello: "world" } });
    expect(seenByRoute).toEqual([]);
  });

  it("keeps Apollo's CSRF prevention: a simple GET or a text/plain POST is refused before execution", async () => {
    const get = await fetch(`${url}?query=${encodeURIComponent("{ hello }")}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const plain = await post(JSON.stringify({ query: "{ hello }" }), { "content-type": "text/plain" });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toMatch(/CSRF/);
  });

  it("answers 404 with a JSON error for an unknown path, after the extra routes had their chance", async () => {
    const res = await fetch(`${url}nope?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });
    expect(seenByRoute).toEqual(["GET /nope?x=1"]);
  });

  it("answers 405 from Apollo for another method on the GraphQL path", async () => {
    const res = await fetch(url, { method: "PUT", headers: json, body: "{}" });
    expect(res.status).toBe(405);
  });
});

describe("request bodies", () => {
  const big = JSON.stringify({ query: "{ hello }", variables: { pad: "x".repeat(2000) } });

  it("refuses a body above the limit with 413, announced by content-length", async () => {
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ errors: [{ message: "Request body is larger than 1024 bytes", extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  });

  it("refuses a streamed body with no content-length once it passes the limit", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: "POST", headers: { ...json, "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.write(big.slice(0, 600));
      req.end(big.slice(600));
    });
    expect(status).toBe(413);
  });

  it("accepts a body just under the limit", async () => {
    const body = JSON.stringify({ query: "{ hello }", variables: { pad: "x".repeat(900) } });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1024);
    const res = await post(body);
    expect(await res.json()).toEqual({ data: { hello: "world" } });
  });

  it("answers 400 for malformed JSON and 415 for a non-UTF-8 charset or a compressed body", async () => {
    const broken = await post("{ not json");
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ errors: [{ message: "Request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
    const latin1 = await post(JSON.stringify({ query: "{ hello }" }), { "content-type": "application/json; charset=latin1" });
    expect(latin1.status).toBe(415);
    const gzip = await post(JSON.stringify({ query: "{ hello }" }), { ...json, "content-encoding": "gzip" });
    expect(gzip.status).toBe(415);
  });
});

describe("request ids", () => {
  const idOf = async (headers: Record<string, string>) => {
    const res = await post(JSON.stringify({ query: "{ requestId }" }), { ...json, ...headers });
    const body = (await res.json()) as { data: { requestId: string } };
    expect(body.data.requestId).toBe(res.headers.get("x-request-id"));
    return body.data.requestId;
  };

  it("takes x-request-id from the caller, else the traceparent's trace id, else makes one", async () => {
    expect(await idOf({ "x-request-id": "router-abc-123" })).toBe("router-abc-123");
    expect(await idOf({ traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" })).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    const generated = await idOf({});
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf({})).not.toBe(generated);
  });

  it("replaces an id that is not plain text, so nothing odd reaches logs or headers", async () => {
    expect(await idOf({ "x-request-id": "<script>alert(1)</script>" })).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf({ "x-request-id": "a".repeat(500) })).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes the id on responses that never reach GraphQL", async () => {
    const res = await fetch(`${url}nope`, { headers: { "x-request-id": "probe-1" } });
    expect(res.headers.get("x-request-id")).toBe("probe-1");
  });
});

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createLogger } from "../../src/logger";
import { startSupergraph, type RunningSupergraph } from "../../src/supergraph";
import { postGraphQL, startHarness, type Harness } from "../support/app";
import { NO_AUTH } from "../support/auth";

// Issue 9 item 12: through `npm run supergraph`, a request without a valid token was answered with the cards
// subgraph's internal URL, status line and body (`extensions.response`), as @apollo/gateway wraps a subgraph's 401.

const CARDS_SDL = readFileSync(join(__dirname, "..", "..", "schema.graphql"), "utf8");
const QUERY = '{ cards(customerId: "cus_ada") { edges { node { id } } } }';

const gatewayOver = (cardsUrl: string) =>
  startSupergraph({ cardsUrl, cardsSdl: CARDS_SDL, port: 0, host: "127.0.0.1", logger: createLogger("silent"), customerNames: new Map() });

/** Nothing a client reads may name a subgraph's address, echo its status line or quote its body. */
function expectNothingInternal(text: string, ...internals: string[]) {
  for (const internal of ["127.0.0.1", "localhost", "statusText", '"response"', "Unauthorized", "Bad Gateway", ...internals]) expect(text).not.toContain(internal);
}

describe("the local gateway's errors", () => {
  let h: Harness;
  let gateway: RunningSupergraph;
  beforeAll(async () => {
    h = await startHarness();
    gateway = await gatewayOver(h.app.url);
  });
  afterAll(async () => {
    await gateway.stop();
    await h.stop();
  });

  it.each([
    ["no token", NO_AUTH],
    ["a token that is not a JWT", { authorization: "Bearer abc.def.ghi" }],
  ])("answer %s with UNAUTHENTICATED and nothing of the subgraph's 401", async (_name, headers) => {
    const { body, text } = await postGraphQL(gateway.url, QUERY, undefined, headers);
    expect(body).toEqual({ data: null, errors: [{ message: expect.stringMatching(/^Authentication required/), extensions: { code: "UNAUTHENTICATED" } }] });
    expectNothingInternal(text, new URL(h.app.url).port, "not a valid JWT");
  });

  it("still relay the subgraph's own GraphQL errors, which are written for clients", async () => {
    const { body } = await postGraphQL(gateway.url, '{ cards(customerId: "cus_ada", first: 0) { edges { node { id } } } }');
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});

describe("a subgraph that fails outright", () => {
  let broken: Server;
  let brokenUrl: string;
  beforeAll(async () => {
    broken = createServer((_req, res) => res.writeHead(502, { "content-type": "text/html", "retry-after": "7" }).end("<h1>nginx upstream 10.0.3.7:4001 secret-body</h1>"));
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => broken.close(() => resolve())));

  it("is reported as SUBGRAPH_UNAVAILABLE with its Retry-After, not its page", async () => {
    const gateway = await gatewayOver(brokenUrl);
    try {
      const { body, text } = await postGraphQL(gateway.url, QUERY);
      expect(body.errors).toEqual([{ message: expect.stringMatching(/could not answer/), extensions: { code: "SUBGRAPH_UNAVAILABLE", retryAfterSeconds: 7 } }]);
      expectNothingInternal(text, new URL(brokenUrl).port, "nginx", "secret-body", "10.0.3.7");
    } finally {
      await gateway.stop();
    }
  });

  it("is reported without its address when nothing listens there", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gateway = await gatewayOver(url);
    try {
      const { body, text } = await postGraphQL(gateway.url, QUERY);
      expect(body.errors).toEqual([{ message: expect.stringMatching(/could not answer/), extensions: { code: "SUBGRAPH_UNAVAILABLE" } }]);
      expectNothingInternal(text, new URL(url).port, "ECONNREFUSED");
    } finally {
      await gateway.stop();
    }
  });
});

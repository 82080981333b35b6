import type { IncomingMessage, ServerResponse } from "node:http";
import { ProviderUnavailableError } from "../../../src/errors";
import { SudoCardsApi } from "../../../src/providers/sudo/datasource";
import { listen, readBody, sendJson } from "../../../src/sandbox/http";

// The datasource against a stub server that answers whatever a test scripts, recording what arrived.

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

type Script = (req: IncomingMessage, res: ServerResponse) => void;

let script: Script;
const seen: Seen[] = [];
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  server = await listen((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
      script(req, res);
    });
  });
});

afterAll(() => server.close());

beforeEach(() => {
  seen.length = 0;
});

const api = (timeoutMs = 5_000, prefix = "") => new SudoCardsApi({ baseUrl: `${server.url}${prefix}`, apiKey: "key.jwt.sig", timeoutMs });
const card = { _id: "6650a1b2c3d4e5f6a7b8c9d0", type: "virtual", status: "active" };
const body = { customerId: "64b0c0ffee0000000000c001", type: "virtual", currency: "NGN", status: "active", issuerCountry: "NGA", sendPINSMS: false, metadata: {} };

async function failure(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  return (error as ProviderUnavailableError).extensions;
}

describe("SudoCardsApi", () => {
  it("POSTs JSON to /cards with the bearer key, under the base URL's own path", async () => {
    script = (_req, res) => sendJson(res, 200, { statusCode: 200, message: "Card created successfully.", data: card });
    await expect(api(5_000, "/sudo/").createCard(body)).resolves.toEqual(card);
    expect(seen).toEqual([
      { method: "POST", url: "/sudo/cards", authorization: "Bearer key.jwt.sig", contentType: "application/json", body: JSON.stringify(body) },
    ]);
  });

  it("lists a customer's cards with a zero-based page and a limit", async () => {
    script = (_req, res) => sendJson(res, 200, { statusCode: 200, data: [card, { not: "a card" }], pagination: { total: 1, pages: 1, page: "0", limit: "100" } });
    await expect(api().listCustomerCards("64b0c0ffee0000000000c001", 0, 100)).resolves.toEqual({ cards: [card], pages: 1 });
    expect(seen[0]).toMatchObject({ method: "GET", url: "/cards/customer/64b0c0ffee0000000000c001?page=0&limit=100" });
  });

  it("fetches one card", async () => {
    script = (_req, res) => sendJson(res, 200, { statusCode: 200, data: card });
    await expect(api().getCard(card._id)).resolves.toEqual(card);
    expect(seen[0]).toMatchObject({ method: "GET", url: `/cards/${card._id}` });
  });

  it("never retries a POST, even after a 500", async () => {
    script = (_req, res) => sendJson(res, 500, { statusCode: 500, message: "Internal server error" });
    expect(await failure(api().createCard(body))).toMatchObject({ reason: "UPSTREAM_ERROR" });
    expect(seen).toHaveLength(1);
  });

  it("gives up after the timeout when Sudo never answers", async () => {
    script = () => undefined;
    expect(await failure(api(150).createCard(body))).toMatchObject({ reason: "TIMEOUT" });
  });

  it("a dropped connection is NETWORK", async () => {
    script = (req) => req.socket.destroy();
    expect(await failure(api().createCard(body))).toMatchObject({ reason: "NETWORK" });
  });

  it("does not follow a redirect, which would turn the POST into a GET elsewhere", async () => {
    script = (_req, res) => {
      res.writeHead(302, { location: "/login" });
      res.end();
    };
    expect(await failure(api().createCard(body))).toMatchObject({ reason: "BAD_RESPONSE" });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["POST /cards"]);
  });

  it("a success without a card id, or a list without a list, is BAD_RESPONSE", async () => {
    script = (_req, res) => sendJson(res, 200, { statusCode: 200, data: { id: "no underscore" } });
    expect(await failure(api().createCard(body))).toMatchObject({ reason: "BAD_RESPONSE" });
    script = (_req, res) => sendJson(res, 200, { statusCode: 200, data: { cards: [] } });
    expect(await failure(api().listCustomerCards("64b0c0ffee0000000000c001", 0, 100))).toMatchObject({ reason: "BAD_RESPONSE" });
  });
});

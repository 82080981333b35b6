import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { apiHeaders, consentToken, getCards, postCard, requestToken, validCardBody } from "./bank-helpers";
import { DEFAULT_WIRE } from "../../src/providers/bank/wire-variants";

describe("bank sandbox: fault injection", () => {
  let sb: BankSandbox;
  let token: string;

  beforeAll(async () => {
    sb = await startBankSandbox();
    token = (await consentToken(sb)).access_token;
  });
  afterAll(() => sb.stop());
  beforeEach(() => sb.reset());

  const lastStatus = () => sb.requests[sb.requests.length - 1].status;
  const cardId = async (res: Response) => ((await res.json()) as { data: { card_id: string } }).data.card_id;

  it("latency: answers normally, no sooner than latencyMs", async () => {
    sb.faults.add({ kind: "latency", path: "/cards", latencyMs: 200 });
    const started = performance.now();
    const res = await getCards(sb, apiHeaders(sb, token));
    // Timers may fire a millisecond early; the point is that the answer waited.
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(200);
  });

  it("status: answers the given status, Retry-After and body without handling, and stores nothing", async () => {
    sb.faults.add({ kind: "status", method: "POST", path: "/cards", status: 503, retryAfter: "7", body: { message: "maintenance" } });
    const headers = apiHeaders(sb, token, "status-fault");
    const res = await postCard(sb, headers, validCardBody(sb));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ message: "maintenance" });
    expect(sb.cards()).toHaveLength(0);
    expect((await postCard(sb, headers, validCardBody(sb))).status).toBe(200);
  });

  it("status: defaults to 500 with a generic error body", async () => {
    sb.faults.add({ kind: "status" });
    const res = await getCards(sb, apiHeaders(sb, token));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ status: "error", message: "Internal Server Error" });
  });

  it("html: answers a load balancer's HTML page, 502 unless told otherwise", async () => {
    sb.faults.add({ kind: "html", path: "/cards" });
    sb.faults.add({ kind: "html", path: "/cards", status: 504 });
    const first = await postCard(sb, apiHeaders(sb, token), validCardBody(sb));
    expect(first.status).toBe(502);
    expect(first.headers.get("content-type")).toContain("text/html");
    expect(await first.text()).toContain("<html>");
    expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(504);
    expect(sb.cards()).toHaveLength(0);
  });

  it("drop-before: the connection dies, nothing is created, and the same key then succeeds", async () => {
    sb.faults.add({ kind: "drop-before", method: "POST" });
    const headers = apiHeaders(sb, token, "drop-before");
    await expect(postCard(sb, headers, validCardBody(sb))).rejects.toThrow();
    expect(lastStatus()).toBe(0);
    expect(sb.cards()).toHaveLength(0);
    expect((await postCard(sb, headers, validCardBody(sb))).status).toBe(200);
    expect(sb.cards()).toHaveLength(1);
  });

  it("drop-after-commit: the card exists and a retry with the same key replays it", async () => {
    sb.faults.add({ kind: "drop-after-commit", method: "POST", path: "/cards" });
    const headers = apiHeaders(sb, token, "drop-after");
    await expect(postCard(sb, headers, validCardBody(sb))).rejects.toThrow();
    expect(lastStatus()).toBe(0);
    expect(sb.cards()).toHaveLength(1);
    const retry = await postCard(sb, headers, validCardBody(sb));
    expect(retry.status).toBe(200);
    expect(await cardId(retry)).toBe(sb.cards()[0].card_id);
    expect(sb.cards()).toHaveLength(1);
  });

  it("malformed-json: the card exists, the body is cut short, and a retry replays the whole body", async () => {
    sb.faults.add({ kind: "malformed-json", method: "POST", path: "/cards" });
    const headers = apiHeaders(sb, token, "malformed");
    const broken = await postCard(sb, headers, validCardBody(sb));
    expect(broken.status).toBe(200);
    const brokenText = await broken.text();
    expect(() => JSON.parse(brokenText)).toThrow();
    expect(sb.cards()).toHaveLength(1);

    const retryText = await (await postCard(sb, headers, validCardBody(sb))).text();
    expect(retryText.startsWith(brokenText)).toBe(true);
    expect(JSON.parse(retryText)).toMatchObject({ status: "00", data: { card_id: sb.cards()[0].card_id } });
  });

  it("failure-envelope on POST /cards: 200 with status 96, no card, and the outcome is replayed under the key", async () => {
    sb.faults.add({ kind: "failure-envelope", method: "POST", path: "/cards" });
    const headers = apiHeaders(sb, token, "envelope");
    const res = await postCard(sb, headers, validCardBody(sb));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "96", message: "System malfunction", data: null });
    expect(sb.cards()).toHaveLength(0);

    const replay = await postCard(sb, headers, validCardBody(sb));
    expect(await replay.text()).toBe(text);
    expect((await postCard(sb, apiHeaders(sb, token), validCardBody(sb))).status).toBe(200);
  });

  it("failure-envelope elsewhere: answered before handling, with the fault's body when given", async () => {
    sb.faults.add({ kind: "failure-envelope", path: "/cards", method: "GET", body: { status: "91", message: "Bank not available", data: null } });
    const res = await getCards(sb, apiHeaders(sb, token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "91", message: "Bank not available", data: null });
  });

  describe("on auth routes", () => {
    const tokenPath = DEFAULT_WIRE.tokenPath;

    it("status and failure-envelope faults answer without issuing a token", async () => {
      sb.faults.add({ kind: "status", path: tokenPath, status: 503 });
      sb.faults.add({ kind: "failure-envelope", path: tokenPath });
      expect((await requestToken(sb, { grant_type: "client_credentials" })).status).toBe(503);
      expect(await (await requestToken(sb, { grant_type: "client_credentials" })).json()).toMatchObject({ status: "96" });
      expect(sb.tokensIssued()).toBe(0);
    });

    it("drop-after-commit issues the token but never delivers it", async () => {
      sb.faults.add({ kind: "drop-after-commit", path: tokenPath });
      await expect(requestToken(sb, { grant_type: "client_credentials" })).rejects.toThrow();
      expect(sb.tokensIssued()).toBe(1);
      expect(sb.count("POST", tokenPath)).toBe(1);
      expect(lastStatus()).toBe(0);
    });
  });

  it("applies a fault to as many matching requests as `times` says, matching a RegExp path", async () => {
    sb.faults.add({ kind: "status", path: /^\/cards/, status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getCards(sb, apiHeaders(sb, token), "/cards/crd_x")).status);
    expect(statuses).toEqual([502, 502, 404]);
  });

  it("forgets armed faults on reset", async () => {
    sb.faults.add({ kind: "status", status: 500 });
    sb.reset();
    expect((await getCards(sb, apiHeaders(sb, token))).status).toBe(200);
  });
});

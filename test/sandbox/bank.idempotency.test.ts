import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { apiHeaders, consentToken, getCards, postCard, validCardBody } from "./bank-helpers";

describe("bank sandbox: idempotency (FACTS A.10)", () => {
  let sb: BankSandbox;
  let token: string;

  beforeAll(async () => {
    sb = await startBankSandbox();
    token = (await consentToken(sb)).access_token;
  });
  afterAll(() => sb.stop());
  beforeEach(() => sb.reset());
  afterEach(() => jest.restoreAllMocks());

  it("replays the first status and body byte for byte for the same key and body, creating no new card", async () => {
    const headers = apiHeaders(sb, token, "replay-1");
    const first = await postCard(sb, headers, validCardBody(sb));
    const firstText = await first.text();
    const second = await postCard(sb, headers, validCardBody(sb));
    expect(second.status).toBe(first.status);
    expect(await second.text()).toBe(firstText);
    expect(sb.cards()).toHaveLength(1);
  });

  it("treats the same JSON with other key order and spacing as the same body", async () => {
    const headers = apiHeaders(sb, token, "canonical");
    const body = validCardBody(sb);
    const firstText = await (await postCard(sb, headers, body)).text();
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
    expect(await (await postCard(sb, headers, reordered)).text()).toBe(firstText);
    expect(sb.cards()).toHaveLength(1);
  });

  it("answers 409 status 94 for the same key with a different body", async () => {
    const headers = apiHeaders(sb, token, "reused");
    expect((await postCard(sb, headers, validCardBody(sb))).status).toBe(200);
    const res = await postCard(sb, headers, validCardBody(sb, { card_holder_name: "Someone Else" }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ status: "94", message: "Duplicate transaction" });
    expect(sb.cards()).toHaveLength(1);
  });

  it("answers 409 status 09 while the first request with the key is still running", async () => {
    sb.faults.add({ kind: "latency", method: "POST", path: "/cards", latencyMs: 1000 });
    // The server claims the key in the same tick it takes the fault, so once take() has handed it out the key is held.
    const take = sb.faults.take.bind(sb.faults);
    const taken = new Promise<void>((resolve) => {
      jest.spyOn(sb.faults, "take").mockImplementation((method, path) => {
        const fault = take(method, path);
        if (fault) resolve();
        return fault;
      });
    });
    const headers = apiHeaders(sb, token, "in-flight");
    const slow = postCard(sb, headers, validCardBody(sb));
    await taken;
    const concurrent = await postCard(sb, headers, validCardBody(sb));
    expect(concurrent.status).toBe(409);
    expect(await concurrent.json()).toEqual({ status: "09", message: "Request in progress" });

    const firstText = await (await slow).text();
    expect(JSON.parse(firstText)).toMatchObject({ status: "00" });
    expect(await (await postCard(sb, headers, validCardBody(sb))).text()).toBe(firstText);
    expect(sb.cards()).toHaveLength(1);
  });

  it("does not store validation failures: the same key later creates the card", async () => {
    const headers = apiHeaders(sb, token, "fix-and-retry");
    expect((await postCard(sb, headers, validCardBody(sb, { card_status: "NEW" }))).status).toBe(400);
    expect((await postCard(sb, headers, validCardBody(sb))).status).toBe(200);
    expect(sb.cards()).toHaveLength(1);
  });

  it("checks the body before the key: an invalid body under a used key is a 400, not a 409", async () => {
    const headers = apiHeaders(sb, token, "used");
    await postCard(sb, headers, validCardBody(sb));
    expect((await postCard(sb, headers, validCardBody(sb, { card_status: "NEW" }))).status).toBe(400);
  });

  it("never deduplicates GET: the same key lists the current cards each time", async () => {
    const headers = apiHeaders(sb, token, "get-key");
    const before = (await (await getCards(sb, headers)).json()) as { data: { cards: unknown[] } };
    await postCard(sb, apiHeaders(sb, token), validCardBody(sb));
    const after = (await (await getCards(sb, headers)).json()) as { data: { cards: unknown[] } };
    expect(before.data.cards).toHaveLength(0);
    expect(after.data.cards).toHaveLength(1);
  });

  it("forgets keys on reset", async () => {
    const headers = apiHeaders(sb, token, "before-reset");
    await postCard(sb, headers, validCardBody(sb));
    sb.reset();
    expect((await postCard(sb, headers, validCardBody(sb, { card_holder_name: "New Body" }))).status).toBe(200);
  });
});

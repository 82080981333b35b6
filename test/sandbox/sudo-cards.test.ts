import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { call, CUSTOMER, errorAt, NGN_ACCOUNT, UNKNOWN_ID, USD_ACCOUNT, virtualCard } from "./sudo-client";

let sb: SudoSandbox;

beforeAll(async () => {
  sb = await startSudoSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

/** Creates `n` cards for a customer, tagging each with its creation order; returns their ids oldest first. */
async function createCards(n: number, customerId = CUSTOMER): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const res = await call(sb, "POST", "/cards", virtualCard({ customerId, metadata: { order: i } }));
    ids.push(res.body.data._id);
  }
  return ids;
}

const ids = (body: { data: { _id: string }[] }) => body.data.map((c) => c._id);

describe("GET /cards", () => {
  it("lists cards newest first with default paging echoed as strings", async () => {
    const created = await createCards(3);
    const res = await call(sb, "GET", "/cards");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, message: "Cards fetched successfully." });
    expect(ids(res.body)).toEqual([...created].reverse());
    expect(res.body.pagination).toEqual({ total: 3, pages: 1, page: "0", limit: "25" });
    expect(res.body.data[0].customer).toMatchObject({ _id: CUSTOMER });
  });

  it("pages from zero and echoes page and limit as the strings sent", async () => {
    const created = await createCards(5);
    const res = await call(sb, "GET", "/cards?page=1&limit=2");
    expect(ids(res.body)).toEqual([created[2], created[1]]);
    expect(res.body.pagination).toEqual({ total: 5, pages: 3, page: "1", limit: "2" });
    const last = await call(sb, "GET", "/cards?page=2&limit=2");
    expect(ids(last.body)).toEqual([created[0]]);
    const beyond = await call(sb, "GET", "/cards?page=9&limit=2");
    expect(beyond.body.data).toEqual([]);
  });

  it("accepts limit 100", async () => {
    expect((await call(sb, "GET", "/cards?limit=100")).status).toBe(200);
  });

  it.each([
    ["limit above 100", "limit=101", "limit", "max"],
    ["limit 0", "limit=0", "limit", "min"],
    ["a negative page", "page=-1", "page", "min"],
    ["a page that is not a number", "page=first", "page", "isInt"],
  ])("rejects %s with a class-validator 400", async (_name, query, property, rule) => {
    const res = await call(sb, "GET", `/cards?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: "Bad Request" });
    expect(Object.keys(errorAt(res.body, [property])?.constraints ?? {})).toContain(rule);
  });
});

describe("GET /cards/customer/:customerId", () => {
  it("lists only that customer's cards, newest first", async () => {
    const mine = await createCards(2);
    await createCards(1, sb.customers[1]._id);
    const res = await call(sb, "GET", `/cards/customer/${CUSTOMER}?page=0&limit=10`);
    expect(ids(res.body)).toEqual([...mine].reverse());
    expect(res.body.pagination).toEqual({ total: 2, pages: 1, page: "0", limit: "10" });
  });

  it("answers an empty page for a customer with no cards", async () => {
    const res = await call(sb, "GET", `/cards/customer/${UNKNOWN_ID}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.pagination).toMatchObject({ total: 0, pages: 0 });
  });

  it("rejects a customer id that is not a Mongo id, and limits above 100", async () => {
    expect((await call(sb, "GET", "/cards/customer/cus_1")).status).toBe(400);
    expect((await call(sb, "GET", `/cards/customer/${CUSTOMER}?limit=500`)).status).toBe(400);
  });
});

describe("GET /cards/:id", () => {
  it("fetches one populated card", async () => {
    const [id] = await createCards(1);
    const res = await call(sb, "GET", `/cards/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, message: "Card fetched successfully.", data: { _id: id } });
    expect(res.body.data.account).toMatchObject({ type: "wallet" });
    expect(res.body.data.fundingSource).toMatchObject({ type: "default" });
  });

  it("answers 404 for an unknown card and 400 for a malformed id", async () => {
    const missing = await call(sb, "GET", `/cards/${UNKNOWN_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, message: "Card not found." });
    const malformed = await call(sb, "GET", "/cards/not-an-id");
    expect(malformed.status).toBe(400);
    expect(errorAt(malformed.body, ["id"])?.constraints).toEqual({ isMongoId: "id must be a mongodb id" });
  });
});

describe("PUT /cards/:id", () => {
  const cancel = { status: "canceled", cancellationReason: "lost", creditAccountId: NGN_ACCOUNT };

  it("updates status, metadata and spending controls", async () => {
    const [id] = await createCards(1);
    const res = await call(sb, "PUT", `/cards/${id}`, {
      status: "inactive",
      metadata: JSON.stringify({ note: "frozen" }),
      spendingControls: { channels: { web: false } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, message: "Card updated successfully." });
    expect(res.body.data).toMatchObject({ status: "inactive", metadata: { note: "frozen" }, __v: 1 });
    expect(res.body.data.spendingControls.channels).toMatchObject({ atm: true, pos: true, web: false, mobile: true });
    expect(res.body.data.spendingControls.spendingLimits).toHaveLength(4);
  });

  it.each<[string, Record<string, unknown>, string[], string]>([
    ["status missing", {}, ["status"], "isNotEmpty"],
    ["status outside the enum", { status: "blocked" }, ["status"], "isIn"],
    ["canceled without cancellationReason", { ...cancel, cancellationReason: undefined }, ["cancellationReason"], "isNotEmpty"],
    ["cancellationReason outside the enum", { ...cancel, cancellationReason: "expired" }, ["cancellationReason"], "isIn"],
    ["canceled without creditAccountId", { ...cancel, creditAccountId: undefined }, ["creditAccountId"], "isNotEmpty"],
    ["a malformed fundingSourceId", { status: "active", fundingSourceId: "x" }, ["fundingSourceId"], "isMongoId"],
    ["metadata as an object (update documents a JSON string)", { status: "active", metadata: { note: "x" } }, ["metadata"], "isString"],
    ["metadata that is not JSON", { status: "active", metadata: "{note" }, ["metadata"], "isJson"],
    ["metadata JSON that is not an object", { status: "active", metadata: "[1]" }, ["metadata"], "isJsonObject"],
    [
      "spending controls with both category lists",
      { status: "active", spendingControls: { allowedCategories: ["5411"], blockedCategories: ["6011"] } },
      ["spendingControls", "blockedCategories"],
      "exclusiveCategories",
    ],
  ])("rejects %s", async (_name, body, path, rule) => {
    const [id] = await createCards(1);
    const res = await call(sb, "PUT", `/cards/${id}`, body);
    expect(res.status).toBe(400);
    expect(Object.keys(errorAt(res.body, path)?.constraints ?? {})).toContain(rule);
    expect((await call(sb, "GET", `/cards/${id}`)).body.data.status).toBe("active");
  });

  it("answers 404 for an unknown card, funding source or credit account", async () => {
    const [id] = await createCards(1);
    expect((await call(sb, "PUT", `/cards/${UNKNOWN_ID}`, { status: "active" })).body).toEqual({ statusCode: 404, message: "Card not found." });
    expect((await call(sb, "PUT", `/cards/${id}`, { status: "active", fundingSourceId: UNKNOWN_ID })).status).toBe(404);
    expect((await call(sb, "PUT", `/cards/${id}`, { ...cancel, creditAccountId: UNKNOWN_ID })).body).toEqual({
      statusCode: 404,
      message: "Account not found.",
    });
  });

  it("cancels a card, refunding its wallet, and refuses any later update", async () => {
    const created = await call(sb, "POST", "/cards", virtualCard({ amount: 700, debitAccountId: NGN_ACCOUNT }));
    const id = created.body.data._id;
    const usdBefore = sb.accounts.find((a) => a._id === USD_ACCOUNT)!.balance;
    const res = await call(sb, "PUT", `/cards/${id}`, { ...cancel, creditAccountId: USD_ACCOUNT });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "canceled", cancellationReason: "lost" });
    expect(res.body.data.account.currentBalance).toBe(0);
    expect(sb.accounts.find((a) => a._id === USD_ACCOUNT)!.balance).toBe(usdBefore + 700);
    const again = await call(sb, "PUT", `/cards/${id}`, { status: "active" });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ statusCode: 400 });
    expect((await call(sb, "GET", `/cards/${id}`)).body.data.status).toBe("canceled");
  });
});

describe("GET /cards/:id/token", () => {
  it("hands out a 120-second card token for the card, and none for a canceled card", async () => {
    const [id] = await createCards(1);
    const res = await call(sb, "GET", `/cards/${id}/token`);
    expect(res.status).toBe(200);
    expect(res.body.message).toBe("Card token generated successfully.");
    const token = res.body.data.token as string;
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
    expect(claims).toMatchObject({ _id: id, type: "CARDTOKEN" });
    expect(claims.exp - claims.iat).toBe(120);
    await call(sb, "PUT", `/cards/${id}`, { status: "canceled", cancellationReason: "stolen", creditAccountId: NGN_ACCOUNT });
    expect((await call(sb, "GET", `/cards/${id}/token`)).status).toBe(400);
    expect((await call(sb, "GET", `/cards/${UNKNOWN_ID}/token`)).status).toBe(404);
  });
});

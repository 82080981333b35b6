import { createHmac } from "node:crypto";
import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { call, virtualCard } from "./sudo-client";

let sb: SudoSandbox;

beforeAll(async () => {
  sb = await startSudoSandbox({ jwtSecret: "test-secret" });
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

const UNAUTHORIZED = { statusCode: 401, message: "Unauthorized" };

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("Sudo sandbox authentication", () => {
  it("issues an HS256 API key whose membership role is APIKey and which lives about a year", () => {
    const header = JSON.parse(Buffer.from(sb.apiKey.split(".")[0], "base64url").toString("utf8"));
    const claims = claimsOf(sb.apiKey) as { iat: number; exp: number; membership: { role: string; business: { _id: string } } };
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(claims.membership.role).toBe("APIKey");
    expect(claims.membership.business._id).toMatch(/^[0-9a-f]{24}$/);
    expect(claims.exp - claims.iat).toBe(365 * 24 * 60 * 60);
  });

  it("accepts the sandbox key on every route", async () => {
    const res = await call(sb, "GET", "/cards");
    expect(res.status).toBe(200);
  });

  it.each([
    ["no Authorization header", null],
    ["the raw key without Bearer", "KEY"],
    ["Basic instead of Bearer", "Basic KEY"],
    ["a token that is not a JWT", "Bearer not-a-jwt"],
  ])("answers 401 for %s", async (_name, auth) => {
    const res = await call(sb, "GET", "/cards", undefined, { auth: auth?.replace("KEY", sb.apiKey) ?? null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("answers 401 for a key signed with another secret", async () => {
    const other = await startSudoSandbox({ jwtSecret: "another-secret" });
    try {
      const res = await call(sb, "GET", "/cards", undefined, { auth: `Bearer ${other.apiKey}` });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    } finally {
      await other.stop();
    }
  });

  it("answers 401 for a key whose payload was altered after signing", async () => {
    const [head, , signature] = sb.apiKey.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(sb.apiKey), exp: 9_999_999_999 })).toString("base64url");
    const res = await call(sb, "GET", "/cards", undefined, { auth: `Bearer ${head}.${forged}.${signature}` });
    expect(res.status).toBe(401);
  });

  it("answers 401 for an expired key", async () => {
    const res = await call(sb, "GET", "/cards", undefined, { auth: `Bearer ${sb.mintApiKey({ expiresInSeconds: -1 })}` });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it("answers 401 for a validly signed token whose role is not APIKey", async () => {
    const res = await call(sb, "GET", "/cards", undefined, { auth: `Bearer ${sb.mintApiKey({ role: "Owner" })}` });
    expect(res.status).toBe(401);
  });

  it("answers 401 for a token signed with HS256 but declaring another algorithm", async () => {
    const head = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const body = sb.apiKey.split(".")[1];
    const sig = createHmac("sha256", "test-secret").update(`${head}.${body}`).digest("base64url");
    const res = await call(sb, "GET", "/cards", undefined, { auth: `Bearer ${head}.${body}.${sig}` });
    expect(res.status).toBe(401);
  });

  it("accepts a freshly minted short-lived key", async () => {
    const res = await call(sb, "GET", "/cards", undefined, { auth: `Bearer ${sb.mintApiKey({ expiresInSeconds: 60 })}` });
    expect(res.status).toBe(200);
  });

  it("checks authorization before anything else, even on unknown routes and invalid bodies", async () => {
    expect((await call(sb, "GET", "/nowhere", undefined, { auth: null })).status).toBe(401);
    expect((await call(sb, "POST", "/cards", undefined, { auth: null, raw: "{oops" })).status).toBe(401);
    expect(sb.cards()).toHaveLength(0);
  });
});

describe("Sudo sandbox transport behaviour", () => {
  it("answers unknown routes the NestJS way", async () => {
    const res = await call(sb, "POST", "/x?y=1");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: "Cannot POST /x", error: "Not Found" });
  });

  it("answers a known path with an unsupported method as an unknown route", async () => {
    const res = await call(sb, "DELETE", "/cards");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: "Cannot DELETE /cards", error: "Not Found" });
  });

  it("rejects invalid JSON with 400 and does not echo the body", async () => {
    const res = await call(sb, "POST", "/cards", undefined, { raw: '{"number":"5061020000000000009",' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: "Bad Request" });
    expect(res.text).not.toContain("5061020000000000009");
  });

  it("rejects a JSON body that is not an object", async () => {
    const res = await call(sb, "POST", "/cards", [virtualCard()]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: "Request body must be a JSON object.", error: "Bad Request" });
  });

  it("answers 413 for a body over 1 MB", async () => {
    const res = await call(sb, "POST", "/cards", virtualCard({ metadata: { blob: "x".repeat(1_100_000) } }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, message: "request entity too large", error: "Payload Too Large" });
    expect(sb.cards()).toHaveLength(0);
  });

  it("ignores a body that is not sent as JSON, as Express's json parser does", async () => {
    const res = await call(sb, "POST", "/cards", undefined, { raw: JSON.stringify(virtualCard()), headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(400);
    expect(res.body.message.map((e: { property: string }) => e.property)).toEqual(expect.arrayContaining(["customerId", "type", "status"]));
  });

  it("ignores a trailing slash like Express's non-strict routing", async () => {
    expect((await call(sb, "GET", "/cards/")).status).toBe(200);
  });
});

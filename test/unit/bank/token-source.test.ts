import type { IncomingHttpHeaders } from "node:http";
import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/errors";
import { DeviceCodeTokenSource, type DeviceCodeOptions } from "../../../src/providers/bank/tokens/device-code";
import { OAuthClient } from "../../../src/providers/bank/tokens/oauth-client";
import { StaticTokenSource } from "../../../src/providers/bank/tokens/token-source";
import { listen, readBody } from "../../../src/sandbox/http";
import { DEFAULT_WIRE } from "../../../src/providers/bank/wire-variants";

const CLIENT_ID = "client-123";
const CLIENT_SECRET = "s3cr3t-client-value";
const CONN = "CONN0987654321";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

interface Seen {
  path: string;
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string> } | "html";
type Handler = (seen: Seen, count: number) => Reply;

/** A scripted auth server: each test says what the device-code and token endpoints answer. */
let server: Awaited<ReturnType<typeof listen>>;
let seen: Seen[] = [];
let handler: Handler;

beforeAll(async () => {
  server = await listen(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const entry = { path: req.url ?? "", form, headers: req.headers };
    seen.push(entry);
    const reply = handler(entry, seen.filter((s) => s.path === entry.path).length);
    if (reply === "html") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html><body>Login</body></html>");
    }
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  seen = [];
  handler = standardFlow();
});

/** Device code with `interval`, then one token per device code; refresh tokens answer with a new access token. */
function standardFlow(interval = 5, expiresIn = 3600): Handler {
  let issued = 0;
  return ({ path, form }) => {
    if (path === "/oauth2/device/code") {
      return { status: 200, body: { device_code: `dc-${form.login_hint}`, user_code: "ABCD", interval, expires_in: 900 } };
    }
    issued += 1;
    const prefix = form.grant_type === "refresh_token" ? "refreshed" : form.device_code;
    return { status: 200, body: { access_token: `${prefix}-at-${issued}`, refresh_token: `rt-${issued}`, expires_in: expiresIn, token_type: "Bearer" } };
  };
}

function source(options: DeviceCodeOptions = {}): DeviceCodeTokenSource {
  const client = new OAuthClient({ authBaseUrl: server.url, wire: { ...DEFAULT_WIRE }, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 5000 });
  return new DeviceCodeTokenSource(client, { sleep: async () => {}, ...options });
}

/** A clock that only moves when a test (or an injected sleep) moves it. */
function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), sleep: async (ms: number) => void (t += ms) };
}

const paths = () => seen.map((s) => s.path);

describe("DeviceCodeTokenSource", () => {
  it("runs the device-code flow with the customer, connection and client credentials", async () => {
    const token = await source().getToken("cus_bayo", CONN);
    expect(token).toBe("dc-cus_bayo-at-1");
    const [device, poll] = seen;
    expect(device.path).toBe("/oauth2/device/code");
    expect(device.form).toEqual({ client_id: CLIENT_ID, scope: "cards.create cards.list.readonly", target_connection_id: CONN, login_hint: "cus_bayo" });
    expect(poll.path).toBe("/oauth2/token");
    expect(poll.form).toEqual({ grant_type: DEVICE_GRANT, device_code: "dc-cus_bayo" });
    expect(poll.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`);
  });

  it("makes one token request for 20 concurrent calls for the same customer and connection", async () => {
    const tokens = source();
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken("cus_ada", CONN)));
    expect(new Set(results)).toEqual(new Set(["dc-cus_ada-at-1"]));
    expect(paths()).toEqual(["/oauth2/device/code", "/oauth2/token"]);
  });

  it("keeps tokens apart per customer and per connection", async () => {
    const tokens = source();
    const [ada, bayo, adaOther] = await Promise.all([
      tokens.getToken("cus_ada", CONN),
      tokens.getToken("cus_bayo", CONN),
      tokens.getToken("cus_ada", "CONN1234567890"),
    ]);
    expect(new Set([ada, bayo, adaOther]).size).toBe(3);
    expect(seen.filter((s) => s.path === "/oauth2/device/code")).toHaveLength(3);
  });

  it("serves the cached token until the refresh skew, then refreshes with the refresh token", async () => {
    const clock = manualClock();
    const tokens = source(clock);
    const first = await tokens.getToken("cus_ada", CONN);
    clock.advance((3600 - 61) * 1000);
    expect(await tokens.getToken("cus_ada", CONN)).toBe(first);
    expect(seen).toHaveLength(2);
    clock.advance(2000);
    expect(await tokens.getToken("cus_ada", CONN)).toBe("refreshed-at-2");
    expect(seen[2].form).toEqual({ grant_type: "refresh_token", refresh_token: "rt-1" });
  });

  it("renews with the refresh token after invalidate, without asking for consent again", async () => {
    const tokens = source();
    await tokens.getToken("cus_ada", CONN);
    tokens.invalidate("cus_ada", CONN);
    expect(await tokens.getToken("cus_ada", CONN)).toBe("refreshed-at-2");
    expect(paths()).toEqual(["/oauth2/device/code", "/oauth2/token", "/oauth2/token"]);
  });

  it("asks for consent again when the refresh token is refused", async () => {
    const flow = standardFlow();
    handler = (s, n) => (s.form.grant_type === "refresh_token" ? { status: 400, body: { error: "invalid_grant" } } : flow(s, n));
    const tokens = source();
    await tokens.getToken("cus_ada", CONN);
    tokens.invalidate("cus_ada", CONN);
    expect(await tokens.getToken("cus_ada", CONN)).toBe("dc-cus_ada-at-2");
    expect(paths()).toEqual(["/oauth2/device/code", "/oauth2/token", "/oauth2/token", "/oauth2/device/code", "/oauth2/token"]);
  });

  it("polls at the given interval and slows down when told to", async () => {
    const flow = standardFlow(7);
    const answers = [{ error: "authorization_pending" }, { error: "slow_down" }];
    handler = (s, n) => (s.path === "/oauth2/token" && n <= answers.length ? { status: 400, body: answers[n - 1] } : flow(s, n));
    const waits: number[] = [];
    const token = await source({ sleep: async (ms) => void waits.push(ms) }).getToken("cus_ada", CONN);
    expect(token).toBe("dc-cus_ada-at-1");
    expect(waits).toEqual([7000, 12000]);
  });

  it("gives up waiting for approval after the bounded wait", async () => {
    handler = (s) => (s.path === "/oauth2/device/code" ? standardFlow(5)(s, 1) : { status: 400, body: { error: "authorization_pending" } });
    const clock = manualClock();
    const error = await source({ ...clock, maxConsentWaitMs: 12_000 }).getToken("cus_ada", CONN).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error.extensions.providerCode).toBe("authorization_pending");
    expect(seen.filter((s) => s.path === "/oauth2/token")).toHaveLength(3);
  });

  it.each([
    ["access_denied at the poll", { status: 400, body: { error: "access_denied" } }, "access_denied"],
    ["expired_token at the poll", { status: 400, body: { error: "expired_token" } }, "expired_token"],
    ["invalid_client", { status: 401, body: { error: "invalid_client" } }, "invalid_client"],
    ["a gateway 401 without an OAuth code", { status: 401, body: { message: "Unauthorized" } }, "invalid_client"],
  ])("maps %s to ProviderRejectedError", async (_label, reply, code) => {
    handler = (s, n) => (s.path === "/oauth2/token" ? reply : standardFlow()(s, n));
    const error = await source().getToken("cus_ada", CONN).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error.extensions.providerCode).toBe(code);
    expect(JSON.stringify({ message: error.message, ...error.extensions })).not.toContain(CLIENT_SECRET);
  });

  it("maps a refused device-code request (unknown customer) to access_denied", async () => {
    handler = () => ({ status: 400, body: { error: "access_denied", error_description: "unknown customer" } });
    const error = await source().getToken("cus_nobody", CONN).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error.extensions.providerCode).toBe("access_denied");
  });

  it.each([
    ["HTTP 500", { status: 500, body: { error: "server_error" } }, "UPSTREAM_ERROR"],
    ["HTTP 429", { status: 429, body: {}, headers: { "retry-after": "7" } }, "RATE_LIMITED"],
    ["HTTP 503 with Retry-After", { status: 503, body: {}, headers: { "retry-after": "7" } }, "UPSTREAM_ERROR"],
    ["an HTML page", "html" as const, "BAD_RESPONSE"],
    ["a token answer without access_token", { status: 200, body: { token_type: "Bearer" } }, "BAD_RESPONSE"],
  ])("maps %s to ProviderUnavailableError", async (_label, reply, reason) => {
    handler = (s, n) => (s.path === "/oauth2/token" ? reply : standardFlow()(s, n));
    const error = await source().getToken("cus_ada", CONN).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.extensions.reason).toBe(reason);
    expect(error.extensions.retryAfterSeconds).toBe(reply !== "html" && "headers" in reply ? 7 : undefined);
  });

  it("maps an unreachable auth server to NETWORK", async () => {
    const closed = await listen(() => {});
    await closed.close();
    const client = new OAuthClient({ authBaseUrl: closed.url, wire: { ...DEFAULT_WIRE }, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 5000 });
    const error = await new DeviceCodeTokenSource(client).getToken("cus_ada", CONN).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.extensions.reason).toBe("NETWORK");
  });

  it("starts over on the next call after a failed flow", async () => {
    handler = () => ({ status: 503, body: {} });
    const tokens = source();
    await expect(tokens.getToken("cus_ada", CONN)).rejects.toBeInstanceOf(ProviderUnavailableError);
    handler = standardFlow();
    await expect(tokens.getToken("cus_ada", CONN)).resolves.toBe("dc-cus_ada-at-1");
  });
});

describe("StaticTokenSource", () => {
  const tokens = new StaticTokenSource({ cus_ada: "consent-ada" });

  it("returns the configured consent token of the customer", async () => {
    await expect(tokens.getToken("cus_ada")).resolves.toBe("consent-ada");
  });

  it("refuses a customer without a consent token as access_denied", async () => {
    for (const customer of ["cus_bayo", "constructor"]) {
      const error = await tokens.getToken(customer).catch((e) => e);
      expect(error).toBeInstanceOf(ProviderRejectedError);
      expect(error.extensions.providerCode).toBe("access_denied");
    }
  });
});

import type { IncomingHttpHeaders } from "node:http";
import { AppError, ProviderUnavailableError } from "../../../src/errors";
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
      return { status: 200, body: { device_code: `dc-${form.target_connection_id}`, user_code: "ABCD", interval, expires_in: 900 } };
    }
    issued += 1;
    const prefix = form.grant_type === "refresh_token" ? "refreshed" : form.device_code;
    return { status: 200, body: { access_token: `${prefix}-at-${issued}`, refresh_token: `rt-${issued}`, expires_in: expiresIn, token_type: "Bearer" } };
  };
}

function client(wire: Partial<typeof DEFAULT_WIRE> = {}): OAuthClient {
  return new OAuthClient({ authBaseUrl: server.url, wire: { ...DEFAULT_WIRE, ...wire }, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 5000 });
}

describe("OAuthClient", () => {
  it("asks for consent with exactly the documented fields and nothing naming the customer", async () => {
    const answer = await client().deviceCode(CONN);
    expect(answer).toMatchObject({ ok: true, body: { device_code: `dc-${CONN}` } });
    expect(seen[0]).toMatchObject({ path: "/oauth2/device/code", form: { client_id: CLIENT_ID, scope: DEFAULT_WIRE.scopes, target_connection_id: CONN } });
    expect(Object.keys(seen[0].form).sort()).toEqual(["client_id", "scope", "target_connection_id"]);
    expect(seen[0].headers["connection-id"]).toBeUndefined();
  });

  it("authenticates to the token endpoint by HTTP Basic, or in the form body, as configured; adds the connection header when configured", async () => {
    await client().token({ grant_type: DEVICE_GRANT, device_code: "dc" }, CONN);
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`);
    expect(seen[0].form.client_secret).toBeUndefined();
    await client({ clientAuth: "form", oauthConnectionHeader: true, headerStyle: "underscore", tokenPath: "/oauth/token" }).token({ grant_type: DEVICE_GRANT, device_code: "dc" }, CONN);
    expect(seen[1].path).toBe("/oauth/token");
    expect(seen[1].headers.authorization).toBeUndefined();
    expect(seen[1].form).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(seen[1].headers.connection_id).toBe(CONN);
  });

  it("returns OAuth errors as values (authorization_pending, slow_down, access_denied) and a Kong 401 as invalid_client", async () => {
    for (const error of ["authorization_pending", "slow_down", "access_denied", "expired_token"]) {
      handler = () => ({ status: 400, body: { error } });
      expect(await client().token({ grant_type: DEVICE_GRANT, device_code: "dc" }, CONN)).toMatchObject({ ok: false, error, httpStatus: 400 });
    }
    handler = () => ({ status: 401, body: { message: "Please provide a valid access token" } });
    expect(await client().token({ grant_type: "refresh_token", refresh_token: "rt" }, CONN)).toMatchObject({ ok: false, error: "invalid_client" });
  });

  it.each([
    ["HTTP 500", { status: 500, body: { error: "server_error" } }, "UPSTREAM_ERROR"],
    ["HTTP 429", { status: 429, body: {}, headers: { "retry-after": "7" } }, "RATE_LIMITED"],
    ["HTTP 503 with Retry-After", { status: 503, body: {}, headers: { "retry-after": "7" } }, "UPSTREAM_ERROR"],
    ["an HTML page", "html" as const, "BAD_RESPONSE"],
  ])("throws %s as ProviderUnavailableError", async (_label, reply, reason) => {
    handler = () => reply;
    const error = await client().token({ grant_type: "refresh_token", refresh_token: "rt" }, CONN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).extensions.reason).toBe(reason);
  });

  it("maps an unreachable auth server to NETWORK", async () => {
    const closed = await listen(() => {});
    await closed.close();
    const unreachable = new OAuthClient({ authBaseUrl: closed.url, wire: { ...DEFAULT_WIRE }, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 5000 });
    const error = await unreachable.deviceCode(CONN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).extensions.reason).toBe("NETWORK");
  });
});

describe("StaticTokenSource", () => {
  const tokens = new StaticTokenSource({ cus_ada: "consent-ada" });

  it("returns the configured consent token of the customer", async () => {
    await expect(tokens.getToken("cus_ada", CONN)).resolves.toBe("consent-ada");
  });

  it("refuses a customer without a consent token as BANK_CONSENT_REQUIRED", async () => {
    for (const customer of ["cus_bayo", "constructor"]) {
      const error = await tokens.getToken(customer, CONN).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions).toMatchObject({ code: "BANK_CONSENT_REQUIRED", customerId: customer, connectionId: CONN });
    }
  });
});

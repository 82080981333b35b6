import { BANK_CONTRACT } from "../contract";
import { fromTransportError, parseJsonObject, rejected, retryAfterSeconds, unavailable } from "../errors";
import type { WireDeviceCodeResponse, WireTokenResponse } from "../wire";
import { headerNames, type BankWireVariant } from "../wire-variants";

export interface OAuthClientConfig {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  wire: BankWireVariant;
}

/** An RFC 6749 error answer; the caller decides whether it is terminal (most) or means "poll again". */
export type OAuthResult<T> = { ok: true; body: T } | { ok: false; error: string; description?: string; httpStatus: number };

/**
 * Talks form-encoded OAuth to the bank's auth server. Transport trouble (timeouts, sockets, 5xx, 429, bodies that
 * are not JSON) is thrown as ProviderUnavailableError; OAuth errors come back as values.
 */
export class OAuthClient {
  constructor(private readonly config: OAuthClientConfig) {}

  /** The scopes every consent asks for (BANK_CONSENT_SCOPES). */
  get scopes(): string {
    return this.config.wire.scopes;
  }

  /**
   * Starts consent at one bank (FACTS A.4): exactly the documented fields. Which customer consents is decided at the
   * bank, where the customer types the user code; nothing here names them.
   */
  deviceCode(connectionId: string): Promise<OAuthResult<WireDeviceCodeResponse>> {
    const form = { client_id: this.config.clientId, scope: this.config.wire.scopes, target_connection_id: connectionId };
    return this.post(BANK_CONTRACT.deviceCodePath, form, this.connectionHeader(connectionId));
  }

  /** Any grant at the token endpoint, the client authenticated as the wire variant says (FACTS A.4 [U]). */
  token(form: Record<string, string>, connectionId: string): Promise<OAuthResult<WireTokenResponse>> {
    const headers = this.connectionHeader(connectionId);
    if (this.config.wire.clientAuth === "basic") {
      return this.post(this.config.wire.tokenPath, form, { ...headers, authorization: this.basicAuth() });
    }
    return this.post(this.config.wire.tokenPath, { ...form, client_id: this.config.clientId, client_secret: this.config.clientSecret }, headers);
  }

  /** RFC 7009 at the guessed revocation endpoint; the answer does not matter (the token is forgotten here anyway). */
  async revoke(token: string, hint: "refresh_token" | "access_token", connectionId: string): Promise<boolean> {
    const form = { token, token_type_hint: hint };
    const headers = this.connectionHeader(connectionId);
    const auth: Record<string, string> = this.config.wire.clientAuth === "basic" ? { authorization: this.basicAuth() } : {};
    const body = this.config.wire.clientAuth === "basic" ? form : { ...form, client_id: this.config.clientId, client_secret: this.config.clientSecret };
    const result = await this.post(BANK_CONTRACT.revokePath, body, { ...headers, ...auth });
    return result.ok;
  }

  private connectionHeader(connectionId: string): Record<string, string> {
    return this.config.wire.oauthConnectionHeader ? { [headerNames(this.config.wire.headerStyle).connectionId]: connectionId } : {};
  }

  /** RFC 6749 §2.3.1: both halves are form-urlencoded before being joined. */
  private basicAuth(): string {
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
    const pair = `${enc(this.config.clientId)}:${enc(this.config.clientSecret)}`;
    return `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
  }

  private async post<T>(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<OAuthResult<T>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.config.authBaseUrl}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
        redirect: "manual",
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw fromTransportError(error, "the bank's auth server");
    }
    return interpret<T>(response, parseJsonObject(text));
  }
}

function interpret<T>(response: Response, body: Record<string, unknown> | undefined): OAuthResult<T> {
  const status = response.status;
  if (status === 429) {
    throw unavailable("RATE_LIMITED", "the bank's auth server is rate limiting", retryAfterSeconds(response.headers.get("retry-after")));
  }
  if (status === 408 || status >= 500) {
    throw unavailable("UPSTREAM_ERROR", `the bank's auth server answered HTTP ${status}`, retryAfterSeconds(response.headers.get("retry-after")));
  }
  if (!body) throw unavailable("BAD_RESPONSE", `the bank's auth server answered HTTP ${status} without a JSON object`);
  if (status >= 200 && status < 300) return { ok: true, body: body as T };
  if (typeof body.error === "string" && body.error) {
    const description = typeof body.error_description === "string" ? body.error_description : undefined;
    return { ok: false, error: body.error, description, httpStatus: status };
  }
  // A gateway in front of the auth server (Kong) answers `{message}` without an OAuth error code.
  if (status === 401) return { ok: false, error: "invalid_client", description: stringOr(body.message), httpStatus: status };
  if (status >= 400 && status < 500) throw rejected(String(status), body.message ?? "the auth server refused the request", status);
  throw unavailable("BAD_RESPONSE", `the bank's auth server answered HTTP ${status}`);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

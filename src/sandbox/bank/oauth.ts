import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { BANK_CONTRACT } from "../../providers/bank/contract";
import { headerNames, HEADER_STYLES } from "../../providers/bank/wire-variants";
import type { Exchange } from "./exchange";
import { signJwt, verifyJwt, type AccessClaims } from "./jwt";
import { SEED_CUSTOMERS } from "./seed";
import type { Binding, SandboxState } from "./state";

export const CONSENT_PAGE_PATH = "/device";
/** RFC 8628 suggests consonants only, so user codes cannot spell words. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

type OAuthError = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | DeviceError;

function oauthError(ex: Exchange, error: OAuthError, description: string): Promise<void> {
  const status = error === "invalid_client" ? 401 : 400;
  const headers: Record<string, string> = error === "invalid_client" ? { "www-authenticate": 'Basic realm="bank-sandbox"' } : {};
  return ex.send(status, { error, error_description: description }, headers);
}

/**
 * The connection header on OAuth calls is an undocumented choice (FACTS E.1): when configured it is required and must
 * name a connection of this client; when not, sending it is refused. Returns the problem, if any.
 */
function connectionHeaderProblem(ex: Exchange, state: SandboxState): string | undefined {
  const { wire, connectionIds } = state.config;
  const name = headerNames(wire.headerStyle).connectionId;
  const sent = [...HEADER_STYLES.map((style) => headerNames(style).connectionId)].filter((h) => ex.header(h) !== undefined);
  if (!wire.oauthConnectionHeader) return sent.length ? `${sent[0]} is not accepted on OAuth calls` : undefined;
  if (sent.some((h) => h !== name)) return `use the ${name} header`;
  const value = ex.header(name);
  if (value === undefined) return `${name} header is required`;
  return connectionIds.includes(value) ? undefined : `${name} is unknown`;
}

/** `POST {tokenPath}` (FACTS A.4, A.13 auth routes). */
export function handleToken(ex: Exchange, state: SandboxState): Promise<void> {
  const form = new URLSearchParams(ex.body);
  if (!clientAuthenticated(ex, form, state)) return oauthError(ex, "invalid_client", "client authentication failed");
  const connectionProblem = connectionHeaderProblem(ex, state);
  if (connectionProblem) return oauthError(ex, "invalid_request", connectionProblem);
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(ex, "invalid_request", "grant_type is required");
  if (grantType === "client_credentials") return sendToken(ex, state, form.get("scope") ?? "");
  if (grantType === BANK_CONTRACT.deviceCodeGrant) return deviceCodeGrant(ex, state, form.get("device_code"));
  if (grantType === "refresh_token") return refreshGrant(ex, state, form.get("refresh_token"));
  return oauthError(ex, "unsupported_grant_type", `grant_type ${grantType} is not supported`);
}

/**
 * RFC 8628 §3.5 as strictly as a real server: a poll sooner than the grant's interval is slow_down (and the interval
 * grows by the step), pending until the customer acts on the consent page, then the answer once: tokens or
 * access_denied. A code past its lifetime is expired_token. Nothing is ever approved without the page.
 */
function deviceCodeGrant(ex: Exchange, state: SandboxState, deviceCode: string | null): Promise<void> {
  if (!deviceCode) return oauthError(ex, "invalid_request", "device_code is required");
  const grant = state.deviceGrants.get(deviceCode);
  if (!grant) return oauthError(ex, "invalid_grant", "device_code is unknown or already used");
  const now = Date.now();
  const answer = (error: DeviceError, description: string) => {
    state.devicePolls.push({ userCode: grant.userCode, answer: error, at: now });
    return oauthError(ex, error, description);
  };
  if (grant.expiresAtMs <= now) {
    forget(state, deviceCode);
    return answer("expired_token", "the device code has expired");
  }
  const tooSoon = grant.lastPollAtMs !== undefined && now - grant.lastPollAtMs < grant.intervalMs;
  grant.lastPollAtMs = now;
  if (tooSoon || grant.slowDownNext) {
    grant.slowDownNext = false;
    grant.intervalMs += state.config.slowDownStepSeconds * 1000;
    return answer("slow_down", "polling too fast");
  }
  if (!grant.decision) return answer("authorization_pending", "the customer has not answered yet");
  forget(state, deviceCode);
  if (!grant.decision.approved) return answer("access_denied", "the customer declined the consent request");
  const customer = SEED_CUSTOMERS.find((c) => c.id === (grant.decision as { customerId: string }).customerId)!;
  const grantId = randomUUID();
  const binding = { customerId: customer.id, accountNumber: customer.accountNumber, connectionId: grant.connectionId };
  state.grants.set(grantId, { ...binding, scope: grant.scope, revoked: false });
  const refreshToken = randomBytes(24).toString("base64url");
  state.refreshTokens.set(refreshToken, grantId);
  state.devicePolls.push({ userCode: grant.userCode, answer: "approved", at: now });
  return sendToken(ex, state, grant.scope, binding, refreshToken, grantId);
}

type DeviceError = "authorization_pending" | "slow_down" | "access_denied" | "expired_token";

function forget(state: SandboxState, deviceCode: string): void {
  const grant = state.deviceGrants.get(deviceCode);
  if (grant) state.userCodes.delete(grant.userCode);
  state.deviceGrants.delete(deviceCode);
}

/** Refresh tokens do not rotate: the same one keeps working until the consent is revoked. */
function refreshGrant(ex: Exchange, state: SandboxState, refreshToken: string | null): Promise<void> {
  if (!refreshToken) return oauthError(ex, "invalid_request", "refresh_token is required");
  const grantId = state.refreshTokens.get(refreshToken);
  const grant = grantId ? state.grants.get(grantId) : undefined;
  if (!grantId || !grant || grant.revoked) return oauthError(ex, "invalid_grant", "refresh_token is unknown or revoked");
  const { scope, revoked: _revoked, ...binding } = grant;
  return sendToken(ex, state, scope, binding, refreshToken, grantId);
}

/**
 * `POST /oauth2/revoke` (RFC 7009, FACTS A.4 [I]): a refresh token or an access token of a consent revokes the whole
 * consent. Always 200 for an authenticated client, known token or not, as the RFC asks.
 */
export function handleRevoke(ex: Exchange, state: SandboxState): Promise<void> {
  const form = new URLSearchParams(ex.body);
  if (!clientAuthenticated(ex, form, state)) return oauthError(ex, "invalid_client", "client authentication failed");
  const connectionProblem = connectionHeaderProblem(ex, state);
  if (connectionProblem) return oauthError(ex, "invalid_request", connectionProblem);
  const token = form.get("token");
  if (!token) return oauthError(ex, "invalid_request", "token is required");
  const access = verifyJwt(token, state.tokenKey);
  const grantId = state.refreshTokens.get(token) ?? (access.ok ? access.claims.gid : undefined);
  const grant = grantId ? state.grants.get(grantId) : undefined;
  if (grant) grant.revoked = true;
  return ex.send(200, {});
}

function sendToken(ex: Exchange, state: SandboxState, scope: string, binding?: Binding, refreshToken?: string, grantId?: string): Promise<void> {
  const { clientId, tokenTtlSeconds } = state.config;
  const iat = Math.floor(Date.now() / 1000);
  const claims: AccessClaims = { sub: clientId, client_id: clientId, scope, iat, exp: iat + tokenTtlSeconds, jti: randomUUID() };
  if (binding) {
    Object.assign(claims, { customer_id: binding.customerId, account_number: binding.accountNumber, connection_id: binding.connectionId, gid: grantId });
  }
  state.tokensIssued += 1;
  const accessToken = signJwt(claims, state.tokenKey);
  state.issuedTokens.push(accessToken, ...(refreshToken ? [refreshToken] : []));
  const body = {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: tokenTtlSeconds,
    scope,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
  return ex.send(200, body, { "cache-control": "no-store" });
}

/**
 * Exactly the configured method (RFC 6749 §2.3.1: a client uses one method per request): HTTP Basic, or
 * client_id/client_secret in the form body. The other method, or both at once, is invalid_client.
 */
function clientAuthenticated(ex: Exchange, form: URLSearchParams, state: SandboxState): boolean {
  const authorization = ex.header("authorization");
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  let id: string | null;
  let secret: string | null;
  if (state.config.wire.clientAuth === "basic") {
    if (!basic || form.has("client_secret")) return false;
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return false;
    [id, secret] = [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
  } else {
    if (authorization !== undefined) return false;
    [id, secret] = [form.get("client_id"), form.get("client_secret")];
  }
  return id === state.config.clientId && secret !== null && sameSecret(secret, state.config.clientSecret);
}

/** RFC 6749 has clients form-encode id and secret before Basic-encoding them. */
function formDecode(part: string): string {
  return new URLSearchParams(`v=${part}`).get("v") ?? part;
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `POST /oauth2/device/code` (FACTS A.4). Nothing here says who the customer is: they type the user code on the
 * consent page (`verification_uri`), sign in there and approve or deny.
 */
export function handleDeviceCode(ex: Exchange, state: SandboxState): Promise<void> {
  const form = new URLSearchParams(ex.body);
  const clientId = form.get("client_id");
  if (!clientId) return oauthError(ex, "invalid_request", "client_id is required");
  if (clientId !== state.config.clientId) return oauthError(ex, "invalid_client", "client_id is unknown");
  const connectionProblem = connectionHeaderProblem(ex, state);
  if (connectionProblem) return oauthError(ex, "invalid_request", connectionProblem);
  const scope = form.get("scope");
  if (!scope) return oauthError(ex, "invalid_request", "scope is required");
  const connectionId = form.get("target_connection_id") ?? state.config.connectionIds[0];
  if (!state.config.connectionIds.includes(connectionId)) return oauthError(ex, "invalid_request", "target_connection_id is unknown");

  const { pollIntervalSeconds, deviceCodeTtlSeconds } = state.config;
  const deviceCode = randomBytes(24).toString("base64url");
  const code = userCode();
  state.deviceGrants.set(deviceCode, {
    userCode: code,
    connectionId,
    scope,
    expiresAtMs: Date.now() + deviceCodeTtlSeconds * 1000,
    intervalMs: pollIntervalSeconds * 1000,
  });
  state.userCodes.set(code, deviceCode);
  return ex.send(200, {
    device_code: deviceCode,
    user_code: code,
    verification_uri: `${state.url}${CONSENT_PAGE_PATH}`,
    verification_uri_complete: `${state.url}${CONSENT_PAGE_PATH}?user_code=${encodeURIComponent(code)}`,
    interval: pollIntervalSeconds,
    expires_in: deviceCodeTtlSeconds,
    obn_custom_metadata: {
      consent_validation_method: "OAUTH2",
      consent_message: `Enter the code ${code} at the bank to let this service issue cards on your account (${scope}).`,
      consent_status: "PENDING_VALIDATION",
    },
  });
}

function userCode(): string {
  const pick = () => Array.from({ length: 4 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join("");
  return `${pick()}-${pick()}`;
}

import { BANK_CONTRACT } from "../contract";
import { rejected, unavailable } from "../errors";
import type { WireTokenResponse } from "../wire";
import type { OAuthClient, OAuthResult } from "./oauth-client";
import type { BankTokenSource } from "./token-source";

export interface DeviceCodeOptions {
  /** Longest one getToken waits for the customer's approval; a GraphQL request cannot hang for 15 minutes. */
  maxConsentWaitMs?: number;
  /** Injected so tests control time instead of waiting for it. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface CachedToken {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms after which the token is renewed before use. */
  refreshAt: number;
}

/** RFC 8628 §3.5: polling interval default, and the step `slow_down` adds. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_STEP_S = 5;
const DEFAULT_DEVICE_CODE_TTL_S = 900;
/** Used when a token response omits expires_in: short, so a long-lived guess never outlives the real token. */
const DEFAULT_TOKEN_TTL_S = 300;

const KNOWN_REFUSALS: Record<string, string> = {
  access_denied: "the customer did not give consent",
  expired_token: "the consent request expired before the customer approved it",
  invalid_client: "the bank did not accept this service's client credentials",
  invalid_grant: "the bank did not accept the consent grant",
};

/**
 * Customer consent through the device-code flow, then refresh tokens. Tokens are cached per (customer, connection)
 * and concurrent calls for one key share one flow, so a burst of requests costs the auth server one round.
 */
export class DeviceCodeTokenSource implements BankTokenSource {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly maxConsentWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: OAuthClient,
    options: DeviceCodeOptions = {},
  ) {
    this.maxConsentWaitMs = options.maxConsentWaitMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  getToken(customerId: string, connectionId: string): Promise<string> {
    const key = keyOf(customerId, connectionId);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.accessToken);
    const running = this.inflight.get(key);
    if (running) return running;
    const flow = this.obtain(key, customerId, connectionId, cached).finally(() => this.inflight.delete(key));
    this.inflight.set(key, flow);
    return flow;
  }

  invalidate(customerId: string, connectionId: string): void {
    const key = keyOf(customerId, connectionId);
    const cached = this.cache.get(key);
    // Keep the refresh token: renewing with it spares the customer a second consent.
    if (cached?.refreshToken) this.cache.set(key, { ...cached, refreshAt: 0 });
    else this.cache.delete(key);
  }

  private async obtain(key: string, customerId: string, connectionId: string, cached?: CachedToken): Promise<string> {
    if (cached?.refreshToken) {
      const refreshed = await this.client.token({ grant_type: "refresh_token", refresh_token: cached.refreshToken }, connectionId);
      if (refreshed.ok) return this.store(key, refreshed.body, cached.refreshToken);
      // A refused refresh token (revoked, expired) only means consent must be asked for again.
      this.cache.delete(key);
    }
    return this.consent(key, customerId, connectionId);
  }

  private async consent(key: string, customerId: string, connectionId: string): Promise<string> {
    const started = this.now();
    const authorization = await this.client.deviceCode(customerId, connectionId);
    if (!authorization.ok) throw refusal(authorization);
    const { device_code: deviceCode, interval, expires_in: expiresIn } = authorization.body;
    if (typeof deviceCode !== "string" || !deviceCode) throw unavailable("BAD_RESPONSE", "the device-code answer has no device_code");
    const deadline = started + Math.min(positive(expiresIn, DEFAULT_DEVICE_CODE_TTL_S) * 1000, this.maxConsentWaitMs);
    let intervalMs = positive(interval, DEFAULT_INTERVAL_S) * 1000;
    for (;;) {
      const polled = await this.client.token({ grant_type: BANK_CONTRACT.deviceCodeGrant, device_code: deviceCode }, connectionId);
      if (polled.ok) return this.store(key, polled.body);
      if (polled.error === "slow_down") intervalMs += SLOW_DOWN_STEP_S * 1000;
      else if (polled.error !== "authorization_pending") throw refusal(polled);
      if (this.now() + intervalMs > deadline) {
        throw rejected("authorization_pending", "the customer did not approve the consent request in time");
      }
      await this.sleep(intervalMs);
    }
  }

  private store(key: string, body: WireTokenResponse, previousRefreshToken?: string): string {
    const accessToken = body.access_token;
    if (typeof accessToken !== "string" || !accessToken) throw unavailable("BAD_RESPONSE", "the token answer has no access_token");
    const lifetimeMs = positive(body.expires_in, DEFAULT_TOKEN_TTL_S) * 1000;
    // Never renew more than halfway through a lifetime, or a short-lived token would be renewed on every call.
    const skewMs = Math.min(BANK_CONTRACT.tokenRefreshSkewSeconds * 1000, lifetimeMs / 2);
    const refreshToken = typeof body.refresh_token === "string" && body.refresh_token ? body.refresh_token : previousRefreshToken;
    this.cache.set(key, { accessToken, refreshToken, refreshAt: this.now() + lifetimeMs - skewMs });
    return accessToken;
  }
}

function keyOf(customerId: string, connectionId: string): string {
  return JSON.stringify([customerId, connectionId]);
}

function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}

function refusal(result: Extract<OAuthResult<unknown>, { ok: false }>) {
  return rejected(result.error, KNOWN_REFUSALS[result.error] ?? result.description ?? result.error, result.httpStatus);
}

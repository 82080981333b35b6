import type { Logger } from "../logger";
import { BANK_CONTRACT } from "../providers/bank/contract";
import { ConsentRequiredError, rejected, unavailable } from "../providers/bank/errors";
import type { OAuthClient } from "../providers/bank/tokens/oauth-client";
import type { BankTokenSource } from "../providers/bank/tokens/token-source";
import type { WireTokenResponse } from "../providers/bank/wire";
import type { ConsentCipher } from "./consent.cipher";
import { sealContext } from "./consent.service";
import type { ConsentRow, ConsentStore, SealedTokens } from "./consent.store";

/** Used when a token answer omits expires_in: short, so a guess never outlives the real token. */
const DEFAULT_TOKEN_TTL_S = 300;

/** Seals a token answer for one consent row; undefined when it carries no access token. */
export function sealTokens(cipher: ConsentCipher, consentId: string, body: WireTokenResponse, previousRefresh: string | null): SealedTokens | undefined {
  if (typeof body.access_token !== "string" || !body.access_token) return undefined;
  const lifetimeS = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_TTL_S;
  const refresh = typeof body.refresh_token === "string" && body.refresh_token ? cipher.encrypt(body.refresh_token, sealContext(consentId, "refresh_token")) : previousRefresh;
  return { accessToken: cipher.encrypt(body.access_token, sealContext(consentId, "access_token")), refreshToken: refresh, expiresInMs: lifetimeS * 1000 };
}

/**
 * The bank issuer's tokens, from approved consents in the store: decrypted only for the call, renewed with the
 * refresh token shortly before they expire, and given up (consent REVOKED) when the bank no longer honours them, so
 * a card request answers BANK_CONSENT_REQUIRED instead of looping on 401s.
 */
export class ConsentTokenSource implements BankTokenSource {
  constructor(
    private readonly store: ConsentStore,
    private readonly cipher: ConsentCipher,
    private readonly oauth: OAuthClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(customerId: string, connectionId: string): Promise<string> {
    const row = await this.store.findApproved(customerId, connectionId);
    if (!row) throw new ConsentRequiredError(customerId, connectionId);
    const token = this.freshAccessToken(row);
    return token ?? this.refresh(row);
  }

  async invalidate(customerId: string, connectionId: string): Promise<void> {
    const row = await this.store.findApproved(customerId, connectionId);
    if (row) await this.store.expireAccessToken(row.id, row.token_version);
  }

  async drop(customerId: string, connectionId: string): Promise<void> {
    const row = await this.store.findApproved(customerId, connectionId);
    if (!row) return;
    await this.store.revoke(row.id, "bank_refused_token");
    this.logger.warn({ consentId: row.id, customerId, connectionId }, "bank refused the consent's tokens; the customer must consent again");
  }

  /** The stored access token unless it is due for renewal (or no configured key opens it any more). */
  private freshAccessToken(row: ConsentRow): string | null {
    if (!row.sealed_access_token || !row.access_expires_at) return null;
    const expiresAt = new Date(row.access_expires_at).getTime();
    const lifetimeMs = Math.max(0, expiresAt - new Date(row.updated_at).getTime());
    // Never renew more than halfway through a lifetime, or a short-lived token would be renewed on every call.
    const skewMs = Math.min(BANK_CONTRACT.tokenRefreshSkewSeconds * 1000, lifetimeMs / 2);
    if (this.now() >= expiresAt - skewMs) return null;
    return this.cipher.decrypt(row.sealed_access_token, sealContext(row.id, "access_token"));
  }

  private async refresh(row: ConsentRow): Promise<string> {
    const refreshToken = row.sealed_refresh_token ? this.cipher.decrypt(row.sealed_refresh_token, sealContext(row.id, "refresh_token")) : null;
    if (!refreshToken) return this.giveUp(row, "no_refresh_token");
    const answer = await this.oauth.token({ grant_type: "refresh_token", refresh_token: refreshToken }, row.connection_id);
    if (answer.ok) {
      const sealed = sealTokens(this.cipher, row.id, answer.body, row.sealed_refresh_token);
      if (!sealed) throw unavailable("BAD_RESPONSE", "the token answer has no access_token");
      if (await this.store.replaceTokens(row.id, row.token_version, sealed)) {
        return answer.body.access_token!;
      }
      return this.fromNewerVersion(row);
    }
    if (answer.error === "invalid_grant") {
      // Another replica may have renewed first with a rotating refresh token: use its tokens if so.
      const newer = await this.store.findApproved(row.customer_id, row.connection_id);
      if (newer && newer.id === row.id && newer.token_version !== row.token_version) return this.fromNewerVersion(row);
      return this.giveUp(row, "refresh_refused");
    }
    throw rejected(answer.error, answer.description ?? answer.error, answer.httpStatus);
  }

  private async fromNewerVersion(row: ConsentRow): Promise<string> {
    const newer = await this.store.findApproved(row.customer_id, row.connection_id);
    const token = newer ? this.cipher.decrypt(newer.sealed_access_token ?? "", sealContext(newer.id, "access_token")) : null;
    if (!token) throw new ConsentRequiredError(row.customer_id, row.connection_id);
    return token;
  }

  private async giveUp(row: ConsentRow, reason: string): Promise<never> {
    await this.store.revoke(row.id, reason);
    this.logger.warn({ consentId: row.id, reason }, "bank consent can no longer be renewed; the customer must consent again");
    throw new ConsentRequiredError(row.customer_id, row.connection_id);
  }
}

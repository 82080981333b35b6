import { randomBytes } from "node:crypto";
import { BadUserInputError, type FieldProblem } from "../errors";
import type { Logger } from "../logger";
import { rejected, unavailable } from "../providers/bank/errors";
import type { OAuthClient } from "../providers/bank/tokens/oauth-client";
import type { ConsentCipher } from "./consent.cipher";
import { toConsent, type ConsentRow, type ConsentStore } from "./consent.store";
import type { BankConsent } from "./consent.type";

export interface BankConnections {
  connectionIds: readonly string[];
  defaultConnectionId: string;
}

/** RFC 8628 §3.2 defaults when the bank leaves them out. */
const DEFAULT_INTERVAL_S = 5;
const DEFAULT_EXPIRES_IN_S = 900;
const MAX_ID = 255;
const LIST_LIMIT = 50;

/** The sealed value's context: a ciphertext only opens in the row and column it was written for. */
export const sealContext = (consentId: string, column: "device_code" | "access_token" | "refresh_token") => `${consentId}:${column}`;

/**
 * Starting, reading and revoking consents. The bank decides who the customer is (they type the user code at the
 * bank); this service only asks, stores, and shows what the customer must see.
 */
export class ConsentService {
  constructor(
    private readonly store: ConsentStore,
    private readonly cipher: ConsentCipher,
    private readonly oauth: OAuthClient,
    private readonly connections: BankConnections,
    private readonly logger: Logger,
  ) {}

  /**
   * Idempotent per (customer, connection): while a request is pending, or a consent approved, that one is returned
   * instead of asking the customer again. Two concurrent starts end with one row (the unique live index).
   */
  async start(customerId: string, connectionId: string | null | undefined): Promise<BankConsent> {
    const connection = connectionId ?? this.connections.defaultConnectionId;
    const problems = this.check(customerId, connection);
    if (problems.length) throw new BadUserInputError(problems);
    await this.store.expireStale(customerId, connection);
    const live = await this.store.findLive(customerId, connection);
    if (live) return toConsent(live);

    const answer = await this.oauth.deviceCode(connection);
    if (!answer.ok) throw rejected(answer.error, answer.description ?? answer.error, answer.httpStatus);
    const body = answer.body;
    if (typeof body.device_code !== "string" || !body.device_code || typeof body.user_code !== "string" || !body.user_code) {
      throw unavailable("BAD_RESPONSE", "the device-code answer has no device_code or user_code");
    }
    const id = `bcn_${randomBytes(12).toString("hex")}`;
    const inserted = await this.store.insert({
      id,
      customerId,
      connectionId: connection,
      userCode: body.user_code,
      verificationUri: text(body.verification_uri),
      verificationUriComplete: text(body.verification_uri_complete),
      consentMessage: text(body.obn_custom_metadata?.consent_message),
      scope: this.oauth.scopes,
      deviceCode: this.cipher.encrypt(body.device_code, sealContext(id, "device_code")),
      expiresInMs: positive(body.expires_in, DEFAULT_EXPIRES_IN_S) * 1000,
      pollIntervalMs: Math.round(positive(body.interval, DEFAULT_INTERVAL_S) * 1000),
    });
    if (inserted) {
      this.logger.info({ consentId: id, customerId, connectionId: connection }, "bank consent started");
      return toConsent(inserted);
    }
    // A concurrent start won; ours is abandoned at the bank and expires there unanswered.
    const winner = await this.store.findLive(customerId, connection);
    if (!winner) throw unavailable("UPSTREAM_ERROR", "the consent could not be recorded; retry");
    return toConsent(winner);
  }

  async row(id: string): Promise<ConsentRow | undefined> {
    return this.store.get(id);
  }

  async get(id: string): Promise<BankConsent | null> {
    const row = await this.store.get(id);
    return row ? toConsent(row) : null;
  }

  async listForCustomer(customerId: string): Promise<BankConsent[]> {
    return (await this.store.listForCustomer(customerId, LIST_LIMIT)).map(toConsent);
  }

  /**
   * Ends the consent here at once (no card is issued with it afterwards), then tells the bank (RFC 7009) so it stops
   * honouring the tokens too. Revoking an ended consent changes nothing.
   */
  async revoke(id: string): Promise<BankConsent | null> {
    const before = await this.store.revoke(id, "revoked_by_client");
    if (before?.sealed_refresh_token || before?.sealed_access_token) {
      const hint = before.sealed_refresh_token ? "refresh_token" : "access_token";
      const sealed = before.sealed_refresh_token ?? before.sealed_access_token!;
      const token = this.cipher.decrypt(sealed, sealContext(id, hint));
      if (token) {
        await this.oauth.revoke(token, hint, before.connection_id).catch((err: unknown) => {
          this.logger.warn({ consentId: id, reason: (err as { extensions?: { reason?: string } }).extensions?.reason }, "bank revocation failed");
        });
      }
    }
    if (before) this.logger.info({ consentId: id }, "bank consent revoked");
    return this.get(id);
  }

  private check(customerId: string, connectionId: string): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!customerId.trim()) problems.push({ field: "customerId", rule: "isNotEmpty", message: "customerId must not be empty" });
    else if (customerId.length > MAX_ID) problems.push({ field: "customerId", rule: "maxLength", message: `customerId must be at most ${MAX_ID} characters` });
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f-\u009f]/.test(customerId)) problems.push({ field: "customerId", rule: "noControlCharacters", message: "customerId must not contain control characters" });
    if (!this.connections.connectionIds.includes(connectionId)) {
      problems.push({ field: "connectionId", rule: "knownConnection", message: "connectionId is not a configured bank connection" });
    }
    return problems;
  }
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, 2000) : null;
}

export function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}

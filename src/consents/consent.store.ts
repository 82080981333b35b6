import { sql, type Kysely, type RawBuilder, type Selectable } from "kysely";
import type { BankConsentsTable, Database } from "../store/db";
import { BankConsent, BankConsentStatus } from "./consent.type";

export type ConsentRow = Selectable<BankConsentsTable>;

export interface NewConsentRow {
  id: string;
  customerId: string;
  connectionId: string;
  userCode: string | null;
  verificationUri: string | null;
  verificationUriComplete: string | null;
  consentMessage: string | null;
  scope: string;
  /** Already encrypted. */
  deviceCode: string;
  expiresInMs: number;
  pollIntervalMs: number;
}

/** Already encrypted token columns. */
export interface SealedTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresInMs: number;
}

const LIVE = ["PENDING", "APPROVED"] as const;

/** Every time is the database's, so replicas with skewed clocks agree on leases, due polls and expiry. */
const fromNow = (ms: number): RawBuilder<Date> => sql<Date>`now() + (${String(Math.round(ms))} || ' milliseconds')::interval`;
const now = (): RawBuilder<Date> => sql<Date>`now()`;

/** What the API shows of a row; ciphertext columns never leave this module. */
export function toConsent(row: ConsentRow): BankConsent {
  return {
    id: row.id,
    customerId: row.customer_id,
    connectionId: row.connection_id,
    status: row.status as BankConsentStatus,
    userCode: row.user_code,
    verificationUri: row.verification_uri,
    verificationUriComplete: row.verification_uri_complete,
    consentMessage: row.consent_message,
    scope: row.scope,
    expiresAt: new Date(row.expires_at),
    pollIntervalSeconds: row.poll_interval_ms / 1000,
    createdAt: new Date(row.created_at),
    approvedAt: row.approved_at ? new Date(row.approved_at) : null,
  };
}

/** SQL for bank_consents (migration 0003). Writes made for a poll are conditional on the lease token. */
export class ConsentStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** A pending request past its expiry is EXPIRED before anyone looks for a live one. */
  async expireStale(customerId: string, connectionId: string): Promise<void> {
    await this.db
      .updateTable("bank_consents")
      .set({ status: "EXPIRED", ended_reason: "expired_token", sealed_device_code: null, updated_at: now() })
      .where("customer_id", "=", customerId)
      .where("connection_id", "=", connectionId)
      .where("status", "=", "PENDING")
      .where("expires_at", "<=", now())
      .execute();
  }

  async findLive(customerId: string, connectionId: string): Promise<ConsentRow | undefined> {
    return this.db
      .selectFrom("bank_consents")
      .selectAll()
      .where("customer_id", "=", customerId)
      .where("connection_id", "=", connectionId)
      .where("status", "in", LIVE)
      .executeTakeFirst();
  }

  /** Undefined when a concurrent start won the one live slot (unique index bank_consents_one_live). */
  async insert(c: NewConsentRow): Promise<ConsentRow | undefined> {
    return this.db
      .insertInto("bank_consents")
      .values({
        id: c.id,
        customer_id: c.customerId,
        connection_id: c.connectionId,
        status: "PENDING",
        user_code: c.userCode,
        verification_uri: c.verificationUri,
        verification_uri_complete: c.verificationUriComplete,
        consent_message: c.consentMessage,
        scope: c.scope,
        sealed_device_code: c.deviceCode,
        expires_at: fromNow(c.expiresInMs),
        poll_interval_ms: c.pollIntervalMs,
        next_poll_at: fromNow(c.pollIntervalMs),
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async get(id: string): Promise<ConsentRow | undefined> {
    return this.db.selectFrom("bank_consents").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async listForCustomer(customerId: string, limit: number): Promise<ConsentRow[]> {
    return this.db
      .selectFrom("bank_consents")
      .selectAll()
      .where("customer_id", "=", customerId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }

  /**
   * Takes the lease of up to `limit` pending consents due a poll whose lease is free. SKIP LOCKED lets replicas claim
   * different rows at the same moment instead of queueing on each other; the lease then keeps every other replica
   * off a consent until its poll is recorded (or the lease lapses because the replica died).
   */
  async claimDue(leaseToken: string, leaseMs: number, limit: number): Promise<ConsentRow[]> {
    const due = this.db
      .selectFrom("bank_consents")
      .select("id")
      .where("status", "=", "PENDING")
      .where("next_poll_at", "<=", now())
      .where("lease_until", "<=", now())
      .orderBy("next_poll_at")
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return this.db
      .updateTable("bank_consents")
      .set({ lease_token: leaseToken, lease_until: fromNow(leaseMs) })
      .where("id", "in", due)
      .returningAll()
      .execute();
  }

  /** Poll again after `intervalMs`, and free the lease. */
  async reschedule(id: string, leaseToken: string, intervalMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable("bank_consents")
      .set({ poll_interval_ms: intervalMs, next_poll_at: fromNow(intervalMs), lease_until: sql`'epoch'::timestamptz`, updated_at: now() })
      .where("id", "=", id)
      .where("lease_token", "=", leaseToken)
      .where("status", "=", "PENDING")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async approve(id: string, leaseToken: string, tokens: SealedTokens): Promise<boolean> {
    const result = await this.db
      .updateTable("bank_consents")
      .set({
        status: "APPROVED",
        sealed_device_code: null,
        sealed_access_token: tokens.accessToken,
        sealed_refresh_token: tokens.refreshToken,
        access_expires_at: fromNow(tokens.expiresInMs),
        token_version: sql`token_version + 1`,
        approved_at: now(),
        lease_until: sql`'epoch'::timestamptz`,
        updated_at: now(),
      })
      .where("id", "=", id)
      .where("lease_token", "=", leaseToken)
      .where("status", "=", "PENDING")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Ends a pending consent under our lease (DENIED, EXPIRED); its device code is forgotten. */
  async finishPending(id: string, leaseToken: string, status: "DENIED" | "EXPIRED", reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable("bank_consents")
      .set({ status, ended_reason: reason, sealed_device_code: null, lease_until: sql`'epoch'::timestamptz`, updated_at: now() })
      .where("id", "=", id)
      .where("lease_token", "=", leaseToken)
      .where("status", "=", "PENDING")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async findApproved(customerId: string, connectionId: string): Promise<ConsentRow | undefined> {
    return this.db
      .selectFrom("bank_consents")
      .selectAll()
      .where("customer_id", "=", customerId)
      .where("connection_id", "=", connectionId)
      .where("status", "=", "APPROVED")
      .executeTakeFirst();
  }

  /** Stores refreshed tokens unless another replica refreshed first (the version moved on); true when ours won. */
  async replaceTokens(id: string, version: number, tokens: SealedTokens): Promise<boolean> {
    const result = await this.db
      .updateTable("bank_consents")
      .set({
        sealed_access_token: tokens.accessToken,
        sealed_refresh_token: tokens.refreshToken,
        access_expires_at: fromNow(tokens.expiresInMs),
        token_version: version + 1,
        updated_at: now(),
      })
      .where("id", "=", id)
      .where("status", "=", "APPROVED")
      .where("token_version", "=", version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The bank refused the access token: renew it (with the refresh token) before the next use. */
  async expireAccessToken(id: string, version: number): Promise<void> {
    await this.db
      .updateTable("bank_consents")
      .set({ access_expires_at: sql`'epoch'::timestamptz`, updated_at: now() })
      .where("id", "=", id)
      .where("token_version", "=", version)
      .execute();
  }

  /**
   * Ends a live consent for good and forgets every credential it held. Returns the row as it was before (so the caller
   * can tell the bank), or undefined when it was not live; of two concurrent revokes exactly one gets the row.
   */
  async revoke(id: string, reason: string): Promise<ConsentRow | undefined> {
    const before = await this.db.selectFrom("bank_consents").selectAll().where("id", "=", id).where("status", "in", LIVE).executeTakeFirst();
    if (!before) return undefined;
    const result = await this.db
      .updateTable("bank_consents")
      .set({ status: "REVOKED", ended_reason: reason, sealed_device_code: null, sealed_access_token: null, sealed_refresh_token: null, access_expires_at: null, updated_at: now() })
      .where("id", "=", id)
      .where("status", "in", LIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? before : undefined;
  }
}

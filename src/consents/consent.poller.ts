import { randomBytes } from "node:crypto";
import type { Logger } from "../logger";
import { BANK_CONTRACT } from "../providers/bank/contract";
import type { OAuthClient } from "../providers/bank/tokens/oauth-client";
import type { ConsentCipher } from "./consent.cipher";
import type { ConsentConfig } from "./consent.config";
import { sealContext } from "./consent.service";
import type { ConsentRow, ConsentStore } from "./consent.store";
import { sealTokens } from "./consent.tokens";

/** How many due consents one tick takes on; the rest wait for the next tick (or another replica). */
const BATCH = 20;

/**
 * Polls the bank's token endpoint for pending consents in the background (RFC 8628 §3.4-3.5): each consent at its
 * own interval (the bank's, plus the slow-down step after every `slow_down`), until it is approved, denied or
 * expired. A consent is polled under a lease in the store, so with several replicas exactly one polls it at a time,
 * and a replica that starts later (or after a crash) picks up whatever is still pending.
 */
export class ConsentPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly store: ConsentStore,
    private readonly cipher: ConsentCipher,
    private readonly oauth: OAuthClient,
    private readonly config: Pick<ConsentConfig, "tickMs" | "leaseMs" | "slowDownStepMs">,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Waits for a poll in flight, so nothing writes to the store after it is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: claim what is due, poll each once, record the outcomes. Exposed so tests can step it. */
  async tick(): Promise<number> {
    const leaseToken = randomBytes(12).toString("hex");
    const rows = await this.store.claimDue(leaseToken, this.config.leaseMs, BATCH);
    await Promise.all(rows.map((row) => this.pollOne(row, leaseToken)));
    return rows.length;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err: errorSummary(err) }, "consent poll round failed"))
        .finally(() => this.schedule());
    }, this.config.tickMs);
    this.timer.unref();
  }

  private async pollOne(row: ConsentRow, lease: string): Promise<void> {
    const log = this.logger.child({ consentId: row.id });
    if (new Date(row.expires_at).getTime() <= Date.now()) {
      await this.store.finishPending(row.id, lease, "EXPIRED", "expired_token");
      return log.info("bank consent expired unanswered");
    }
    const deviceCode = row.sealed_device_code ? this.cipher.decrypt(row.sealed_device_code, sealContext(row.id, "device_code")) : null;
    if (!deviceCode) {
      // Written under a key that is no longer configured: nobody can finish this request.
      await this.store.finishPending(row.id, lease, "EXPIRED", "device_code_unreadable");
      return log.warn("bank consent's device code cannot be decrypted with the configured keys");
    }
    let answer;
    try {
      answer = await this.oauth.token({ grant_type: BANK_CONTRACT.deviceCodeGrant, device_code: deviceCode }, row.connection_id);
    } catch (err) {
      // The bank is unreachable or answered garbage: ask again at the same pace.
      log.warn({ err: errorSummary(err) }, "bank consent poll failed");
      await this.store.reschedule(row.id, lease, row.poll_interval_ms);
      return;
    }
    if (answer.ok) {
      const sealed = sealTokens(this.cipher, row.id, answer.body, null);
      if (!sealed) {
        log.warn("bank approved the consent without an access token");
        await this.store.reschedule(row.id, lease, row.poll_interval_ms);
        return;
      }
      if (await this.store.approve(row.id, lease, sealed)) log.info("bank consent approved");
      return;
    }
    switch (answer.error) {
      case "authorization_pending":
        await this.store.reschedule(row.id, lease, row.poll_interval_ms);
        return;
      case "slow_down":
        // RFC 8628 §3.5: the longer interval holds for this and every later request.
        await this.store.reschedule(row.id, lease, row.poll_interval_ms + this.config.slowDownStepMs);
        return log.info({ intervalMs: row.poll_interval_ms + this.config.slowDownStepMs }, "bank asked to slow down");
      case "access_denied":
        await this.store.finishPending(row.id, lease, "DENIED", "access_denied");
        return log.info("bank consent denied by the customer");
      case "expired_token":
        await this.store.finishPending(row.id, lease, "EXPIRED", "expired_token");
        return log.info("bank consent expired");
      case "invalid_grant":
        // The device code is unknown or already used: an approval whose answer was lost cannot be collected again.
        await this.store.finishPending(row.id, lease, "EXPIRED", "invalid_grant");
        return log.warn("bank no longer knows the consent's device code; the customer must start again");
      default:
        // invalid_client, invalid_grant, …: nothing the customer can fix; keep asking until the request expires, so an
        // operator who fixes the configuration does not cost the customer their consent.
        log.warn({ error: answer.error, httpStatus: answer.httpStatus }, "bank refused a consent poll");
        await this.store.reschedule(row.id, lease, row.poll_interval_ms);
    }
  }
}

/** The error's kind only: a provider error's message is safe, anything else may quote a request. */
function errorSummary(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; extensions?: { code?: string; reason?: string } };
  return { name: e?.name, code: e?.extensions?.code, reason: e?.extensions?.reason };
}

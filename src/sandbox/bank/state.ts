import { randomBytes } from "node:crypto";
import { FaultInjector } from "../faults";
import type { RecordedRequest } from "../http";
import type { BankSandboxCard } from "./card-factory";
import { IdempotencyStore } from "./idempotency";
import type { BankSandboxOptions } from "./options";
import { RateLimiter } from "./rate-limit";

export type SandboxConfig = Omit<BankSandboxOptions, "port">;

/** Who a consent token speaks for. */
export interface Binding {
  customerId: string;
  accountNumber: string;
  connectionId: string;
}

/** A device-code request waiting for its first poll; `customerId` is whoever the sandbox-only login_hint named. */
export interface DeviceGrant {
  customerId: string;
  connectionId: string;
  scope: string;
  expiresAtMs: number;
}

/** Everything one sandbox instance remembers. Auth state (signing key, device codes, refresh tokens) survives reset. */
export class SandboxState {
  readonly tokenKey = randomBytes(32);
  readonly faults = new FaultInjector();
  readonly idempotency = new IdempotencyStore();
  readonly rateLimiter: RateLimiter;
  readonly requests: RecordedRequest[] = [];
  readonly cards: BankSandboxCard[] = [];
  readonly deviceGrants = new Map<string, DeviceGrant>();
  readonly refreshTokens = new Map<string, Binding & { scope: string }>();
  tokensIssued = 0;
  /** Set once the server listens; the device flow's verification_uri points at it. */
  url = "";

  constructor(readonly config: SandboxConfig) {
    this.rateLimiter = new RateLimiter(config.rateLimitPerMinute);
  }

  reset(): void {
    this.requests.length = 0;
    this.cards.length = 0;
    this.idempotency.clear();
    this.rateLimiter.clear();
    this.faults.clear();
    this.tokensIssued = 0;
  }
}

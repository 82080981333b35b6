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

/** A device-code request (RFC 8628) until the client collects its answer. */
export interface DeviceGrant {
  userCode: string;
  connectionId: string;
  scope: string;
  expiresAtMs: number;
  /** The current minimum gap between polls; each slow_down adds the step to it. */
  intervalMs: number;
  lastPollAtMs?: number;
  /** Set on the consent page: approved as a seeded customer, or denied. */
  decision?: { approved: true; customerId: string } | { approved: false };
  /** The bank is under load: the next poll answers slow_down (BankSandbox.requireSlowerPolling). */
  slowDownNext?: boolean;
}

/** A consent the bank holds: what its tokens act for, and whether the customer withdrew it. */
export interface ConsentGrant extends Binding {
  scope: string;
  revoked: boolean;
}

/** What each device-code poll was answered, for tests of the client's pacing. */
export interface DevicePoll {
  userCode: string;
  answer: string;
  at: number;
}

/** Everything one sandbox instance remembers. Auth state (signing key, device codes, refresh tokens) survives reset. */
export class SandboxState {
  readonly tokenKey = randomBytes(32);
  readonly faults = new FaultInjector();
  readonly idempotency = new IdempotencyStore();
  readonly rateLimiter: RateLimiter;
  readonly requests: RecordedRequest[] = [];
  readonly cards: BankSandboxCard[] = [];
  /** By device code; `userCodes` maps the code a customer types back to it. */
  readonly deviceGrants = new Map<string, DeviceGrant>();
  readonly userCodes = new Map<string, string>();
  readonly devicePolls: DevicePoll[] = [];
  /** By grant id (the `gid` claim of access tokens). */
  readonly grants = new Map<string, ConsentGrant>();
  /** Refresh token -> grant id. */
  readonly refreshTokens = new Map<string, string>();
  tokensIssued = 0;
  /** Every access and refresh token handed out, so tests can prove the integration never stores or logs one in clear. */
  readonly issuedTokens: string[] = [];
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

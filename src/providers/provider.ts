import type { CardDetails } from "../cards/card-details.type";
import type { FieldProblem } from "../errors";
import type { Logger } from "../logger";
import type { ProviderHealth } from "./resilience";

/** What a provider returns for a created card: the public `Card` fields, before we assign our id. */
export type IssuedCard = CardDetails & { createdAt?: Date | null };

export interface IssueRequest<I> {
  input: I;
  /** Our card id, minted before the provider call so a retry or a recovery can find the same card. */
  cardId: string;
  /** Stable for one logical createCard; providers that support idempotency receive it (or a value derived from it). */
  idempotencyKey: string;
}

/** One provider's card issuing, configured and ready. Built once per process; safe for concurrent use. */
export interface CardIssuer<I> {
  /**
   * After an answer we could not read (timeout, dropped connection), how long the provider may still be creating the
   * card. A resume waits this long, so a provider without idempotency has finished before we look for the card.
   */
  readonly settleMs: number;
  /** Checks that need configuration (e.g. a known bank connection). Paths are relative to the provider's input. */
  validate(input: I): FieldProblem[];
  /** Creates the card. Throws ProviderRejectedError or ProviderUnavailableError on failure. */
  issue(request: IssueRequest<I>): Promise<IssuedCard>;
  /**
   * Completes an attempt that may already have reached the provider (a crash or a timeout after the call) without
   * ever creating a second card: the bank replays by idempotency key, Sudo looks for the card tagged with `cardId`
   * before creating one.
   */
  resume(request: IssueRequest<I>): Promise<IssuedCard>;
  close?(): Promise<void>;
  /** Circuit-breaker and rate-limit state for readiness checks; absent for an issuer without them. */
  health?(): ProviderHealth;
  /**
   * What the provider can do with a card after issuing it. Absent, or an operation left out, means the provider has
   * no such endpoint: the lifecycle service answers UNSUPPORTED_BY_PROVIDER without calling anything.
   */
  readonly lifecycle?: CardLifecycle;
}

/** The card fields a provider may change after issuance, as it reports them now. */
export type ProviderCardState = Pick<CardDetails, "status" | "spendingControls" | "metadata"> & {
  /** When the provider last changed the card, if it says; orders reads and events against each other. */
  updatedAt: Date | null;
};

/** Which card the provider should act on, and what we last knew of it. */
export interface CardRef {
  cardId: string;
  providerCardId: string;
  /** Our current record (some providers need the current status or metadata on every update). */
  current: Pick<CardDetails, "status" | "metadata">;
}

export interface CancelRequest {
  /** Our CancellationReason value, e.g. "LOST". */
  reason: string;
  creditAccountId?: string | null;
}

export interface ControlsChange {
  spendingControls?: object | null;
  metadata?: Record<string, unknown> | null;
}

/** A short-lived token a browser uses to show card data straight from the provider's vault; never stored or logged. */
export interface RevealToken {
  token: string;
  expiresAt: Date;
  vaultId: string;
}

/**
 * Optional after-issuance operations. Every method throws ProviderRejectedError or ProviderUnavailableError like
 * `issue`; `get` is safe to retry, the writes are not retried by the adapter (the service resolves an unknown
 * outcome by reading the card back with `get`).
 */
export interface CardLifecycle {
  /** The provider's own rules for a cancellation (e.g. a required credit account), as argument problems. */
  checkCancel?(request: CancelRequest): FieldProblem[];
  get?(ref: CardRef): Promise<ProviderCardState>;
  freeze?(ref: CardRef): Promise<ProviderCardState>;
  unfreeze?(ref: CardRef): Promise<ProviderCardState>;
  cancel?(ref: CardRef, request: CancelRequest): Promise<ProviderCardState>;
  updateControls?(ref: CardRef, change: ControlsChange): Promise<ProviderCardState>;
  revealToken?(ref: CardRef): Promise<RevealToken>;
}

/** One provider webhook delivery, as much as we read of it. Never carries card data beyond ids and status. */
export interface ProviderEvent {
  /** The provider's event id: redeliveries repeat it. */
  id: string;
  type: string;
  /** When the state the event reports was current, by the provider's clock; orders events against reads. */
  occurredAt: Date;
  providerCardId: string | null;
  /** The card's status the event reports, when it reports one. */
  status: CardDetails["status"] | null;
}

/** How a provider delivers events: `POST /webhooks/<path>` with a shared token in a header. */
export interface WebhookDefinition {
  path: string;
  /** The env var holding the token the provider sends; required in production. */
  tokenVar: string;
  /** The lower-case header the token arrives in (its whole value). */
  tokenHeader: string;
  /** The event in a delivery body, or why it is not one. */
  parse(body: unknown): ProviderEvent | { problem: string };
}

export interface SandboxHandle<C> {
  config: C;
  /** The simulator's seeded customer ids, for the development tokens that act for them. */
  customers: readonly string[];
  stop(): Promise<void>;
  /** Points the simulator's webhook deliveries at our receiver, once its URL is known. */
  deliverWebhooks?(url: string, token: string): void;
}

/**
 * Everything the subgraph needs to know about a provider. A new provider is one folder exporting one of these,
 * plus one line in `registry.ts`: the GraphQL input field, the enum value and the config all come from here.
 */
export interface ProviderDefinition<I extends object = object, C = unknown> {
  /** The CardProvider enum value, e.g. "BANK". */
  readonly name: string;
  /** The CreateCardInput field, e.g. "bank". */
  readonly inputField: string;
  readonly inputType: new () => I;
  readonly description: string;
  /** Reads the provider's env vars. Returns null when none are set (the sandbox is used); throws ConfigError otherwise. */
  readConfig(env: NodeJS.ProcessEnv): C | null;
  /** Starts the provider's simulator on loopback and returns a config that points at it. */
  startSandbox(): Promise<SandboxHandle<C>>;
  /** `services`: what the app shares with this provider's issuer beyond its config (the bank: consent tokens). */
  createIssuer(config: C, logger: Logger, services?: unknown): CardIssuer<I>;
  /** The platform customer the card belongs to (the Customer entity's id). */
  customerIdOf(input: I): string;
  /** Present when the provider sends webhooks; the route and its token come from here. */
  readonly webhooks?: WebhookDefinition;
  /** Top-level input fields meant to carry a card number (sent, never stored); a card number anywhere else is refused. */
  readonly cardNumberFields?: readonly string[];
}

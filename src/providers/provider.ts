import type { Card } from "../cards/card.type";
import type { FieldProblem } from "../errors";
import type { Logger } from "../logger";
import type { ProviderHealth } from "./resilience";

/** What a provider returns for a created card: the public `Card` fields, before we assign our id. */
export type IssuedCard = Omit<Card, "id" | "provider" | "createdAt"> & { createdAt?: Date | null };

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
}

export interface SandboxHandle<C> {
  config: C;
  /** The simulator's seeded customer ids, for the development tokens that act for them. */
  customers: readonly string[];
  stop(): Promise<void>;
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
  createIssuer(config: C, logger: Logger): CardIssuer<I>;
  /** The platform customer the card belongs to (the Customer entity's id). */
  customerIdOf(input: I): string;
  /** Top-level input fields meant to carry a card number (sent, never stored); a card number anywhere else is refused. */
  readonly cardNumberFields?: readonly string[];
}

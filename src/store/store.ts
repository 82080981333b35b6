import type { Card } from "../cards/card.type";

export type AttemptState = "pending" | "succeeded" | "failed";

/** A stored client-facing error, replayed verbatim for the same idempotency key. */
export interface StoredError {
  message: string;
  extensions: Record<string, unknown>;
}

/** One createCard call as the idempotency layer sees it. Keys are unique per caller scope. */
export interface Attempt {
  scope: string;
  key: string;
  requestHash: string;
  cardId: string;
  provider: string;
  customerId: string;
  state: AttemptState;
  error: StoredError | null;
  /** While in the future, one process owns the provider call; after it lapses another may resume. */
  leaseUntil: Date;
  /** Bumped on every claim so a process whose lease was taken over cannot complete the attempt. */
  leaseToken: string;
  createdAt: Date;
  expiresAt: Date;
  /** The idempotency key the provider is sent for this attempt, and only this one. */
  providerKey: string;
  /** The provider input, sealed, so the reconciler can resume without the client; null once the attempt finished. */
  resumeInput: string | null;
  /** The card the provider issued, when writing it failed: a resume records this instead of asking the provider. */
  issuedCard: Card | null;
}

export type NewAttempt = Pick<Attempt, "scope" | "key" | "requestHash" | "cardId" | "provider" | "customerId" | "leaseToken" | "providerKey" | "resumeInput">;

export interface AttemptTimes {
  /** How long the first owner may hold the provider call before another request may resume it. */
  leaseMs: number;
  /** How long the key is remembered (Stripe: at least 24 h). */
  retentionMs: number;
}

export interface CardPage {
  cards: Card[];
  hasNextPage: boolean;
}

/**
 * The system of record: issued cards and createCard attempts. The in-memory store serves tests of the service in
 * isolation; the SQL store (PGlite or PostgreSQL) is what the subgraph runs on.
 */
export interface CardStore {
  /** Inserts the attempt unless one exists for (scope, key); returns the stored one and whether it was created. */
  beginAttempt(attempt: NewAttempt, times: AttemptTimes): Promise<{ attempt: Attempt; created: boolean }>;
  /** Takes over a pending attempt whose lease has lapsed. Returns the claimed attempt, or null if someone else holds it. */
  claimAttempt(scope: string, key: string, leaseToken: string, leaseMs: number): Promise<Attempt | null>;
  getAttempt(scope: string, key: string): Promise<Attempt | null>;
  /**
   * Stores the card and marks the attempt succeeded, atomically, if `leaseToken` still owns it; returns the card
   * stored, or null when the lease was lost. A provider card already stored (the same provider and provider card id,
   * for the same customer) is not stored twice: the attempt resolves to it and that card is returned.
   */
  completeAttempt(scope: string, key: string, leaseToken: string, card: Card): Promise<Card | null>;
  /**
   * Keeps the provider's answer on the attempt when the card could not be written, and lets the lease lapse so a
   * retry with the key, or the reconciler, records it. False when `leaseToken` no longer owns the attempt.
   */
  keepIssuedCard(scope: string, key: string, leaseToken: string, card: Card): Promise<boolean>;
  /**
   * Claims up to `limit` pending attempts of `providers` whose lease lapsed and that can be resumed without the
   * client (a sealed input or a kept card), oldest lapse first, for `leaseToken`. Rows another replica is claiming at
   * the same moment are skipped, so each attempt is claimed by one.
   */
  claimResumable(leaseToken: string, leaseMs: number, limit: number, providers: readonly string[]): Promise<Attempt[]>;
  /** Marks the attempt failed with the error to replay, if `leaseToken` still owns it. */
  failAttempt(scope: string, key: string, leaseToken: string, error: StoredError): Promise<boolean>;
  /**
   * Ends the lease `afterMs` from now, so the next request with the key (or the reconciler) resumes then: the outcome
   * is unknown, or the attempt cannot progress yet.
   */
  releaseAttempt(scope: string, key: string, leaseToken: string, afterMs: number): Promise<void>;
  /**
   * Calls `listener` with `attemptChangeId(scope, key)` whenever an attempt finishes or its lease is released early,
   * in any process on the database. Best effort: waiters still poll, rarely. Returns the unsubscribe.
   */
  onAttemptChange(listener: (changeId: string) => void): () => void;
  /** Deletes attempts past their retention; returns how many. Cards are never deleted. */
  sweepExpired(): Promise<number>;
  /** One round trip, whatever the number of ids. Missing ids are absent from the map. */
  findCards(ids: readonly string[]): Promise<Map<string, Card>>;
  /** Newest first; `after` is the (createdAt, id) of the last card of the previous page. */
  listCustomerCards(customerId: string, first: number, after: { createdAt: Date; id: string } | null): Promise<CardPage>;
  /** Several customers' pages in one round trip, for Customer.cards through _entities. */
  listCardsForCustomers(customerIds: readonly string[], first: number): Promise<Map<string, CardPage>>;
  close(): Promise<void>;
}

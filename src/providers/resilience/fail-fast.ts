import { ProviderRejectedError, ProviderUnavailableError } from "../../errors";

/**
 * PROVIDER_UNAVAILABLE raised before anything was sent: the circuit breaker is open (CIRCUIT_OPEN) or the rate
 * limiter's queue is full (RATE_LIMITED). Nothing reached the provider, so no card can exist because of this call.
 * It is never retried here (the wait it reports is the client's to take) and never counted by a breaker.
 */
export class FailFastError extends ProviderUnavailableError {
  override readonly nothingSent = true;
}

export function failFast(provider: string, reason: "CIRCUIT_OPEN" | "RATE_LIMITED", detail: string, waitMs: number): FailFastError {
  return new FailFastError(provider, reason, detail, Math.max(1, Math.ceil(waitMs / 1000)));
}

/** What one call's result says about the provider's health, for a circuit breaker. */
export type Outcome = "success" | "failure" | "neutral";

/**
 * Only "the provider did not give a usable answer" counts against it. A refusal is an answer, so it proves the
 * provider is up: a customer's bad card must never open the breaker. A 429 says the provider is up but we are too
 * fast, which the rate limiter, not the breaker, deals with. Our own errors (bugs, fail-fast) say nothing about it.
 */
export function outcomeOf(error: unknown): Outcome {
  if (error instanceof ProviderRejectedError) return "success";
  if (error instanceof FailFastError || !(error instanceof ProviderUnavailableError)) return "neutral";
  return error.reason === "RATE_LIMITED" ? "neutral" : "failure";
}

import type { BreakerState } from "./breaker";

export interface BreakerHealth {
  /** What the breaker guards: a bank connection id, or "api" for a provider with one breaker. */
  scope: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** While open: seconds until a trial call is let through. */
  retryAfterSeconds?: number;
}

/** What a provider's issuer reports for readiness checks (CardIssuer.health). */
export interface ProviderHealth {
  provider: string;
  /** The worst of the breakers: "open" if any is open, then "halfOpen", else "closed". */
  breaker: BreakerState;
  breakers: BreakerHealth[];
  rateLimit: { perMinute: number; burst: number; available: number };
}

const SEVERITY: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

export function worstState(states: BreakerState[]): BreakerState {
  return states.reduce<BreakerState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), "closed");
}

import type { Principal } from "./principal";

export interface VerifiedCacheOptions {
  /** Most tokens remembered; the oldest entry is dropped first. */
  maxEntries: number;
  /** Even a long-lived token is checked again after this long, so a key the issuer withdrew stops working. */
  maxAgeMs: number;
  now?: () => number;
}

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Tokens that verified, with the Principal they gave, until they expire: a router forwards the same bearer token on
 * every request of a session, and checking its signature again each time was a fixed cost per request. Only
 * successes are kept (a refused token is checked every time, and says why), and a cached Principal is frozen so no
 * request can change what the next one sees.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp`, in milliseconds. */
  set(token: string, principal: Principal, expiresAt: number): Principal {
    const frozen = Object.freeze({ ...principal });
    const until = Math.min(expiresAt, this.now() + this.options.maxAgeMs);
    if (until <= this.now()) return frozen;
    this.entries.delete(token);
    this.entries.set(token, { principal: frozen, until });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return frozen;
  }

  get size(): number {
    return this.entries.size;
  }
}

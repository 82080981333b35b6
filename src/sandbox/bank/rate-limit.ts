const WINDOW_MS = 60_000;

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Sliding one-minute window per client: at most `limit` admitted requests in any 60 s. */
export class RateLimiter {
  private admitted = new Map<string, number[]>();

  constructor(private readonly limit: number) {}

  take(clientId: string): RateDecision {
    const nowMs = Date.now();
    const recent = (this.admitted.get(clientId) ?? []).filter((t) => t > nowMs - WINDOW_MS);
    this.admitted.set(clientId, recent);
    if (recent.length >= this.limit) {
      // The earliest slot frees when the oldest admitted request leaves the window.
      const waitMs = recent[0] + WINDOW_MS - nowMs;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    recent.push(nowMs);
    return { ok: true };
  }

  clear(): void {
    this.admitted.clear();
  }
}

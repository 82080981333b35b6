import type { EnvReader } from "../env";

export interface LifecycleConfig {
  /** How long one card change may hold the card's lease (it is released as soon as the change ends). */
  leaseMs: number;
  /** How long a change waits for another change of the same card before answering CARD_BUSY. */
  waitMs: number;
  pollMs: number;
  /** cardRevealToken per caller (REVEAL_RATE_LIMIT_PER_MINUTE, a burst of a third of it). */
  reveal: { perMinute: number; burst: number };
  /** Card-state sync (CARD_SYNC_*): every intervalMs, at most batch cards whose provider state may have moved. */
  sync: { intervalMs: number; batch: number; staleMs: number };
}

/** LIFECYCLE_*, REVEAL_* and CARD_SYNC_* variables; problems are collected by the caller's reader. */
export function readLifecycleConfig(read: EnvReader): LifecycleConfig {
  const perMinute = read.int("REVEAL_RATE_LIMIT_PER_MINUTE", 10, 1, 10_000);
  return {
    leaseMs: read.int("LIFECYCLE_LEASE_MS", 60_000, 1_000, 600_000),
    waitMs: read.int("LIFECYCLE_WAIT_MS", 10_000, 0, 120_000),
    pollMs: 25,
    reveal: { perMinute, burst: Math.max(1, Math.ceil(perMinute / 3)) },
    sync: {
      intervalMs: read.int("CARD_SYNC_INTERVAL_MS", 60_000, 0, 86_400_000),
      batch: read.int("CARD_SYNC_BATCH", 10, 1, 1_000),
      staleMs: read.int("CARD_SYNC_STALE_HOURS", 24, 1, 24 * 365) * 3_600_000,
    },
  };
}

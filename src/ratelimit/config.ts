import type { EnvReader } from "../env";

export interface CallerLimitsConfig {
  /** createCard calls per caller per minute (each one is a provider call and, for Sudo, a charge). */
  createCard: { perMinute: number; burst: number };
  /** Cost units of large reads per caller per minute; reads below `largeReadCost` are not counted. */
  reads: { perMinute: number; burst: number; largeReadCost: number };
}

/** CALLER_CREATE_CARDS_PER_MINUTE, CALLER_READ_COST_PER_MINUTE, CALLER_LARGE_READ_COST (README configuration table). */
export function readCallerLimits(read: EnvReader): CallerLimitsConfig {
  const createPerMinute = read.int("CALLER_CREATE_CARDS_PER_MINUTE", 60, 1, 1_000_000);
  const readPerMinute = read.int("CALLER_READ_COST_PER_MINUTE", 200_000, 1_000, 1_000_000_000);
  return {
    // A burst of a sixth of a minute's allowance: a batch job's run starts at once, a loop is slowed within seconds.
    createCard: { perMinute: createPerMinute, burst: read.int("CALLER_CREATE_CARDS_BURST", Math.max(1, Math.ceil(createPerMinute / 6)), 1, 1_000_000) },
    reads: { perMinute: readPerMinute, burst: readPerMinute, largeReadCost: read.int("CALLER_LARGE_READ_COST", 1_000, 1, 10_000_000) },
  };
}

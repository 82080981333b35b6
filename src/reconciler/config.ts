import type { EnvReader } from "../env";

export interface ReconcilerConfig {
  intervalMs: number;
  batchSize: number;
}

/** RECONCILE_INTERVAL_MS (0 turns the loop off) and RECONCILE_BATCH_SIZE; see the README's configuration table. */
export function readReconcilerConfig(read: EnvReader): ReconcilerConfig {
  return {
    intervalMs: read.int("RECONCILE_INTERVAL_MS", 30_000, 0, 86_400_000),
    batchSize: read.int("RECONCILE_BATCH_SIZE", 20, 1, 1_000),
  };
}

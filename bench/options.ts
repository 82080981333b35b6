import { join } from "node:path";
import { EnvReader } from "../src/env";
import type { BenchSettings } from "./compare";
import type { RoleName } from "./ipc";

export interface BenchOptions extends BenchSettings {
  /** How many cards reads are served from; `_entities ×1000` needs all of them. */
  seedCards: number;
  /** PostgreSQL instead of in-memory PGlite for the subgraph's store (a fresh schema per run). */
  databaseUrl?: string;
  logLevel: string;
  /** NODE_ENV of every server process: graphql-js and Apollo run their production code paths only under "production". */
  nodeEnv: string;
  outDir: string;
  /** Tracing (OTLP to a sink in the simulators' process) and the metrics endpoint on in the subgraph, as in production. */
  telemetry: boolean;
  /** Whether a comparison id is in BENCH_ONLY (everything when it is empty). */
  selected(id: string): boolean;
  /** Whether any selected comparison lies under this id prefix ("reads", "gateway"). */
  touches(prefix: string): boolean;
}

const ROOT = join(__dirname, "..", "..");
const ROLES: readonly RoleName[] = ["sims", "subgraph", "bare", "refs", "gateway"];

/**
 * BENCH_* variables (see bench/RESULTS.md). A segment prefix selects: BENCH_ONLY=reads runs every subgraph read,
 * BENCH_ONLY=createCard.sudo runs both Sudo createCard comparisons.
 */
export function readOptions(env: NodeJS.ProcessEnv): BenchOptions {
  const read = new EnvReader(env);
  const only = read.list("BENCH_ONLY");
  const profile = read.list("BENCH_PROFILE");
  for (const role of profile) if (!ROLES.includes(role as RoleName)) read.problems.push(`BENCH_PROFILE: "${role}" is not one of ${ROLES.join(", ")}`);
  const outDir = read.string("BENCH_OUT", join(ROOT, "bench", "out"));
  const options: BenchOptions = {
    rounds: read.int("BENCH_ROUNDS", 3, 1, 50),
    durationSeconds: read.int("BENCH_DURATION", 4, 1, 600),
    warmupSeconds: read.int("BENCH_WARMUP", 2, 1, 600),
    seedCards: 1000,
    databaseUrl: read.optional("BENCH_DATABASE_URL"),
    logLevel: read.oneOf("BENCH_LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace", "silent"], "info"),
    nodeEnv: read.string("BENCH_NODE_ENV", "production"),
    profile: profile as RoleName[],
    profileDir: join(outDir, "profiles"),
    outDir,
    telemetry: read.oneOf("BENCH_TELEMETRY", ["on", "off"], "on") === "on",
    selected: (id) => only.length === 0 || only.some((p) => id === p || id.startsWith(`${p}.`)),
    touches: (prefix) => only.length === 0 || only.some((p) => p === prefix || p.startsWith(`${prefix}.`) || prefix.startsWith(`${p}.`)),
  };
  read.done();
  return options;
}

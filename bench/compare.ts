import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { ServerProcess } from "./children";
import type { RoleName } from "./ipc";
import { fire, type LoadResult, type Payload } from "./load";
import { median } from "./stats";

export interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  payload: Payload;
  /** The process the client talks to; its memory is reported. */
  server: ServerProcess;
  /** Other processes that serve the request (the subgraph behind a gateway, the simulator behind the subgraph). */
  behind?: ServerProcess[];
  /** The cards subgraph's process, when this target reaches it (itself, or behind a gateway): its SQL is counted. */
  store?: ServerProcess;
}

export interface Comparison {
  id: string;
  group: "createCard" | "subgraph reads" | "through the gateway";
  title: string;
  connections: number;
  baseline: Target;
  subject: Target;
  /** Before every run, warm-up included (the simulators are reset so their state stays small). */
  beforeRun?: () => Promise<void>;
  /** Reads: both targets must give the same JSON before anything is measured, or the comparison means nothing. */
  sameAnswer?: boolean;
}

export interface BenchSettings {
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Server roles whose CPU is profiled while they serve a comparison's subject (BENCH_PROFILE). */
  profile: RoleName[];
  profileDir: string;
}

export interface RunSample extends Omit<LoadResult, "failures"> {
  /** CPU time of every server process involved (server and behind), per request sent. */
  cpuMsPerRequest: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** SQL statements per request sent over the run. */
  sqlPerRequest: number | null;
  failures: number;
}

export interface TargetSummary {
  label: string;
  /** SQL statements one request makes, counted exactly on a single request before the runs. */
  sqlPerRequest: number | null;
  median: { requestsPerSecond: number; p50Ms: number; p99Ms: number; cpuMsPerRequest: number; peakRssMb: number; peakHeapMb: number };
  runs: RunSample[];
}

export interface ComparisonResult {
  id: string;
  group: Comparison["group"];
  title: string;
  connections: number;
  baseline: TargetSummary;
  subject: TargetSummary;
  /** Medians over rounds of the per-round subject/baseline figures (each round runs both, back to back). */
  ratio: { requestsPerSecond: number; p50Ms: number; p50DeltaMs: number; cpuMsPerRequest: number };
  /** Some request failed (connection error, non-2xx or GraphQL errors): the figures are not to be trusted. */
  failed: boolean;
}

const MB = 1024 * 1024;

function firstBody(payload: Payload): { body: string; headers?: Record<string, string> } {
  if ("body" in payload) return { body: payload.body };
  if ("bodies" in payload) return { body: payload.bodies[0] };
  return payload.next();
}

const processesOf = (target: Target): ServerProcess[] => [...new Set([target.server, ...(target.behind ?? []), ...(target.store ? [target.store] : [])])];

async function settle(target: Target): Promise<void> {
  await Promise.all(processesOf(target).map((server) => server.settle()));
}

async function cpuMicros(target: Target): Promise<number> {
  const stats = await Promise.all([target.server, ...(target.behind ?? [])].map((server) => server.stats()));
  return stats.reduce((sum, s) => sum + s.cpuMicros, 0);
}

/** One request outside any load, for the exact SQL count and the same-answer check. */
async function sendOnce(target: Target): Promise<{ json: unknown; sql: number | null }> {
  await settle(target);
  const before = (await target.store?.stats())?.sqlStatements;
  const { body, headers } = firstBody(target.payload);
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers, ...headers },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors":')) throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 500)}`);
  const after = (await target.store?.stats())?.sqlStatements;
  return { json: JSON.parse(text), sql: before === undefined || after === undefined ? null : after - before };
}

async function runOnce(comparison: Comparison, target: Target, seconds: number): Promise<RunSample> {
  await comparison.beforeRun?.();
  await settle(target);
  await target.server.mark();
  const before = await target.store?.stats();
  const cpuBefore = await cpuMicros(target);
  const load = await fire({ url: target.url, headers: target.headers, payload: target.payload, connections: comparison.connections, durationSeconds: seconds });
  const stats = await target.server.stats();
  // Requests still running when the load stopped are finished by the server: their work belongs to `sent`.
  await settle(target);
  const cpuAfter = await cpuMicros(target);
  const after = await target.store?.stats();
  const { errors, timeouts, non2xx, graphqlErrors } = load.failures;
  return {
    ...load,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / Math.max(1, load.sent),
    peakRssMb: stats.peakRss / MB,
    peakHeapMb: stats.peakHeapUsed / MB,
    sqlPerRequest: before && after ? (after.sqlStatements - before.sqlStatements) / Math.max(1, load.sent) : null,
    failures: errors + timeouts + non2xx + graphqlErrors,
  };
}

function summarise(target: Target, sqlPerRequest: number | null, runs: RunSample[]): TargetSummary {
  const of = (pick: (run: RunSample) => number) => median(runs.map(pick));
  return {
    label: target.label,
    sqlPerRequest,
    median: {
      requestsPerSecond: of((r) => r.requestsPerSecond),
      p50Ms: of((r) => r.p50Ms),
      p99Ms: of((r) => r.p99Ms),
      cpuMsPerRequest: of((r) => r.cpuMsPerRequest),
      peakRssMb: of((r) => r.peakRssMb),
      peakHeapMb: of((r) => r.peakHeapMb),
    },
    runs,
  };
}

/**
 * Warms both targets up, then runs them back to back in each round, alternating which goes first so a machine that
 * slows down or speeds up during the bench does not favour one side.
 */
export async function compare(comparison: Comparison, settings: BenchSettings, log: (line: string) => void): Promise<ComparisonResult> {
  const { baseline, subject } = comparison;
  const [base, subj] = [await sendOnce(baseline), await sendOnce(subject)];
  if (comparison.sameAnswer && !isDeepStrictEqual(base.json, subj.json)) {
    throw new Error(`${comparison.title}: ${subject.label} and ${baseline.label} answer differently; the comparison would be meaningless`);
  }
  for (const target of [baseline, subject]) await runOnce(comparison, target, settings.warmupSeconds);
  const profiled = processesOf(subject).filter((server) => settings.profile.includes(server.role));
  await Promise.all(profiled.map((server) => server.send({ cmd: "profileStart" })));
  const runs = { baseline: [] as RunSample[], subject: [] as RunSample[] };
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? (["baseline", "subject"] as const) : (["subject", "baseline"] as const);
    for (const side of order) runs[side].push(await runOnce(comparison, comparison[side], settings.durationSeconds));
    const [b, s] = [runs.baseline[round], runs.subject[round]];
    for (const [label, run] of [[baseline.label, b], [subject.label, s]] as const) {
      if (run.failures) log(`  ⚠ ${label}: ${run.failures} failed requests; first: ${run.firstFailure}`);
    }
    log(`  round ${round + 1}: ${baseline.label} ${b.requestsPerSecond.toFixed(0)} req/s p50 ${b.p50Ms.toFixed(2)} ms | ${subject.label} ${s.requestsPerSecond.toFixed(0)} req/s p50 ${s.p50Ms.toFixed(2)} ms`);
  }
  await Promise.all(profiled.map((server) => server.send({ cmd: "profileStop", path: join(settings.profileDir, `${comparison.id}.${server.role}.cpuprofile`) })));
  const perRound = (pick: (b: RunSample, s: RunSample) => number) => median(runs.subject.map((s, i) => pick(runs.baseline[i], s)));
  return {
    id: comparison.id,
    group: comparison.group,
    title: comparison.title,
    connections: comparison.connections,
    baseline: summarise(baseline, base.sql, runs.baseline),
    subject: summarise(subject, subj.sql, runs.subject),
    ratio: {
      requestsPerSecond: perRound((b, s) => s.requestsPerSecond / b.requestsPerSecond),
      p50Ms: perRound((b, s) => s.p50Ms / b.p50Ms),
      p50DeltaMs: perRound((b, s) => s.p50Ms - b.p50Ms),
      cpuMsPerRequest: perRound((b, s) => s.cpuMsPerRequest / b.cpuMsPerRequest),
    },
    failed: [...runs.baseline, ...runs.subject].some((run) => run.failures > 0),
  };
}

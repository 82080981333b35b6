import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem, type as osType, release } from "node:os";
import { join } from "node:path";
import type { BenchSettings, ComparisonResult, TargetSummary } from "./compare";

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  freeMemoryGb: number;
  /** 1-minute load average when the bench started: other work on a shared machine skews absolute figures. */
  loadAverage: number;
  os: string;
  node: string;
}

export function describeMachine(): Machine {
  const gb = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGb: gb(totalmem()),
    freeMemoryGb: gb(freemem()),
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

export interface BenchReport {
  machine: Machine;
  settings: Pick<BenchSettings, "rounds" | "durationSeconds" | "warmupSeconds" | "profile"> & {
    store: "pglite" | "postgres";
    logLevel: string;
    nodeEnv: string;
    /** Tracing and metrics on in the subgraph (BENCH_TELEMETRY), and what reached the OTLP sink. */
    telemetry: boolean;
    exported?: unknown;
  };
  results: ComparisonResult[];
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  met: boolean;
  measured: string;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

function row(result: ComparisonResult, summary: TargetSummary, isSubject: boolean): string {
  const m = summary.median;
  const sql = summary.sqlPerRequest === null ? "–" : String(summary.sqlPerRequest);
  const { ratio } = result;
  const versus = isSubject
    ? `${fixed(ratio.requestsPerSecond, 2)}× req/s, ${ratio.p50DeltaMs >= 0 ? "+" : ""}${fixed(ratio.p50DeltaMs, 2)} ms p50, ${fixed(ratio.cpuMsPerRequest, 1)}× CPU`
    : "baseline";
  const flag = isSubject && result.failed ? " ⚠ failures" : "";
  return `| ${isSubject ? "" : result.title} | ${summary.label} | ${fixed(m.requestsPerSecond, 0)} | ${fixed(m.p50Ms, 2)} | ${fixed(m.p99Ms, 2)} | ${fixed(m.cpuMsPerRequest, 2)} | ${fixed(m.peakRssMb, 0)} / ${fixed(m.peakHeapMb, 0)} | ${sql} | ${versus}${flag} |`;
}

/** A Markdown table: readable in a terminal, and pasted as is into bench/RESULTS.md. */
export function formatTable(results: readonly ComparisonResult[]): string {
  const lines: string[] = [];
  let group = "";
  for (const result of results) {
    if (result.group !== group) {
      group = result.group;
      lines.push("", `**${group}**`, "", "| Scenario | Target | req/s | p50 ms | p99 ms | CPU ms/req | RSS / heap MB | SQL/req | vs baseline |", "|---|---|--:|--:|--:|--:|--:|--:|---|");
    }
    lines.push(row(result, result.baseline, false), row(result, result.subject, true));
  }
  return lines.join("\n");
}

const find = (results: readonly ComparisonResult[], id: string) => results.find((r) => r.id === id);

/** The targets, checked against this run; a scenario that was not run is left out. */
/** Issue 12's targets, measured with tracing and metrics on (BENCH_TELEMETRY=on, the default). */
export function checkTargets(results: readonly ComparisonResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const id of ["createCard.sudo", "createCard.bank"]) {
    const r = find(results, id);
    if (!r) continue;
    const delta = r.ratio.p50DeltaMs;
    checks.push({ target: `${r.title}: subgraph p50 at most 2 ms above the provider's`, met: delta <= 2, measured: `+${fixed(delta, 2)} ms (median of per-round differences)` });
  }
  const READ_TARGETS: Record<string, number> = { "reads.card": 0.5, "reads.entities.1": 0.5, "reads.entities.1000": 0.75 };
  for (const [id, floor] of Object.entries(READ_TARGETS)) {
    const r = find(results, id);
    if (!r) continue;
    checks.push({ target: `${r.title}: at least ${floor}× the bare @apollo/server throughput`, met: r.ratio.requestsPerSecond >= floor, measured: `${fixed(r.ratio.requestsPerSecond, 2)}×` });
  }
  return checks;
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `- ${c.met ? "met" : "MISSED"}: ${c.target} — ${c.measured}`).join("\n");
}

export function formatMachine(m: Machine): string {
  return `${m.date} · ${m.cores} × ${m.cpu} · ${m.memoryGb} GB RAM (${m.freeMemoryGb} GB free) · load ${m.loadAverage} · ${m.os} · Node ${m.node}`;
}

/** bench/out/bench-<date>.json and bench/out/latest.json (git-ignored). */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(report, null, 2);
  const file = join(dir, `bench-${report.machine.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, text);
  writeFileSync(join(dir, "latest.json"), text);
  return file;
}

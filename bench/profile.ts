import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

// Reads the V8 CPU profiles a run wrote (BENCH_PROFILE; the format `node --cpu-prof` writes) and sums self time per function and per package,
// which is where an optimisation has to start. Open the files in Chrome DevTools for the call tree.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = join(__dirname, "..", "..");
const TOP = 15;

/** node_modules/<package>, our own file, or a node: internal. */
function ownerOf(url: string): string {
  if (!url) return "(native)";
  const path = url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  if (path.startsWith("node:")) return "node internals";
  return relative(ROOT, path);
}

/**
 * Every sample weighs the sampling interval (the median gap between samples). A longer gap means the whole process
 * was not running, which on a busy shared machine happens often: charging it to the next sample's function would
 * make whatever ran after a pause look hot.
 */
function sampleMicros(profile: CpuProfile): number {
  const gaps = [...profile.timeDeltas].sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

function selfTimes(profile: CpuProfile): { byFunction: Map<string, number>; byOwner: Map<string, number>; total: number } {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const micros = sampleMicros(profile);
  let total = 0;
  profile.samples.forEach((id) => {
    const frame = frames.get(id)!;
    if (frame.functionName === "(idle)") return;
    total += micros;
    const owner = ownerOf(frame.url);
    const name = `${frame.functionName || "(anonymous)"} ${owner}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
  });
  return { byFunction, byOwner, total };
}

function top(map: Map<string, number>, total: number): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, micros]) => `  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`)
    .join("\n");
}

export function summariseProfiles(dir: string): string {
  if (!existsSync(dir)) return `no CPU profiles in ${dir}`;
  return readdirSync(dir)
    .filter((file) => file.endsWith(".cpuprofile"))
    .map((file) => {
      const { byFunction, byOwner, total } = selfTimes(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile);
      return [`CPU profile ${join(dir, file)}: ${(total / 1000).toFixed(0)} ms busy (samples × sampling interval)`, "self time by package or file:", top(byOwner, total), "self time by function:", top(byFunction, total)].join("\n");
    })
    .join("\n\n");
}

// `node dist/bench/profile.js <dir>` summarises profiles written by an earlier run.
if (require.main === module) console.log(summariseProfiles(process.argv[2] ?? join(ROOT, "bench", "out", "profiles")));

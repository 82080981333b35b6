import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import http = require("node:http");
import { Session } from "node:inspector/promises";
import { dirname } from "node:path";
import type { HostCommand, HostReply, HostRequest, HostStats, RoleName } from "./ipc";
import { startBare, type BareParams } from "./roles/bare";
import { startGatewayRole, type GatewayParams } from "./roles/gateway";
import { startRefs, type RefsParams } from "./roles/refs";
import type { Role } from "./roles/role";
import { startSims } from "./roles/sims";
import { startSubgraph, type SubgraphParams } from "./roles/subgraph";

// One server per process (forked by bench/children.ts), so each one's memory and CPU profile is its own and the load
// generator never shares an event loop with what it measures.

const STARTERS: Record<RoleName, (params: never) => Promise<Role>> = {
  sims: startSims,
  subgraph: (params: SubgraphParams) => startSubgraph(params),
  bare: (params: BareParams) => startBare(params),
  refs: (params: RefsParams) => startRefs(params),
  gateway: (params: GatewayParams) => startGatewayRole(params),
};

/** Peaks between two marks; sampling is cheap next to the requests it runs beside (one call per 100 ms). */
class MemoryPeaks {
  private rss = 0;
  private heapUsed = 0;

  constructor() {
    setInterval(() => this.sample(), 100).unref();
  }

  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.rss = Math.max(this.rss, rss);
    this.heapUsed = Math.max(this.heapUsed, heapUsed);
  }

  mark(): void {
    this.rss = 0;
    this.heapUsed = 0;
    this.sample();
  }

  peaks(): { peakRss: number; peakHeapUsed: number } {
    this.sample();
    return { peakRss: this.rss, peakHeapUsed: this.heapUsed };
  }
}

/**
 * @apollo/gateway's HTTP agent keeps idle connections open with no timeout of its own, while a Node server closes an
 * idle one after 5 s: a request the gateway sends on a connection at the moment the server closes it fails with
 * "socket hang up". Between a bench's runs a gateway's connections sit idle for about that long, so every server here
 * keeps idle connections longer than any gap between runs. It changes nothing while requests flow.
 */
const KEEP_ALIVE_MS = 120_000;
const createServer = http.createServer;
http.createServer = ((...args: Parameters<typeof createServer>) => {
  const server = createServer(...args);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}) as typeof http.createServer;

const memory = new MemoryPeaks();
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
let role: Role | undefined;
let profiler: Session | undefined;

function started(): Role {
  if (!role) throw new Error("no role started in this process");
  return role;
}

async function run(command: HostCommand): Promise<unknown> {
  switch (command.cmd) {
    case "start":
      if (role) throw new Error("this process already hosts a role");
      role = await STARTERS[command.role](command.params as never);
      return role.info;
    case "mark":
      return memory.mark();
    case "stats":
      return { ...memory.peaks(), sqlStatements: role?.sqlStatements?.() ?? 0, cpuMicros: cpuMicros() } satisfies HostStats;
    case "call": {
      const handler = started().commands?.[command.name];
      if (!handler) throw new Error(`this role has no command "${command.name}"`);
      return handler(command.args);
    }
    case "profileStart":
      profiler = new Session();
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
      return null;
    case "profileStop": {
      if (!profiler) throw new Error("the profiler is not running");
      const { profile } = await profiler.post("Profiler.stop");
      profiler.disconnect();
      profiler = undefined;
      mkdirSync(dirname(command.path), { recursive: true });
      writeFileSync(command.path, JSON.stringify(profile));
      return null;
    }
    case "stop":
      await role?.stop();
      return null;
  }
}

function reply(message: HostReply, then?: () => void): void {
  process.send!(message, undefined, {}, () => then?.());
}

process.on("message", (request: HostRequest) => {
  run(request).then(
    (result) => reply({ id: request.id, ok: true, result: result ?? null }, request.cmd === "stop" ? () => process.exit(0) : undefined),
    (error: unknown) => reply({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
// The orchestrator is gone (finished or crashed): nothing is left to serve.
process.on("disconnect", () => process.exit(0));

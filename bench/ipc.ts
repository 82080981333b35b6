/** What the orchestrator (bench/main.ts) and a server process (bench/host.ts) say to each other over Node's IPC channel. */

export type RoleName = "sims" | "subgraph" | "bare" | "refs" | "gateway";

export type HostCommand =
  /** Starts the process's one role; answers the role's `info`. */
  | { cmd: "start"; role: RoleName; params: unknown }
  /** Starts a new memory window: the next `stats` reports peaks since this mark. */
  | { cmd: "mark" }
  | { cmd: "stats" }
  /** A role-specific command (e.g. the simulators' reset). */
  | { cmd: "call"; name: string; args?: unknown }
  /** Starts V8's sampling CPU profiler (the one `node --cpu-prof` runs), for one scenario's measured runs. */
  | { cmd: "profileStart" }
  /** Stops it and writes the profile (Chrome DevTools' .cpuprofile format) to `path`. */
  | { cmd: "profileStop"; path: string }
  /** Stops the role and exits the process. */
  | { cmd: "stop" };

export type HostRequest = HostCommand & { id: number };

export type HostReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface HostStats {
  /** Highest resident set size and V8 heap in use since the last mark, in bytes (sampled every 100 ms). */
  peakRss: number;
  peakHeapUsed: number;
  /** SQL statements sent since the process started (the subgraph only; 0 elsewhere). */
  sqlStatements: number;
  /** CPU time (user + system) the process has used since it started, in microseconds. */
  cpuMicros: number;
}

import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { HostCommand, HostReply, HostStats, RoleName } from "./ipc";

const STOP_TIMEOUT_MS = 15_000;
/** A process counts as idle once it used under 5 % of one core over this long. */
const SETTLE_WINDOW_MS = 200;
const SETTLE_MAX_MS = 30_000;

/** A bench server process (bench/host.ts) and the role it runs, driven over IPC. */
export class ServerProcess<Info = Record<string, unknown>> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly exited: Promise<number | null>;
  info!: Info;

  private constructor(
    readonly role: RoleName,
    private readonly child: ChildProcess,
  ) {
    child.on("message", (reply: HostReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.result);
      else waiter?.reject(new Error(`${role}: ${reply.error}`));
    });
    this.exited = new Promise((resolve) =>
      child.once("exit", (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`${role} process exited with ${code}`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  /** `env` is added to this process's environment; it must be set at start, as libraries read NODE_ENV when loaded. */
  static async start<Info>(role: RoleName, params: unknown, env: Record<string, string> = {}): Promise<ServerProcess<Info>> {
    // Logs go nowhere (they are still formatted, as in production); a crash's stack still reaches our stderr.
    const child = fork(join(__dirname, "host.js"), [], { execArgv: [], env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const server = new ServerProcess<Info>(role, child);
    server.info = (await server.send({ cmd: "start", role, params })) as Info;
    return server;
  }

  send(command: HostCommand): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...command, id }, (error) => {
        if (error) {
          this.pending.delete(id);
          reject(error);
        }
      });
    });
  }

  async mark(): Promise<void> {
    await this.send({ cmd: "mark" });
  }

  stats(): Promise<HostStats> {
    return this.send({ cmd: "stats" }) as Promise<HostStats>;
  }

  /**
   * Waits until the process is idle: when a load run ends, the server may still be working through requests the
   * load generator gave up on, and that work must not be counted in the next measurement.
   */
  async settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_MAX_MS;
    let before = (await this.stats()).cpuMicros;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
      const now = (await this.stats()).cpuMicros;
      if (now - before < SETTLE_WINDOW_MS * 1000 * 0.05) return;
      before = now;
    }
  }

  call<T>(name: string, args?: unknown): Promise<T> {
    return this.send({ cmd: "call", name, args }) as Promise<T>;
  }

  /** A clean stop; a process that hangs is killed after a while. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await this.send({ cmd: "stop" }).catch(() => undefined);
    await this.exited;
    clearTimeout(timer);
  }
}

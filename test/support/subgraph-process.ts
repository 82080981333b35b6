import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { TEST_AUTH_ENV } from "./auth";

const ROOT = join(__dirname, "..", "..");

export interface SubgraphProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hooks, no chance to write anything more. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The real entry point (src/index.ts) in its own process, configured only through the environment (plus the test JWT secret). */
export async function startSubgraphProcess(env: Record<string, string>): Promise<SubgraphProcess> {
  const child = spawn(process.execPath, ["-r", join(__dirname, "swc-register.js"), join(ROOT, "src/index.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", PORT: "0", LOG_LEVEL: "warn", ...TEST_AUTH_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`subgraph did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /cards subgraph at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`subgraph exited with ${code}:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => output, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}

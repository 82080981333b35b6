/**
 * Fault injection shared by both simulators. A test arms a fault for the next matching request(s); the simulator
 * consults `take()` once per request and acts on what it gets back.
 */
export type FaultKind =
  | "latency" // wait `latencyMs`, then handle normally
  | "status" // answer `status` (with `retryAfter` and `body` if given) without handling
  | "drop-before" // destroy the socket before handling: nothing was created
  | "drop-after-commit" // handle (the card IS created), then destroy the socket instead of answering
  | "malformed-json" // handle, then answer 200 with a truncated JSON body
  | "html" // answer `status` (default 502) with an HTML error page, like a load balancer
  | "failure-envelope"; // answer 200 with the provider's success envelope carrying a failure inside

export interface Fault {
  kind: FaultKind;
  method?: string;
  /** Exact path, or a RegExp tested against the path without the query string. */
  path?: string | RegExp;
  /** How many matching requests it applies to; default 1. */
  times?: number;
  latencyMs?: number;
  status?: number;
  retryAfter?: string;
  body?: unknown;
}

export class FaultInjector {
  private faults: Array<Fault & { left: number }> = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first armed fault matching this request, consuming one use of it. */
  take(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.left > 0 && matches(f, method, path));
    if (i < 0) return undefined;
    const fault = this.faults[i];
    fault.left -= 1;
    if (fault.left <= 0) this.faults.splice(i, 1);
    return fault;
  }
}

function matches(f: Fault, method: string, path: string): boolean {
  if (f.method && f.method.toUpperCase() !== method.toUpperCase()) return false;
  if (f.path === undefined) return true;
  return typeof f.path === "string" ? f.path === path : f.path.test(path);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

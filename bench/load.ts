import autocannon from "autocannon";
import { percentile } from "./stats";

/** One HTTP request shape to repeat: a fixed body, a few fixed bodies taken in turn, or a fresh body each time. */
export type Payload = { body: string } | { bodies: string[] } | { next: () => { body: string; headers?: Record<string, string> } };

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  payload: Payload;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Exact percentiles of the 2xx responses' latencies, in milliseconds (autocannon's own histogram rounds to 1 ms). */
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Requests sent, answered or not: the server finishes the ones still running when the run ends. */
  sent: number;
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers that carried GraphQL errors. */
  failures: { errors: number; timeouts: number; non2xx: number; graphqlErrors: number };
  /** The first failure's body or error message, cut short, to tell what went wrong. */
  firstFailure?: string;
}

/** A GraphQL answer with `errors` is a failed request even under HTTP 200 (our subgraph and the gateway both do that). */
const hasNoErrors = (body: string | Buffer | undefined): boolean => !String(body ?? "").includes('"errors":');

function requestsFor(payload: Payload): autocannon.Request[] {
  if ("body" in payload) return [{ body: payload.body }];
  if ("bodies" in payload) return payload.bodies.map((body) => ({ body }));
  const { next } = payload;
  return [
    {
      setupRequest: (request) => {
        const { body, headers } = next();
        return { ...request, body, headers: { ...request.headers, ...headers } };
      },
    },
  ];
}

/** Runs autocannon in this process (the servers live in others) and measures each response's latency itself. */
export async function fire(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstFailure: string | undefined;
  const noteFailure = (what: unknown) => (firstFailure ??= String(what instanceof Error ? what.message : what).slice(0, 300));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance: NodeJS.EventEmitter = autocannon(
      {
        url: spec.url,
        method: "POST",
        headers: { "content-type": "application/json", ...spec.headers },
        requests: requestsFor(spec.payload),
        connections: spec.connections,
        duration: spec.durationSeconds,
        verifyBody: hasNoErrors,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // Emitted with the client first, then status, bytes and the latency in fractional milliseconds.
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else noteFailure(`HTTP ${status}`);
    });
    instance.on("reqMismatch", noteFailure);
    instance.on("reqError", noteFailure);
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: (latencies.length - result.mismatches) / result.duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    completed: latencies.length,
    // Not in @types/autocannon, but always set by autocannon 9's result.
    sent: (result.requests as { sent?: number }).sent ?? latencies.length,
    failures: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphqlErrors: result.mismatches },
    ...(firstFailure ? { firstFailure } : {}),
  };
}

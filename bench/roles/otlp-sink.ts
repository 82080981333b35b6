import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HOST } from "./role";

/**
 * Stands in for an OpenTelemetry collector: accepts OTLP/HTTP trace exports and drops them, counting requests and
 * bytes, so the bench pays the subgraph's real cost of exporting and the collector's cost is nobody's.
 */
export async function startOtlpSink(): Promise<{ url: string; stats(): { exports: number; bytes: number }; stop(): Promise<void> }> {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => {
      exports += 1;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}`,
    stats: () => ({ exports, bytes }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

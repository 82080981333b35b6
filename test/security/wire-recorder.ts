import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { listen } from "../../src/sandbox/http";

export interface WireRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WireRecorder {
  url: string;
  /** Every request the subgraph sent through this recorder, with its body as sent. */
  requests: WireRequest[];
  /** Where requests go; until it is set they wait, so the recorder can be started before the simulator's URL is known. */
  forwardTo(url: string): void;
  stop(): Promise<void>;
}

/**
 * A loopback pass-through between the subgraph and a simulator that keeps what was sent on the wire. A dropped
 * upstream connection drops the downstream one too, so the simulators' faults reach the subgraph unchanged.
 */
export async function startWireRecorder(): Promise<WireRecorder> {
  const requests: WireRequest[] = [];
  let setTarget!: (url: string) => void;
  const target = new Promise<string>((resolve) => (setTarget = resolve));
  const server = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: body.toString("utf8") });
    const upstream = httpRequest(new URL(req.url ?? "/", await target), { method: req.method, headers: { ...req.headers, connection: "close" }, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("error", () => res.destroy());
      answer.on("aborted", () => res.destroy());
    });
    upstream.on("error", () => res.destroy());
    upstream.end(body);
  });
  return { url: server.url, requests, forwardTo: setTarget, stop: server.close };
}

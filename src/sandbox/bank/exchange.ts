import type { IncomingMessage, ServerResponse } from "node:http";
import { sleep, type Fault } from "../faults";
import { sendHtml, type RecordedRequest } from "../http";

/**
 * One request and its answer. Every response leaves through `sendText`, which is where the faults that act after
 * handling take effect (latency, drop-after-commit, malformed-json), and where the recorded status is set.
 */
export class Exchange {
  private latencySpent = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly record: RecordedRequest,
    readonly body: string,
    readonly fault: Fault | undefined,
  ) {}

  get method(): string {
    return this.record.method;
  }

  get path(): string {
    return this.record.path;
  }

  /** The query string without its `?`. */
  get query(): string {
    return (this.req.url ?? "").split("?")[1] ?? "";
  }

  /** The first non-undefined value among the given header spellings (the bank's pages use both `-` and `_`). */
  header(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.req.headers[name];
      if (value !== undefined) return Array.isArray(value) ? value[0] : value;
    }
    return undefined;
  }

  /**
   * Spends a latency fault once. POST /cards calls this after claiming its idempotency key so a concurrent retry sees
   * the key in flight; every other response spends it just before being written.
   */
  async delay(): Promise<void> {
    if (this.fault?.kind !== "latency" || this.latencySpent) return;
    this.latencySpent = true;
    await sleep(this.fault.latencyMs ?? 0);
  }

  send(status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> {
    return this.sendText(status, JSON.stringify(body), headers);
  }

  async sendText(status: number, text: string, headers: Record<string, string> = {}): Promise<void> {
    await this.delay();
    if (this.fault?.kind === "drop-after-commit") return this.drop();
    const out = this.fault?.kind === "malformed-json" ? truncate(text) : text;
    this.record.status = status;
    this.res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(out)), ...headers });
    this.res.end(out);
  }

  /** An HTML page (the consent page); faults do not apply to it. */
  page(status: number, html: string): void {
    this.record.status = status;
    this.res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": String(Buffer.byteLength(html)), "cache-control": "no-store" });
    this.res.end(html);
  }

  /** A load balancer's error page instead of the API's JSON. */
  html(status: number): void {
    this.record.status = status;
    sendHtml(this.res, status);
  }

  /** Ends the connection without an answer; recorded as status 0. */
  drop(): void {
    this.record.status = 0;
    this.req.socket.destroy();
  }
}

/** Cuts the body mid-way, as a proxy timing out mid-stream would; half of any JSON object is never valid JSON. */
function truncate(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

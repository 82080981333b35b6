import type { IncomingMessage } from "node:http";

/** Why a request body was refused, as the HTTP status and error code to answer with. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

export const tooLarge = (limit: number) => new BodyError(413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${limit} bytes`);

/** Collects the body, refusing it as soon as it passes `limit` bytes, whether or not content-length announced it. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      reject(tooLarge(limit));
    };
    const onEnd = () => (cleanup(), resolve(Buffer.concat(chunks)));
    const onError = (error: Error) => (cleanup(), reject(error));
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function mediaTypeOf(contentType: string | undefined): { essence: string; charset?: string } {
  const [essence, ...params] = (contentType ?? "").split(";").map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  return { essence, charset };
}

/**
 * The parsed JSON body of a POST, or undefined when it is not JSON or empty: Apollo then answers with its own 400,
 * after its CSRF check, exactly as it does behind body-parser.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding !== "identity") throw new BodyError(415, "UNSUPPORTED_MEDIA_TYPE", "Compressed request bodies are not accepted");
  const raw = await readLimited(req, limit);
  const { essence, charset } = mediaTypeOf(req.headers["content-type"]);
  if (essence !== "application/json" || raw.length === 0) return undefined;
  // RFC 8259: JSON exchanged between systems is UTF-8.
  if (charset && charset !== "utf-8" && charset !== "utf8") throw new BodyError(415, "UNSUPPORTED_MEDIA_TYPE", "JSON bodies must be UTF-8");
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BodyError(400, "BAD_REQUEST", "Request body is not valid JSON");
  }
  if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
    throw new BodyError(400, "BAD_USER_INPUT", `Request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  return body;
}

/**
 * Far deeper than any input type nests (metadata is flat, spending controls four levels). Deeper values would
 * overflow the stack of whichever recursive code meets them first (variable coercion, class-transformer,
 * JSON.stringify): 150,000 levels were an INTERNAL_SERVER_ERROR with a stack in the log.
 */
export const MAX_JSON_DEPTH = 64;

/** Iterative, so measuring a hostile value cannot overflow the stack either. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length) {
    const next = pending.pop()!;
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) if (typeof child === "object" && child !== null) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

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
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BodyError(400, "BAD_REQUEST", "Request body is not valid JSON");
  }
}

import { createHash } from "node:crypto";

/** A response exactly as first sent, so a replay is byte-for-byte identical. */
export interface StoredResponse {
  status: number;
  text: string;
}

type Entry = { hash: string; response?: StoredResponse };

export type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "different-body" }
  | { kind: "in-progress" };

/**
 * OBN idempotency (FACTS A.10): the first request that starts executing under a key owns it; its status and body are
 * replayed to every later request with the same body, whatever they were (5xx included), and keys never expire.
 * Callers claim a key only after validation passes, so rejected requests leave nothing behind.
 */
export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  claim(clientId: string, key: string, hash: string): Claim {
    const id = entryId(clientId, key);
    const entry = this.entries.get(id);
    if (!entry) {
      this.entries.set(id, { hash });
      return { kind: "claimed" };
    }
    // While the owner is still running we cannot know the outcome, whatever this request's body is.
    if (!entry.response) return { kind: "in-progress" };
    return entry.hash === hash ? { kind: "replay", response: entry.response } : { kind: "different-body" };
  }

  complete(clientId: string, key: string, response: StoredResponse): void {
    const entry = this.entries.get(entryId(clientId, key));
    if (entry) entry.response = response;
  }

  clear(): void {
    this.entries.clear();
  }
}

function entryId(clientId: string, key: string): string {
  return `${clientId}\u0000${key}`;
}

/** SHA-256 of the body's canonical JSON (object keys sorted at every depth), so key order and spacing do not matter. */
export function bodyHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonical(body))).digest("hex");
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, canonical(obj[k])]));
}

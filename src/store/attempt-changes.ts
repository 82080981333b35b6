import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";

/** The channel the card_attempts trigger (migration 0002_attempt_wakeups) notifies on. */
export const ATTEMPT_CHANNEL = "card_attempts";

/**
 * What the trigger sends for an attempt: md5 of scope and key, so notifications (visible to every session of the
 * database) reveal neither, and fit the payload limit whatever the key's length.
 */
export function attemptChangeId(scope: string, key: string): string {
  return createHash("md5").update(`${scope}\n${key}`, "utf8").digest("hex");
}

/**
 * Wake-ups for waiters: an attempt finished, or its lease was released. Delivered after commit, to every process
 * listening on the database, at most once; a missed one only delays a waiter to its fallback poll.
 */
export interface AttemptChanges {
  subscribe(listener: (changeId: string) => void): () => void;
  close(): Promise<void>;
}

class Listeners {
  private readonly listeners = new Set<(changeId: string) => void>();

  subscribe(listener: (changeId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(changeId: string): void {
    for (const listener of this.listeners) listener(changeId);
  }
}

/** PGlite delivers NOTIFY to its own listeners: one process owns the engine, so that is every waiter. */
export async function pgliteAttemptChanges(db: PGlite): Promise<AttemptChanges> {
  const listeners = new Listeners();
  const unlisten = await db.listen(ATTEMPT_CHANNEL, (payload) => listeners.emit(payload));
  return {
    subscribe: (listener) => listeners.subscribe(listener),
    close: () => unlisten().catch(() => undefined),
  };
}

export interface PgListenOptions {
  connectionString: string;
  /** Same search_path as the pool, though channels are database-wide. */
  options?: string;
  /** Wait before reconnecting a lost LISTEN connection. */
  reconnectMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other statements). A lost connection is
 * reopened; meanwhile waiters fall back to polling.
 */
export async function pgAttemptChanges({ connectionString, options, reconnectMs = 1_000, onError }: PgListenOptions): Promise<AttemptChanges> {
  const listeners = new Listeners();
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString, ...(options ? { options } : {}) });
    next.on("notification", (message) => message.channel === ATTEMPT_CHANNEL && message.payload && listeners.emit(message.payload));
    next.on("error", (error) => {
      onError?.(error);
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${ATTEMPT_CHANNEL}`);
    if (closed) return void (await next.end());
    client = next;
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error) => (onError?.(error), schedule()));
    }, reconnectMs);
    retry.unref();
  };

  await connect();
  return {
    subscribe: (listener) => listeners.subscribe(listener),
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

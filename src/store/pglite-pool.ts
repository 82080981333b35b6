/** The part of PGlite this adapter uses. */
interface EmbeddedDb {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  close(): Promise<void>;
}

interface PoolClient {
  query(sql: string, params: unknown[]): Promise<{ command: string; rowCount: number; rows: unknown[] }>;
  release(): void;
}

/**
 * Presents one embedded PGlite database as the `pg`-style pool Kysely's PostgresDialect expects. PGlite has a single
 * connection, so a client is handed out to one caller at a time; a transaction therefore never interleaves with
 * another caller's statements.
 */
export class PGlitePool {
  private tail: Promise<void> = Promise.resolve();
  /** Callers holding the connection or waiting for it. */
  private users = 0;

  constructor(private readonly db: EmbeddedDb) {}

  /** One connection, busy while anyone holds it; the others wait. */
  usage(): { total: number; idle: number; waiting: number } {
    return { total: 1, idle: this.users === 0 ? 1 : 0, waiting: Math.max(0, this.users - 1) };
  }

  async connect(): Promise<PoolClient> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      let released = false;
      release = () => {
        if (released) return;
        released = true;
        this.users -= 1;
        resolve();
      };
    });
    this.users += 1;
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    await previous;
    return {
      query: async (sql, params) => {
        const result = await this.db.query(sql, params);
        const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "";
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release,
    };
  }

  async end(): Promise<void> {
    await this.db.close();
  }
}

/** One server a bench process hosts: what it tells the orchestrator once started, and how it is driven and stopped. */
export interface Role {
  info: Record<string, unknown>;
  /** SQL statements sent so far; only the subgraph has a store. */
  sqlStatements?(): number;
  commands?: Record<string, (args: unknown) => unknown>;
  stop(): Promise<void>;
}

export const HOST = "127.0.0.1";

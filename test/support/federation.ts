import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLogger } from "../../src/logger";
import { startSupergraph as startLocalSupergraph, type RunningSupergraph } from "../../src/supergraph";

/** The example customers subgraph (src/supergraph/customers.ts) knows only the customers a test names. */
const NAMES = new Map<string, string>();

export function nameCustomer(id: string, name: string): void {
  NAMES.set(id, name);
}

export type Supergraph = RunningSupergraph;

/**
 * Composes our committed SDL with the example customers subgraph behind @apollo/gateway, exactly as
 * `npm run supergraph` does (the gateway forwards the caller's Authorization header and the request id).
 */
export async function startSupergraph(cardsUrl: string): Promise<Supergraph> {
  const cardsSdl = readFileSync(join(__dirname, "..", "..", "schema.graphql"), "utf8");
  return startLocalSupergraph({ cardsUrl, cardsSdl, port: 0, host: "127.0.0.1", logger: createLogger("silent"), customerNames: NAMES });
}

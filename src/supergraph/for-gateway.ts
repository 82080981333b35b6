import { readFileSync } from "node:fs";
import { forStockGateway } from "./router-only-security";

// `npm run supergraph:for-gateway -- supergraph.graphql > gateway.graphql` (or the supergraph on stdin): the
// composed supergraph, e.g. from `rover supergraph compose`, rewritten for a stock @apollo/gateway (README,
// "Gateways and routers").

const source = process.argv[2] ?? 0;
try {
  process.stdout.write(`${forStockGateway(readFileSync(source, "utf8"))}\n`);
} catch (error) {
  console.error(`supergraph:for-gateway: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

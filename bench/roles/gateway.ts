import { createLogger } from "../../src/logger";
import { composeSupergraph, startGateway, type SubgraphEndpoint } from "../../src/supergraph/gateway";
import type { Role } from "./role";
import { HOST } from "./role";

export interface GatewayParams {
  subgraphs: SubgraphEndpoint[];
  logLevel: string;
}

/** The local @apollo/gateway `npm run supergraph` uses, composed in-process over the given subgraphs. */
export async function startGatewayRole({ subgraphs, logLevel }: GatewayParams): Promise<Role> {
  const gateway = await startGateway({ supergraphSdl: composeSupergraph(subgraphs), port: 0, host: HOST, logger: createLogger(logLevel) });
  return { info: { url: gateway.url }, stop: () => gateway.stop() };
}

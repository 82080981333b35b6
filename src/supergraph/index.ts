import type { RouteHandler } from "../http";
import type { Logger } from "../logger";
import { CUSTOMERS_SDL, sandboxCustomerNames, startCustomersSubgraph } from "./customers";
import { composeSupergraph, startGateway } from "./gateway";

export interface SupergraphOptions {
  /** Where the cards subgraph already runs, and the SDL to compose for it. */
  cardsUrl: string;
  cardsSdl: string;
  /** Gateway port; 0 picks a free one. */
  port: number;
  host: string;
  logger: Logger;
  /** Customer id → name for the example customers subgraph; the sandboxes' seeded customers by default. */
  customerNames?: ReadonlyMap<string, string>;
  /** Sent to the subgraphs as `router-authorization`, as the router does when they require ROUTER_SECRET. */
  routerSecret?: string;
  /** Served by the gateway before GraphQL, e.g. the GraphiQL page. */
  routes?: readonly RouteHandler[];
}

export interface RunningSupergraph {
  url: string;
  customersUrl: string;
  supergraphSdl: string;
  stop(): Promise<void>;
}

/** The example customers subgraph plus a gateway over it and the given cards subgraph, composed in-process. */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const customers = await startCustomersSubgraph({
    names: options.customerNames ?? sandboxCustomerNames(),
    host: options.host,
    logger: options.logger.child({ subgraph: "customers" }),
  });
  try {
    const supergraphSdl = composeSupergraph([
      { name: "cards", url: options.cardsUrl, sdl: options.cardsSdl },
      { name: "customers", url: customers.url, sdl: CUSTOMERS_SDL },
    ]);
    const gateway = await startGateway({ ...options, supergraphSdl, logger: options.logger.child({ component: "gateway" }) });
    return {
      url: gateway.url,
      customersUrl: customers.url,
      supergraphSdl,
      async stop() {
        await gateway.stop();
        await customers.stop();
      },
    };
  } catch (error) {
    await customers.stop();
    throw error;
  }
}

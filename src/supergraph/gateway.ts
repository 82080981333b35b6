import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { GraphQLError, parse } from "graphql";
import { REQUEST_ID_HEADER, startHttpServer, type RouteHandler, type RunningHttpServer } from "../http";
import type { Logger } from "../logger";
import { formatGatewayError, subgraphStatusError, subgraphUnavailableError } from "./errors";
import { LOCAL_HTTP_LIMITS } from "./limits";
import { forStockGateway } from "./router-only-security";

export interface SubgraphEndpoint {
  name: string;
  url: string;
  sdl: string;
}

interface GatewayContext {
  requestId: string;
  authorization?: string;
}

/** Composes the subgraphs into a supergraph SDL, as the router's build step would; throws with every problem. */
export function composeSupergraph(subgraphs: readonly SubgraphEndpoint[]): string {
  const composed = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (composed.errors) throw new Error(`composition failed:\n${composed.errors.map((e) => `  - ${e.message}`).join("\n")}`);
  return composed.supergraphSdl;
}

/**
 * Passes on what a router passes on: the caller's bearer token (subgraphs authenticate it), our request id, and the
 * router's shared secret when ROUTER_SECRET is set for the subgraphs.
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly routerSecret: string | undefined,
    private readonly logger: Logger,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    if (context.authorization) headers.set("authorization", context.authorization);
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (this.routerSecret) headers.set("router-authorization", this.routerSecret);
  }

  /** Replaces the stock error, which carries the subgraph's URL, status line and body to the client. */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    return subgraphStatusError(response.status, response.headers.get("retry-after"));
  }

  /** A failed fetch names the subgraph's URL; a non-JSON body is quoted. The client gets neither; the log gets the cause. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError && !error.extensions.response) throw error;
    this.logger.warn({ subgraph: this.url, err: error }, "subgraph request failed");
    throw subgraphUnavailableError();
  }
}

type SubgraphResponse = Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0];

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  host: string;
  logger: Logger;
  routerSecret?: string;
  routes?: readonly RouteHandler[];
}

/** @apollo/gateway on our HTTP layer: request ids passed on like a router, and extra routes such as GraphiQL. */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpServer & { stop(): Promise<void> }> {
  const gateway = new ApolloGateway({
    // @apollo/gateway cannot enforce @authenticated/@requiresScopes; the cards subgraph enforces them itself.
    supergraphSdl: forStockGateway(options.supergraphSdl),
    buildService: ({ url }) => new ForwardingDataSource(url!, options.routerSecret, options.logger),
    logger: options.logger,
  });
  // Signals are handled once, for the whole process, by exitOnSignals.
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger: options.logger,
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
  });
  const running = await startHttpServer(server, {
    port: options.port,
    host: options.host,
    logger: options.logger,
    ...LOCAL_HTTP_LIMITS,
    routes: options.routes,
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { ...running, stop: () => server.stop() };
}

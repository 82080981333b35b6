import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { withLogFields, type Logger } from "../logger";
import { inRequestSpan } from "../telemetry/spans";
import { BodyError } from "./body";
import { serveGraphQL } from "./graphql";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";
import { pathOf, searchOf, sendError, sendHttpError, type RouteHandler } from "./respond";

/** Above the idle timeouts of Apollo Router (5 s), @apollo/gateway's agent and common load balancers (60 s). */
const KEEP_ALIVE_MS = 75_000;

/** Where GraphQL is served, as `startStandaloneServer` did and the README documents. */
const GRAPHQL_PATH = "/";

export interface RequestArgs {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
}

export interface HttpServerOptions<TContext extends { requestId: string }> {
  port: number;
  host: string;
  logger: Logger;
  /** Larger GraphQL request bodies get 413 before any parsing. */
  maxBodyBytes: number;
  /** On stop, how long in-flight requests may run before their connections are closed. */
  shutdownGraceMs: number;
  /** Tried in order for every request that is not a GraphQL operation (a GET / without `query` included). */
  routes?: readonly RouteHandler[];
  /**
   * Checks who is calling, before the body of a GraphQL request is read: a caller without a valid credential gets the
   * error's HTTP status (401) and costs no body bytes, parsing or store work. Its result reaches `context`.
   */
  authenticate?: (req: IncomingMessage) => Promise<unknown>;
  /** Builds the GraphQL context; the request id is added to what it returns. */
  context: (args: RequestArgs & { authenticated: unknown }) => Promise<Omit<TContext, "requestId">>;
  /** Socket-level bounds, so slow or idle clients cannot hold the server's connections and memory. */
  connections?: ConnectionLimits;
}

export interface ConnectionLimits {
  /** The complete request headers must arrive within this time of the request's start (else 408 and close). */
  headersTimeoutMs: number;
  /** The complete request, body included, must arrive within this time (else 408 and close). */
  requestTimeoutMs: number;
  /** Connections beyond this many are closed at once. */
  maxConnections: number;
}

export interface RunningHttpServer {
  url: string;
}

function isGraphQLOperation(req: IncomingMessage): boolean {
  if (pathOf(req) !== GRAPHQL_PATH) return false;
  return req.method === "POST" || new URLSearchParams(searchOf(req)).has("query");
}

function urlOf(httpServer: Server): string {
  const { address, port, family } = httpServer.address() as AddressInfo;
  const host = address === "::" || address === "0.0.0.0" ? "localhost" : family === "IPv6" ? `[${address}]` : address;
  return `http://${host}:${port}/`;
}

/** One access line per request; health probes only at debug, as they arrive every few seconds. */
function logCompletion(req: IncomingMessage, res: ServerResponse, logger: Logger, started: bigint): void {
  const path = pathOf(req);
  const line = {
    method: req.method,
    path,
    status: res.statusCode,
    durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
    ...(res.writableFinished ? {} : { aborted: true }),
  };
  if (path.startsWith("/health/")) logger.debug(line, "request completed");
  else logger.info(line, "request completed");
}

function failed(res: ServerResponse, error: unknown, logger: Logger): void {
  if (error instanceof BodyError) {
    // Closing the connection stops a client that keeps streaming an oversized body.
    return sendError(res, error.status, error.code, error.message, error.status === 413 ? { connection: "close" } : {});
  }
  logger.error({ err: error }, "request failed");
  if (res.headersSent) res.destroy();
  else sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
}

/**
 * Serves an ApolloServer on our own node:http server so we own routing: extra routes (health, GraphiQL), a body-size
 * limit, request ids in responses and logs, and a drain on `server.stop()` that lets in-flight requests finish.
 */
export async function startHttpServer<TContext extends BaseContext & { requestId: string }>(
  server: ApolloServer<TContext>,
  options: HttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const { logger, routes = [] } = options;

  async function dispatch(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    // One span per GraphQL request, under the router's traceparent: auth, the store and the providers nest in it.
    const graphql = (authenticated?: unknown) =>
      inRequestSpan(req.headers, () =>
        serveGraphQL(server, req, res, {
          maxBodyBytes: options.maxBodyBytes,
          context: async () => ({ ...(await options.context({ req, res, requestId, authenticated })), requestId }) as TContext,
        }),
      );
    if (isGraphQLOperation(req)) {
      if (!options.authenticate) return graphql();
      let authenticated: unknown;
      try {
        authenticated = await options.authenticate(req);
      } catch (error) {
        // The body was never read: closing the connection spares reading it just to keep the connection alive.
        if (sendHttpError(res, error, { connection: "close" })) return;
        throw error;
      }
      return graphql(authenticated);
    }
    for (const route of routes) if (await route(req, res)) return;
    // Apollo's landing page, or its own 400 or 405 for a malformed GraphQL request.
    if (pathOf(req) === GRAPHQL_PATH) return graphql();
    sendError(res, 404, "NOT_FOUND", "Not found");
  }

  const limits = options.connections;
  // Node checks these timeouts every connectionsCheckingInterval (30 s by default): a short limit needs a short check.
  const serverOptions = limits
    ? { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs) }
    : {};
  const httpServer = createServer(serverOptions, (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers);
    const scope = { requestId };
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.once("close", () => withLogFields(scope, () => logCompletion(req, res, logger, started)));
    withLogFields(scope, () => dispatch(req, res, requestId).catch((error) => failed(res, error, logger)));
  });
  // Node closes idle keep-alive connections after 5 s, the same moment a router's pool may reuse one: the request
  // then meets a closed socket ("socket hang up"). The server must outlast its clients' idle timeouts.
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  if (limits) httpServer.maxConnections = limits.maxConnections;
  server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.shutdownGraceMs }));
  await server.start();
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen({ port: options.port, host: options.host }, () => {
        httpServer.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: urlOf(httpServer) };
}

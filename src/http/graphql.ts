import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import { readJsonBody } from "./body";
import { searchOf } from "./respond";

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    // Joined like the Fetch API's Headers; Node already lower-cases names.
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Hands one HTTP request to Apollo (CSRF prevention, landing page, GraphQL execution) and writes its answer. */
export async function serveGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxBodyBytes: number; context: () => Promise<TContext> },
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method,
    headers: headerMapOf(req),
    search: searchOf(req),
    body: method === "POST" ? await readJsonBody(req, options.maxBodyBytes) : undefined,
  };
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: options.context });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

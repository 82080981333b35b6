import type { EnvReader } from "../env";

/** GRAPHIQL: serve the GraphiQL page on GET / to browsers. Off by default in production, like introspection. */
export function readGraphiQLEnabled(read: EnvReader, production: boolean): boolean {
  return read.oneOf("GRAPHIQL", ["true", "false"], production ? "false" : "true") === "true";
}

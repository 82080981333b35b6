import type { EnvReader } from "../env";
import type { QueryLimits } from "./limits";

export interface GraphQLSecurityConfig extends QueryLimits {
  introspection: boolean;
}

/** INTROSPECTION (default: off in production), MAX_QUERY_DEPTH and MAX_QUERY_COST. */
export function readGraphQLSecurityConfig(read: EnvReader, production: boolean): GraphQLSecurityConfig {
  return {
    introspection: read.oneOf("INTROSPECTION", ["true", "false"], production ? "false" : "true") === "true",
    maxDepth: read.int("MAX_QUERY_DEPTH", 10, 2, 100),
    maxCost: read.int("MAX_QUERY_COST", 10_000, 100, 10_000_000),
  };
}

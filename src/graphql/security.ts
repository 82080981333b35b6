import type { ApolloServerOptionsWithSchema, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Context } from "../context";
import type { GraphQLSecurityConfig } from "./config";
import { queryLimitRules } from "./limits";

type SecurityOptions = Pick<
  ApolloServerOptionsWithSchema<Context>,
  "introspection" | "hideSchemaDetailsFromClientErrors" | "csrfPrevention" | "allowBatchedHttpRequests" | "validationRules"
>;

/** The ApolloServer options that limit what a request may ask for. */
export function securityOptions(config: GraphQLSecurityConfig): SecurityOptions {
  return {
    introspection: config.introspection,
    // Without introspection, "did you mean …?" suggestions would still reveal the schema field by field.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // Apollo's defaults, stated so that a refactor cannot silently drop them.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: queryLimitRules(config),
  };
}

/**
 * GraphiQL (src/graphiql, GRAPHIQL) is this subgraph's landing page; Apollo's own would load Apollo Sandbox from a CDN
 * and is kept off everywhere.
 */
export function landingPagePlugin(): ApolloServerPlugin<Context> {
  return ApolloServerPluginLandingPageDisabled();
}

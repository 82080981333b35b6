import type { ApolloServerOptionsWithSchema, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Context } from "../context";
import type { GraphQLSecurityConfig } from "./config";
import { operationCountRule, type DocumentLimits } from "./document-limits";
import { queryLimitRules } from "./limits";

type SecurityOptions = Pick<
  ApolloServerOptionsWithSchema<Context>,
  "introspection" | "hideSchemaDetailsFromClientErrors" | "csrfPrevention" | "allowBatchedHttpRequests" | "validationRules" | "parseOptions"
>;

/** The ApolloServer options that limit what a request may ask for. */
export function securityOptions(config: GraphQLSecurityConfig, documents: DocumentLimits): SecurityOptions {
  return {
    introspection: config.introspection,
    // Without introspection, "did you mean …?" suggestions would still reveal the schema field by field.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // Apollo's defaults, stated so that a refactor cannot silently drop them.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: documents.maxTokens },
    validationRules: [operationCountRule(documents.maxOperations), ...queryLimitRules(config)],
  };
}

/**
 * GraphiQL (src/graphiql, GRAPHIQL) is this subgraph's landing page; Apollo's own would load Apollo Sandbox from a CDN
 * and is kept off everywhere.
 */
export function landingPagePlugin(): ApolloServerPlugin<Context> {
  return ApolloServerPluginLandingPageDisabled();
}

import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import { graphqlDuration, graphqlRequests } from "./metrics";
import { nameOperation, recordErrorCodes } from "./spans";

/**
 * A bounded label for an operation: its type and the schema fields it selects at the root, e.g. `query card` or
 * `query _entities`. The client's operation name is free text, so it names spans but never a metric series.
 */
export function operationSignature(operation: OperationDefinitionNode): string {
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== "__typename") fields.add(selection.name.value);
  }
  const sorted = [...fields].sort();
  const shown = sorted.length > 3 ? [...sorted.slice(0, 3), "…"] : sorted;
  return `${operation.operation} ${shown.join(",") || "__typename"}`;
}

/** Names the request span after the operation, and counts and times every request by operation and outcome. */
export const telemetryPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    const started = performance.now();
    let operation = "unknown";
    return {
      async didResolveOperation({ operation: node, operationName }) {
        if (!node) return;
        operation = operationSignature(node);
        nameOperation(node.operation, operationName ?? node.name?.value);
      },
      async willSendResponse({ response }) {
        const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
        const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
        recordErrorCodes(codes);
        const labels = { operation, outcome: codes[0] ?? "OK" };
        graphqlRequests.inc(labels);
        graphqlDuration.observe(labels, (performance.now() - started) / 1000);
      },
    };
  },
};

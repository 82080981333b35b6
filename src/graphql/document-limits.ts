import { GraphQLError, Kind, type ValidationRule } from "graphql";
import type { EnvReader } from "../env";

/** Bounds on the document itself, applied before and at validation, whoever sends it. */
export interface DocumentLimits {
  /** graphql-js stops parsing past this many tokens: a 0.45 MB document of 15,000 operations is refused unparsed. */
  maxTokens: number;
  /** Every operation of a document is validated, though only one runs. */
  maxOperations: number;
}

/** MAX_QUERY_TOKENS and MAX_OPERATIONS (see the README's configuration table). */
export function readDocumentLimits(read: EnvReader): DocumentLimits {
  return {
    // The largest document our clients send (a router's _entities batch with every Card field) is a few hundred.
    maxTokens: read.int("MAX_QUERY_TOKENS", 5_000, 100, 1_000_000),
    // GraphiQL sends a whole tab of operations and names the one to run.
    maxOperations: read.int("MAX_OPERATIONS", 10, 1, 1_000),
  };
}

export function operationCountRule(maxOperations: number): ValidationRule {
  return (context) => ({
    Document(document) {
      const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
      if (count > maxOperations) {
        context.reportError(new GraphQLError(`The document has ${count} operations; at most ${maxOperations} are accepted in one request.`));
      }
      return false;
    },
  });
}

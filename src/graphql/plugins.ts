import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../logger";

/**
 * Answers HTTP 200 whenever a GraphQL response carries errors. @apollo/gateway turns any non-2xx from a subgraph into
 * an INTERNAL_SERVER_ERROR that echoes our URL and the request body; with 200 it relays our code and message.
 * GraphQL-over-HTTP allows this for application/json responses.
 */
export const errorsAsHttp200: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === "single" && response.body.singleResult.errors?.length && response.http.status !== 200) {
          response.http.status = 200;
        }
      },
    };
  },
};

/** Logs unexpected errors server-side (clients see only a generic message; see format-error.ts). */
export function logUnexpectedErrors(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (!code || code === "INTERNAL_SERVER_ERROR") {
              logger.error({ operationName, err: { message: error.message, stack: error.originalError?.stack ?? error.stack } }, "unexpected error");
            }
          }
        },
      };
    },
  };
}

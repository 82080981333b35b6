import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../logger";
import { toArgumentPath, variableArgumentPaths } from "./variable-paths";

/**
 * Rewrites variable-based error paths to the argument the client wrote, and answers HTTP 200 whenever a GraphQL
 * response carries errors. @apollo/gateway turns any non-2xx from a subgraph into
 * an INTERNAL_SERVER_ERROR that echoes our URL and the request body; with 200 it relays our code and message.
 * GraphQL-over-HTTP allows this for application/json responses.
 */
export const shapeErrorResponses: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, document }) {
        if (response.body.kind !== "single" || !response.body.singleResult.errors?.length) return;
        response.http.status = 200;
        const errors = response.body.singleResult.errors;
        if (!errors.some((e) => String(e.extensions?.field ?? "").startsWith("$"))) return;
        const paths = document ? variableArgumentPaths(document) : new Map<string, string>();
        response.body.singleResult.errors = errors.map((e) => {
          const field = String(e.extensions?.field ?? "");
          if (!field.startsWith("$")) return e;
          const argumentPath = toArgumentPath(field, paths);
          return { ...e, message: e.message.replace(field, argumentPath), extensions: { ...e.extensions, field: argumentPath } };
        });
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

/**
 * Card data must never sit in a shared cache. Apollo's cache-control plugin would work that out field by field on
 * every request (no field has a cache hint, so the answer is always no-store); it is disabled in app.ts for that
 * per-field cost, and every GraphQL response says no-store here instead.
 */
export const noStore: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set("cache-control", "no-store");
      },
    };
  },
};

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { printSubgraphSdl } from "../../src/schema/build";
import type { Role } from "./role";
import { HOST } from "./role";

export interface BareParams {
  /** The cards exactly as the subgraph serialises them, keyed by nothing but their `id`. */
  cards: Array<{ id: string } & Record<string, unknown>>;
}

/**
 * The baseline for reads: a bare @apollo/server (startStandaloneServer, defaults only) on the same subgraph SDL, with
 * plain graphql-js resolvers that return the subgraph's own JSON from memory. No auth, no store, no type-graphql, no
 * limits: what is left is the cost of Apollo and graphql-js themselves.
 */
export async function startBare({ cards }: BareParams): Promise<Role> {
  const byId = new Map(cards.map((card) => [card.id, card]));
  const find = (id: string) => byId.get(id) ?? null;
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(printSubgraphSdl()),
      resolvers: {
        Query: { card: (_: unknown, { id }: { id: string }) => find(id) },
        Card: { __resolveReference: ({ id }: { id: string }) => find(id) },
      },
    },
  ]);
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: HOST } });
  return { info: { url }, stop: () => server.stop() };
}

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import type { Role } from "./role";
import { HOST } from "./role";

/**
 * Another team's subgraph that only knows card ids, as a spending or orders subgraph would: through the gateway,
 * `cardRefs(count) { last4 … }` makes the gateway send the cards subgraph one `_entities` call with `count`
 * representations, which is the read path a frontend exercises.
 */
export const REFS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Card @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    cardRefs(count: Int!): [Card!]!
  }
`;

export interface RefsParams {
  ids: string[];
}

export async function startRefs({ ids }: RefsParams): Promise<Role> {
  const refs = ids.map((id) => ({ id }));
  const schema = buildSubgraphSchema([
    { typeDefs: parse(REFS_SDL), resolvers: { Query: { cardRefs: (_: unknown, { count }: { count: number }) => refs.slice(0, count) } } },
  ]);
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: HOST } });
  return { info: { url, sdl: REFS_SDL }, stop: () => server.stop() };
}

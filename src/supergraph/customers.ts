import { ApolloServer } from "@apollo/server";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";
import { startHttpServer, type RunningHttpServer } from "../http";
import type { Logger } from "../logger";
import { LOCAL_HTTP_LIMITS } from "./limits";
import { SEED_CUSTOMERS as BANK_CUSTOMERS } from "../sandbox/bank/seed";
import { SEED_CUSTOMERS as SUDO_CUSTOMERS } from "../sandbox/sudo/seed";

/**
 * An example of another team's subgraph: it owns `Customer` and extends our `Card`, the way the real platform's
 * customers and spending subgraphs would. `npm run supergraph` and the federation test both run it.
 */
export const CUSTOMERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Customer @key(fields: "id") {
    id: ID!
    name: String!
  }

  type SpendSummary {
    totalSpent: Float!
    currency: String!
    transactionCount: Int!
  }

  type Card @key(fields: "id") {
    id: ID!
    spendSummary: SpendSummary!
  }

  "A payment made with one of our cards: the spending side of the platform references cards it does not own."
  type Payment {
    id: ID!
    amount: Float!
    card: Card
  }

  type Query {
    customer(id: ID!): Customer
    "Several customers at once, as a back-office list asks for them (null for an unknown id)."
    customers(ids: [ID!]!): [Customer]!
    "Recent payments of the given cards, one each: a list whose cards the gateway fetches in one _entities batch."
    payments(cardIds: [ID!]!): [Payment!]!
  }
`;

/** The customers both providers' sandboxes are seeded with, so sandbox cards resolve `customer { name }`. */
export function sandboxCustomerNames(): Map<string, string> {
  return new Map([...BANK_CUSTOMERS.map((c) => [c.id, c.name] as const), ...SUDO_CUSTOMERS.map((c) => [c._id, c.name] as const)]);
}

/** `names` is read on every request, so a caller may add customers while the subgraph runs. */
export function customersSchema(names: ReadonlyMap<string, string>): GraphQLSchema {
  const customer = (id: string) => (names.has(id) ? { id, name: names.get(id) } : null);
  return buildSubgraphSchema([
    {
      typeDefs: parse(CUSTOMERS_SDL),
      resolvers: {
        Query: {
          customer: (_: unknown, { id }: { id: string }) => customer(id),
          customers: (_: unknown, { ids }: { ids: string[] }) => ids.map(customer),
          payments: (_: unknown, { cardIds }: { cardIds: string[] }) => cardIds.map((id, i) => ({ id: `pay_${i}`, amount: 1000 + i, card: { id } })),
        },
        Customer: { __resolveReference: ({ id }: { id: string }) => customer(id) },
        Card: {
          __resolveReference: ({ id }: { id: string }) => ({ id }),
          // Made-up but deterministic, so a query shows data from both subgraphs in one answer.
          spendSummary: ({ id }: { id: string }) => ({ totalSpent: id.length * 100, currency: "NGN", transactionCount: 3 }),
        },
      },
    },
  ]);
}

export async function startCustomersSubgraph(options: { names: ReadonlyMap<string, string>; host: string; logger: Logger }): Promise<RunningHttpServer & { stop(): Promise<void> }> {
  // Signals are handled once, for the whole process, by exitOnSignals.
  const server = new ApolloServer<{ requestId: string }>({ schema: customersSchema(options.names), logger: options.logger, stopOnTerminationSignals: false });
  const running = await startHttpServer(server, {
    port: 0,
    host: options.host,
    logger: options.logger,
    ...LOCAL_HTTP_LIMITS,
    context: async () => ({}),
  });
  return { ...running, stop: () => server.stop() };
}

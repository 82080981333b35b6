import { readFileSync } from "node:fs";
import { join } from "node:path";
import { composeServices } from "@apollo/composition";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

/** A test-only subgraph that owns Customer and extends Card, as another team's subgraph would. */
const CUSTOMERS_SDL = `
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

  type Query {
    customer(id: ID!): Customer
  }
`;

const NAMES: Record<string, string> = {};

export function nameCustomer(id: string, name: string): void {
  NAMES[id] = name;
}

function customersSchema() {
  const customer = (id: string) => (id in NAMES ? { id, name: NAMES[id] } : null);
  return buildSubgraphSchema([
    {
      typeDefs: parse(CUSTOMERS_SDL),
      resolvers: {
        Query: { customer: (_: unknown, { id }: { id: string }) => customer(id) },
        Customer: { __resolveReference: ({ id }: { id: string }) => customer(id) },
        Card: {
          __resolveReference: ({ id }: { id: string }) => ({ id }),
          spendSummary: ({ id }: { id: string }) => ({ totalSpent: id.length * 100, currency: "NGN", transactionCount: 3 }),
        },
      },
    },
  ]);
}

export interface Supergraph {
  url: string;
  supergraphSdl: string;
  stop(): Promise<void>;
}

/** Composes our committed SDL with the customers subgraph and serves both behind an in-process @apollo/gateway. */
export async function startSupergraph(cardsUrl: string): Promise<Supergraph> {
  const customers = new ApolloServer({ schema: customersSchema() });
  const { url: customersUrl } = await startStandaloneServer(customers, { listen: { port: 0, host: "127.0.0.1" } });
  const cardsSdl = readFileSync(join(__dirname, "..", "..", "schema.graphql"), "utf8");
  const composed = composeServices([
    { name: "cards", typeDefs: parse(cardsSdl), url: cardsUrl },
    { name: "customers", typeDefs: parse(CUSTOMERS_SDL), url: customersUrl },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join("; ")}`);
  const gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
  const { url } = await startStandaloneServer(gateway, { listen: { port: 0, host: "127.0.0.1" } });
  return {
    url,
    supergraphSdl: composed.supergraphSdl,
    async stop() {
      await gateway.stop();
      await customers.stop();
    },
  };
}

import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { lexicographicSortSchema, parse, type GraphQLSchema } from "graphql";
import { buildSchemaSync, createResolversMap } from "type-graphql";
import { canAccessCustomer, readableOrNull, requireAccess, scopeChecker } from "../auth";
import type { Context } from "../context";
import { CardResolver, CustomerCardsResolver } from "../cards/card.resolver";
import { guardRepresentations } from "../graphql/entities";
import { BankConsentResolver, CustomerConsentsResolver } from "../consents/consent.resolver";
import { boundEntities } from "../graphql/limits";
import { LifecycleResolver } from "../lifecycle/lifecycle.resolver";

/**
 * Federation v2.7: the newest version @apollo/composition 2.14 accepts (see ../shared/TOOLCHAIN.md). The router
 * enforces @authenticated and @requiresScopes; this subgraph enforces the same scopes itself (src/auth/scopes.ts).
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes"])';

/** graphql-js knows @oneOf, but @apollo/composition 2.14 rejects the SDL unless the directive is declared. */
const ONE_OF = "directive @oneOf on INPUT_OBJECT";

export const SDL_HEADER = "# Generated from the type-graphql code by `npm run schema:print`. Do not edit by hand.";

function buildTypeGraphQLSchema(): GraphQLSchema {
  // Validation runs in CardService, where field paths are known and raw values can be kept out of errors.
  return buildSchemaSync({
    resolvers: [CardResolver, CustomerCardsResolver, LifecycleResolver, BankConsentResolver, CustomerConsentsResolver],
    validate: false,
    authChecker: scopeChecker,
  });
}

/** The subgraph SDL exactly as committed in schema.graphql. */
export function printSubgraphSdl(schema: GraphQLSchema = buildTypeGraphQLSchema()): string {
  return [SDL_HEADER, LINK, ONE_OF, printSchemaWithDirectives(lexicographicSortSchema(schema))].join("\n\n") + "\n";
}

/** The executable subgraph: type-graphql's resolvers on the SDL, plus entity resolution through the loaders. */
export function buildCardsSubgraph(): { schema: GraphQLSchema; sdl: string } {
  const typeGraphQLSchema = buildTypeGraphQLSchema();
  const sdl = printSubgraphSdl(typeGraphQLSchema);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const resolvers = createResolversMap(typeGraphQLSchema) as Record<string, any>;
  resolvers.Card = {
    ...resolvers.Card,
    // A Card reached through _entities (another subgraph's reference) is a read that no schema field guards. Async so
    // a refusal nulls this entity only, not the other representations of the batch.
    // A card the token may not see is null, exactly like an unknown id.
    __resolveReference: async (ref: { id: string }, ctx: Context) => {
      requireAccess(ctx, "read");
      return readableOrNull(ctx.principal, await ctx.loaders.cardById.load(ref.id));
    },
  };
  resolvers.Customer = {
    ...resolvers.Customer,
    // Only the customers the token acts for: another's resolves to null for that representation alone.
    __resolveReference: async (ref: { id: string }, ctx: Context) => {
      requireAccess(ctx, "read");
      return canAccessCustomer(ctx.principal, ref.id, "read") ? { id: ref.id } : null;
    },
  };
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  // Guarded first, so the bound (outermost) counts every representation before any is looked at.
  guardRepresentations(schema);
  boundEntities(schema);
  return { schema, sdl };
}

import {
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../cards/card.connection";
import { BadUserInputError } from "../errors";

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/** The most `_entities` representations one request may resolve (the router batches; 1,000 is far above its norm). */
export const MAX_REPRESENTATIONS = 1000;

/**
 * Fields that cost more than one resolved value. Each createCard is a provider call: aliasing it to issue many cards in
 * one request is what the limit should stop (at the default limit, at most 9 per operation).
 */
const FIELD_WEIGHTS: Readonly<Record<string, number>> = { createCard: 1000 };

interface Measure {
  depth: number;
  cost: number;
}

const NOTHING: Measure = { depth: 0, cost: 0 };

/**
 * Static depth and cost of each operation, checked at validation (so once per distinct document; Apollo caches it).
 * Cost counts every field once, times the page size of the paged lists above it (`first`, or the maximum when it
 * is a variable, since validation cannot see variables), plus FIELD_WEIGHTS; aliases count, so alias batching
 * pays. Introspection fields are left to graphql-js's own introspection-depth rule and the INTROSPECTION switch.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    (context) => ({
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation) ?? null;
        const { depth, cost } = new Measurer(context).selectionSet(operation.selectionSet, root);
        const name = operation.name ? `Operation "${operation.name.value}"` : "The operation";
        if (depth > limits.maxDepth) {
          context.reportError(new GraphQLError(`${name} is nested ${depth} levels deep; the limit is ${limits.maxDepth}.`, { nodes: operation }));
        }
        if (cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(
              // Grouped digits: error text is scrubbed of long digit runs before it reaches a client.
              `${name} costs ${cost.toLocaleString("en-US")}, above the limit of ${limits.maxCost.toLocaleString("en-US")}: ` +
                "request smaller pages, fewer nested lists or fewer createCard calls.",
              { nodes: operation },
            ),
          );
        }
        return false;
      },
    }),
  ];
}

/** Walks selections once; a fragment is measured once however often it is spread, so a document cannot explode it. */
class Measurer {
  private readonly fragments = new Map<string, Measure>();
  private readonly visiting = new Set<string>();

  constructor(private readonly context: ValidationContext) {}

  selectionSet(set: SelectionSetNode, type: GraphQLNamedType | null): Measure {
    let depth = 0;
    let cost = 0;
    for (const selection of set.selections) {
      const m =
        selection.kind === Kind.FIELD
          ? this.field(selection.name.value, selection.selectionSet, selection.arguments ?? [], type)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? this.selectionSet(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? type)
            : this.fragment(selection.name.value);
      depth = Math.max(depth, m.depth);
      cost += m.cost;
    }
    return { depth, cost };
  }

  private field(name: string, set: SelectionSetNode | undefined, args: readonly ArgumentNode[], parent: GraphQLNamedType | null): Measure {
    if (name.startsWith("__")) return NOTHING;
    const definition: GraphQLField<unknown, unknown> | undefined = isObjectType(parent) ? parent.getFields()[name] : undefined;
    const child = set ? this.selectionSet(set, definition ? getNamedType(definition.type) : null) : NOTHING;
    return { depth: 1 + child.depth, cost: (FIELD_WEIGHTS[name] ?? 1) + pageSize(definition, args) * child.cost };
  }

  private fragment(name: string): Measure {
    const known = this.fragments.get(name);
    if (known) return known;
    const definition: FragmentDefinitionNode | null | undefined = this.context.getFragment(name);
    // A cycle is reported by graphql-js's NoFragmentCyclesRule; an unknown fragment by KnownFragmentNamesRule.
    if (!definition || this.visiting.has(name)) return NOTHING;
    this.visiting.add(name);
    const m = this.selectionSet(definition.selectionSet, this.typeNamed(definition.typeCondition.name.value));
    this.visiting.delete(name);
    this.fragments.set(name, m);
    return m;
  }

  private typeNamed(name: string | undefined): GraphQLNamedType | null {
    return name ? (this.context.getSchema().getType(name) ?? null) : null;
  }
}

/** How many items a paged field may return: its literal `first`, the maximum for a variable, else the default. */
function pageSize(definition: GraphQLField<unknown, unknown> | undefined, args: readonly ArgumentNode[]): number {
  if (!definition?.args.some((a) => a.name === "first")) return 1;
  const first = args.find((a) => a.name.value === "first")?.value;
  if (!first || first.kind === Kind.NULL) return DEFAULT_PAGE_SIZE;
  if (first.kind === Kind.INT) return Math.max(1, Number(first.value));
  return MAX_PAGE_SIZE;
}

/**
 * Refuses an `_entities` call with more than `max` representations before any of them is resolved, so an oversized
 * batch costs no store query.
 */
export function boundEntities(schema: GraphQLSchema, max = MAX_REPRESENTATIONS): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) throw new Error("the subgraph schema has no _entities resolver to bound");
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: unknown[] }, context, info) => {
    const count = args.representations?.length ?? 0;
    if (count > max) {
      throw new BadUserInputError([
        { field: "representations", rule: "maxItems", message: `representations: at most ${max} per request, got ${count}.` },
      ]);
    }
    return resolve(source, args, context, info);
  };
}

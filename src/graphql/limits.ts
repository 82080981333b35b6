import {
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
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
 * one request is what the limit should stop (at the default limit, at most 9 per operation). An introspection root
 * walks the whole schema, so aliasing it is priced the same way.
 */
const FIELD_WEIGHTS: Readonly<Record<string, number>> = { createCard: 1000, __schema: 1000, __type: 100 };

/**
 * What one representation under each `_entities` field node fans out to (the paged lists it selects), noted at
 * validation for the resolver: only it sees how many representations the variables carry. Flat fields are left to
 * the representation bound, which the router's batches of full cards need. Keyed by AST node, so Apollo's cached
 * documents keep theirs.
 *
 * A page is priced by the objects it loads (the connection, and an edge and a node per item at the page size), not
 * by their scalar fields: the selection's fields are already priced once per operation, and reading `last4` off a
 * loaded row costs nothing next to loading it. Priced per field, a router's ordinary batch (100 customers, each with
 * a default page of cards and four fields) cost 12,100 and was refused; priced by objects it costs 4,100, while 1,000
 * customers' `first: 100` pages cost 201,000 and still are.
 */
const entityBudgets = new WeakMap<FieldNode, { byType: ReadonlyMap<string, number>; maxCost: number }>();
/** The key of entityBudgets' map for selections that apply whatever the representation's type. */
const ANY_TYPE = "*";

interface Measure {
  depth: number;
  cost: number;
  /** Like `cost`, but counting only objects (rows, edges, connections): scalar leaves of a loaded object are free. */
  objects: number;
  /** The objects of the paged lists (with everything under them): what one `_entities` representation fans out to. */
  paged: number;
}

const NOTHING: Measure = { depth: 0, cost: 0, objects: 0, paged: 0 };

/**
 * Static depth and cost of each operation, checked at validation (so once per distinct document; Apollo caches it).
 * Cost counts every field once (`__typename` too), times the page size of the paged lists above it (`first`, or the
 * maximum when it is a variable, since validation cannot see variables), plus FIELD_WEIGHTS; aliases count, so alias
 * batching pays. `__schema` and `__type` cost their weight; their depth is left to graphql-js's own
 * introspection-depth rule. What `_entities` fans out to is priced per representation when it runs (boundEntities).
 */
/** Each validated operation's cost, for the per-caller read limit (src/ratelimit); Apollo reuses validated documents. */
const operationCosts = new WeakMap<OperationDefinitionNode, number>();

/** The cost validation measured for this operation, or undefined when it was not validated here. */
export function operationCost(operation: OperationDefinitionNode): number | undefined {
  return operationCosts.get(operation);
}

export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    (context) => ({
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation) ?? null;
        const { depth, cost } = new Measurer(context, limits.maxCost).selectionSet(operation.selectionSet, root);
        operationCosts.set(operation, cost);
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

  constructor(
    private readonly context: ValidationContext,
    private readonly maxCost: number,
  ) {}

  selectionSet(set: SelectionSetNode, type: GraphQLNamedType | null): Measure {
    let depth = 0;
    let cost = 0;
    let objects = 0;
    let paged = 0;
    for (const selection of set.selections) {
      const m =
        selection.kind === Kind.FIELD
          ? this.field(selection, type)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? this.selectionSet(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? type)
            : this.fragment(selection.name.value);
      depth = Math.max(depth, m.depth);
      cost += m.cost;
      objects += m.objects;
      paged += m.paged;
    }
    return { depth, cost, objects, paged };
  }

  private field(node: FieldNode, parent: GraphQLNamedType | null): Measure {
    const name = node.name.value;
    if (name === "__schema" || name === "__type") return { depth: 0, cost: FIELD_WEIGHTS[name], objects: FIELD_WEIGHTS[name], paged: 0 };
    const definition: GraphQLField<unknown, unknown> | undefined = isObjectType(parent) ? parent.getFields()[name] : undefined;
    const child = node.selectionSet ? this.selectionSet(node.selectionSet, definition ? getNamedType(definition.type) : null) : NOTHING;
    if (name === "_entities" && node.selectionSet) entityBudgets.set(node, { byType: this.pagedByType(node.selectionSet, definition), maxCost: this.maxCost });
    const size = pageSize(definition, node.arguments ?? []);
    const cost = (FIELD_WEIGHTS[name] ?? 1) + size * child.cost;
    const objects = (FIELD_WEIGHTS[name] ?? (node.selectionSet ? 1 : 0)) + size * child.objects;
    return { depth: 1 + child.depth, cost, objects, paged: isPaged(definition) ? objects : child.paged };
  }

  /** What each entity type's selections fan out to: a batch of Cards is not charged for a Customer's pages. */
  private pagedByType(set: SelectionSetNode, entities: GraphQLField<unknown, unknown> | undefined): Map<string, number> {
    const union = entities ? getNamedType(entities.type) : null;
    const byType = new Map<string, number>();
    for (const selection of set.selections) {
      const type =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.typeCondition?.name.value
          : selection.kind === Kind.FRAGMENT_SPREAD
            ? this.context.getFragment(selection.name.value)?.typeCondition.name.value
            : undefined;
      const { paged } = this.selectionSet({ kind: Kind.SELECTION_SET, selections: [selection] }, union);
      // A condition on the union or an interface may match any representation.
      const key = type && isObjectType(this.context.getSchema().getType(type)) ? type : ANY_TYPE;
      byType.set(key, (byType.get(key) ?? 0) + paged);
    }
    return byType;
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

const isPaged = (definition: GraphQLField<unknown, unknown> | undefined) => Boolean(definition?.args.some((a) => a.name === "first"));

/** How many items a paged field may return: its literal `first`, the maximum for a variable, else the default. */
function pageSize(definition: GraphQLField<unknown, unknown> | undefined, args: readonly ArgumentNode[]): number {
  if (!isPaged(definition)) return 1;
  const first = args.find((a) => a.name.value === "first")?.value;
  if (!first || first.kind === Kind.NULL) return DEFAULT_PAGE_SIZE;
  if (first.kind === Kind.INT) return Math.max(1, Number(first.value));
  return MAX_PAGE_SIZE;
}

function fanOut(byType: ReadonlyMap<string, number>, representations: readonly unknown[]): number {
  const always = byType.get(ANY_TYPE) ?? 0;
  let total = 0;
  for (const representation of representations) {
    const type = (representation as { __typename?: unknown } | null)?.__typename;
    total += always + (typeof type === "string" ? (byType.get(type) ?? 0) : 0);
  }
  return total;
}

/** What the `_entities` calls of one request have used so far, keyed by its context: aliases share one budget. */
const entitiesUsed = new WeakMap<object, { representations: number; cost: number }>();

const grouped = (value: number) => value.toLocaleString("en-US");

/**
 * Refuses an `_entities` call once the request's representations pass `max`, or once they, times the cost of the
 * paged lists each one selects, pass MAX_QUERY_COST, before any of them is resolved: an oversized batch costs no store
 * query, aliasing `_entities` does not multiply the bound, and a thousand customers' `cards(first: 100)` cannot slip
 * past a limit that saw only one.
 */
export function boundEntities(schema: GraphQLSchema, max = MAX_REPRESENTATIONS): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) throw new Error("the subgraph schema has no _entities resolver to bound");
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: unknown[] }, context, info) => {
    const count = args.representations?.length ?? 0;
    const used = (typeof context === "object" && context !== null && entitiesUsed.get(context)) || { representations: 0, cost: 0 };
    const representations = used.representations + count;
    if (representations > max) {
      const got = used.representations ? `${representations} in all` : `${count}`;
      throw new BadUserInputError([{ field: "representations", rule: "maxItems", message: `representations: at most ${max} per request, got ${got}.` }]);
    }
    // Two selections of the same response name are merged into one call: each brings its own budget.
    const budgets = info.fieldNodes.flatMap((node) => entityBudgets.get(node) ?? []);
    const cost = used.cost + budgets.reduce((sum, budget) => sum + fanOut(budget.byType, args.representations ?? []), 0);
    const budget = budgets[0];
    if (budget && cost > budget.maxCost) {
      throw new BadUserInputError([
        {
          field: "representations",
          rule: "maxCost",
          message:
            `representations: the paged lists selected for ${grouped(count)} entities cost ${grouped(cost)} for this request, ` +
            `above the limit of ${grouped(budget.maxCost)}: send fewer representations or ask for smaller pages.`,
        },
      ]);
    }
    if (typeof context === "object" && context !== null) entitiesUsed.set(context, { representations, cost });
    return resolve(source, args, context, info);
  };
}

import { isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { idProblem } from "../cards/validation";
import { BadUserInputError, type FieldProblem } from "../errors";

/**
 * Why one `_entities` representation cannot be resolved, or undefined when it can. Every entity of this subgraph is
 * keyed by `id`. The name is checked as an own property against the schema's entity types, so `__proto__` or
 * `constructor` name nothing.
 */
function representationProblem(representation: unknown, index: number, entityTypes: ReadonlySet<string>): FieldProblem | undefined {
  const at = `representations.${index}`;
  if (typeof representation !== "object" || representation === null || Array.isArray(representation)) {
    return { field: at, rule: "isObject", message: `${at} must be an object with __typename and id` };
  }
  const typename = Object.hasOwn(representation, "__typename") ? (representation as { __typename: unknown }).__typename : undefined;
  if (typeof typename !== "string" || !entityTypes.has(typename)) {
    return { field: `${at}.__typename`, rule: "isEntityType", message: `${at}.__typename must name an entity type of this subgraph: ${[...entityTypes].join(", ")}` };
  }
  return idProblem(Object.hasOwn(representation, "id") ? (representation as { id: unknown }).id : undefined, `${at}.id`);
}

/**
 * A bad representation (not an object, no or an unknown `__typename`, a missing, null, object or control-character
 * `id`) becomes null with a BAD_USER_INPUT error at its own path; the others resolve as usual. Left to
 * @apollo/subgraph, some failed the whole batch and others reached the store, as INTERNAL_SERVER_ERROR.
 */
export function guardRepresentations(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType("_Entity");
  if (!field?.resolve || !isUnionType(union)) throw new Error("the subgraph schema has no _entities field to guard");
  const entityTypes = new Set(union.getTypes().map((type) => type.name));
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = async (source, args: { representations?: unknown[] }, context, info) => {
    const representations = args.representations ?? [];
    const problems = representations.map((representation, i) => representationProblem(representation, i, entityTypes));
    if (!problems.some(Boolean)) return resolve(source, args, context, info);
    const valid = representations.filter((_, i) => !problems[i]);
    const resolved = valid.length ? ((await resolve(source, { ...args, representations: valid }, context, info)) as unknown[]) : [];
    let next = 0;
    // An Error as a list item is that item's error: null at `_entities.<i>`, the rest of the batch untouched.
    return problems.map((problem) => (problem ? new BadUserInputError([problem]) : resolved[next++]));
  };
}

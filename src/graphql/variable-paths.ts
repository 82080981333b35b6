import { Kind, visit, type DocumentNode, type ValueNode } from "graphql";

/** Where each variable is used: `$i` → `input`, `$b` in `input: { bank: $b }` → `input.bank`. */
export function variableArgumentPaths(document: DocumentNode): Map<string, string> {
  const paths = new Map<string, string>();
  const walk = (value: ValueNode, path: string) => {
    if (value.kind === Kind.VARIABLE) {
      if (!paths.has(value.name.value)) paths.set(value.name.value, path);
    } else if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) walk(field.value, `${path}.${field.name.value}`);
    } else if (value.kind === Kind.LIST) {
      value.values.forEach((item, i) => walk(item, `${path}.${i}`));
    }
  };
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value);
    },
  });
  return paths;
}

/** Rewrites `$variable.rest` to the argument path the client wrote, in a field path and in its message. */
export function toArgumentPath(field: string, paths: Map<string, string>): string {
  const match = /^\$(\w+)(.*)$/.exec(field);
  if (!match) return field;
  return `${paths.get(match[1]) ?? match[1]}${match[2]}`;
}

import { Authorized, Directive, type AuthCheckerFn } from "type-graphql";
import type { Context } from "../context";
import { ForbiddenError } from "./errors";
import type { Scope } from "./principal";

/** Throws FORBIDDEN unless the caller's token grants every one of `scopes`. */
export function requireScopes(ctx: Pick<Context, "principal">, scopes: readonly string[]): void {
  const missing = scopes.filter((scope) => !ctx.principal.scopes.has(scope));
  if (missing.length) throw new ForbiddenError(missing);
}

/** type-graphql's hook for `@Authorized`: its "roles" are our scopes, all required. */
export const scopeChecker: AuthCheckerFn<Context> = ({ context }, scopes) => {
  requireScopes(context, scopes);
  return true;
};

/**
 * Declares the scopes a root field or field resolver needs, once for both enforcers: the router reads
 * `@requiresScopes` from the schema, and this subgraph checks the same scopes through `@Authorized` (see
 * scopeChecker). Use it on operation fields only: on a Card field it would put an auth step on every card of a list.
 */
export function RequiresScopes(...scopes: Scope[]): MethodDecorator {
  const directive = Directive(`@requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(", ")}]])`);
  const authorized = Authorized(...scopes);
  return (target, key, descriptor) => {
    directive(target, key, descriptor);
    authorized(target, key, descriptor);
  };
}

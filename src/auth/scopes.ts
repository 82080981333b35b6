import { Authorized, Directive, type AuthCheckerFn } from "type-graphql";
import { ACCESS_SCOPES, hasAccessScope, type Access } from "./access";
import { ForbiddenError } from "./errors";
import type { Principal } from "./principal";

/** What the checks need of the GraphQL context; auth knows nothing else of it (imports flow into auth, not out). */
interface AuthContext {
  principal: Principal;
}

/** The @requiresScopes alternatives of an access: the customer scope or the service scope. */
export function scopeAlternatives(access: Access): string[][] {
  const { own, any } = ACCESS_SCOPES[access];
  return any === null ? [[own]] : [[own], [any]];
}

/** Throws FORBIDDEN unless the caller's token grants the access to some customer (ownership is checked per item). */
export function requireAccess(ctx: AuthContext, access: Access): void {
  if (!hasAccessScope(ctx.principal, access)) throw ForbiddenError.missingScopes(scopeAlternatives(access));
}

/** type-graphql's hook for `@Authorized`: its single "role" is the Access the field needs. */
export const scopeChecker: AuthCheckerFn<AuthContext> = ({ context }, roles) => {
  for (const access of roles) requireAccess(context, access as Access);
  return true;
};

/**
 * Declares the access a root field or field resolver needs, once for both enforcers: the router reads
 * `@requiresScopes` (either alternative suffices) from the schema and can refuse early, and this subgraph checks the
 * same through `@Authorized` (see scopeChecker). Ownership of the customer is the resolver's job: the router cannot
 * know it. Use it on operation fields only: on a Card field it would put an auth step on every card of a list.
 */
export function RequiresAccess(access: Access): MethodDecorator {
  const alternatives = scopeAlternatives(access)
    .map((scopes) => `[${scopes.map((s) => JSON.stringify(s)).join(", ")}]`)
    .join(", ");
  const directive = Directive(`@requiresScopes(scopes: [${alternatives}])`);
  const authorized = Authorized(access);
  return (target, key, descriptor) => {
    directive(target, key, descriptor);
    authorized(target, key, descriptor);
  };
}

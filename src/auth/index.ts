export { ACCESS_SCOPES, assertCanAccessCustomer, canAccessCustomer, hasAccessScope, readableOrNull, type Access } from "./access";
export { createAuthenticator, type Authenticate } from "./authenticate";
export { devTokenBanner, devTokens, type DevTokens } from "./dev-token";
export { DEFAULT_AUDIENCE, DEFAULT_CUSTOMER_CLAIM, DEFAULT_ISSUER, readAuthConfig, type AuthConfig } from "./config";
export { ForbiddenError, UnauthenticatedError } from "./errors";
export { callerOf, Scope, type Principal } from "./principal";
export { RequiresAccess, requireAccess, scopeAlternatives, scopeChecker } from "./scopes";
export { signDevToken, type DevTokenOptions } from "./tokens";

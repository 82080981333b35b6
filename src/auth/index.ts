export { createAuthenticator, type Authenticate } from "./authenticate";
export { devToken, devTokenBanner } from "./dev-token";
export { DEFAULT_AUDIENCE, DEFAULT_ISSUER, readAuthConfig, type AuthConfig } from "./config";
export { ForbiddenError, UnauthenticatedError } from "./errors";
export { callerOf, Scope, type Principal } from "./principal";
export { RequiresScopes, requireScopes, scopeChecker } from "./scopes";
export { signDevToken, type DevTokenOptions } from "./tokens";

import { HeaderMap } from "@apollo/server";
import { AppError, ErrorCode } from "../errors";

/**
 * The request carries no usable credential. Raised while building the context, so the whole request is refused with
 * HTTP 401 and a `WWW-Authenticate` challenge (RFC 6750) before anything is parsed or run. The message never
 * includes the token.
 */
export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super(message, {
      extensions: {
        code: ErrorCode.UNAUTHENTICATED,
        http: { status: 401, headers: new HeaderMap([["www-authenticate", 'Bearer realm="cards-subgraph"']]) },
      },
    });
  }
}

const AUTH_RETRY_AFTER_SECONDS = 5;

/**
 * The token could not be checked because the issuer's key set is unreachable: the caller's token may well be fine,
 * so this is a 503 to retry, not a 401 that tells the client to throw its token away.
 */
export class AuthUnavailableError extends AppError {
  constructor() {
    super("The bearer token could not be verified right now: the issuer's key set is unreachable. Retry shortly.", {
      extensions: {
        code: ErrorCode.AUTH_UNAVAILABLE,
        retryAfterSeconds: AUTH_RETRY_AFTER_SECONDS,
        http: { status: 503, headers: new HeaderMap([["retry-after", String(AUTH_RETRY_AFTER_SECONDS)]]) },
      },
    });
  }
}

/** The caller is authenticated but may not do this: its token lacks the scope, or the customer is not its own. */
export class ForbiddenError extends AppError {
  /** `requiredScopes` lists the alternatives: any one of them (as in @requiresScopes) grants the field. */
  constructor(message: string, extensions: Record<string, unknown>) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN, ...extensions } });
  }

  static missingScopes(alternatives: readonly (readonly string[])[]): ForbiddenError {
    const words = alternatives.map((scopes) => scopes.join(" and ")).join(" or ");
    return new ForbiddenError(`This operation needs the scope ${words}, which the bearer token does not grant.`, {
      requiredScopes: alternatives.map((scopes) => [...scopes]),
    });
  }

  /** Names the argument, never whether the customer or any card of it exists. */
  static forCustomer(access: "read" | "write" | "reveal", field: string): ForbiddenError {
    return new ForbiddenError(`The bearer token may not ${access === "read" ? "read" : "issue or change"} cards for this customer.`, { field });
  }
}

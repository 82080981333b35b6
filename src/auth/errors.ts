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

/** The caller is authenticated but its token lacks a scope the field needs. */
export class ForbiddenError extends AppError {
  constructor(readonly missing: readonly string[]) {
    super(`This operation needs the scope ${missing.join(" and ")}, which the bearer token does not grant.`, {
      extensions: { code: ErrorCode.FORBIDDEN, requiredScopes: [...missing] },
    });
  }
}

import type { NestValidationError } from "./dto/validate";

/** What a route answers; the server decides how it reaches the wire (faults may truncate or drop it). */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Sudo's success envelope (FACTS B.3): the HTTP status and the body's statusCode agree. */
export function ok(message: string, data: unknown, extra: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { statusCode: 200, message, data, ...extra } };
}

/** A NestJS HttpException body; `error` is present only where Nest's built-in exceptions add it. */
export function fail(status: number, message: string, error?: string): Reply {
  return { status, body: error === undefined ? { statusCode: status, message } : { statusCode: status, message, error } };
}

/** The ValidationPipe answer: every failed rule, as class-validator reports it. */
export function invalid(errors: NestValidationError[]): Reply {
  return { status: 400, body: { statusCode: 400, message: errors, error: "Bad Request" } };
}

export const unauthorized = (): Reply => fail(401, "Unauthorized");

export const notFound = (entity: string): Reply => fail(404, `${entity} not found.`);

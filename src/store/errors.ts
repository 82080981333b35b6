/** What PostgreSQL (and PGlite, which reports the same fields) says about a failed statement. */
interface DatabaseError {
  code?: unknown;
  constraint?: unknown;
}

const fieldsOf = (error: unknown): DatabaseError => (typeof error === "object" && error !== null ? (error as DatabaseError) : {});

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const { code, constraint: violated } = fieldsOf(error);
  return code === "23505" && (violated === constraint || (violated === undefined && String((error as Error).message).includes(constraint)));
}

/**
 * A statement that fails the same way however often it is sent: bad data (class 22), a constraint (23), an invalid
 * statement (42). Anything else (connection lost, serialisation failure, shutdown, resources) may pass on a retry.
 */
export function isPermanentStoreError(error: unknown): boolean {
  const { code } = fieldsOf(error);
  return typeof code === "string" && /^(22|23|42)/.test(code);
}

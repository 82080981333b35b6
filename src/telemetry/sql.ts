import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { TableNode, type LogEvent, type RootOperationNode } from "kysely";
import { tracer } from "./spans";

const KINDS: Partial<Record<RootOperationNode["kind"], string>> = {
  SelectQueryNode: "SELECT",
  InsertQueryNode: "INSERT",
  UpdateQueryNode: "UPDATE",
  DeleteQueryNode: "DELETE",
  MergeQueryNode: "MERGE",
};

/** The table a statement writes, or the first one it reads (the SQL text is never exported: only this name). */
const FIRST_TABLE = /\b(?:from|into|update|join)\s+"?([A-Za-z_][\w]*)"?/i;

/** The statement's kind and main table, e.g. `{ kind: "INSERT", table: "cards" }` for completeAttempt's CTE. */
export function describeStatement(node: RootOperationNode, text: string): { kind: string; table?: string } {
  const kind = KINDS[node.kind] ?? (/^\s*(\w+)/.exec(text)?.[1] ?? "SQL").toUpperCase();
  let table: string | undefined;
  if (node.kind === "InsertQueryNode") table = node.into?.table.identifier.name;
  else if (node.kind === "UpdateQueryNode" && node.table && TableNode.is(node.table)) table = node.table.table.identifier.name;
  table ??= FIRST_TABLE.exec(text)?.[1];
  return { kind, ...(table ? { table } : {}) };
}

/** The store sends a few dozen distinct statements; each one's description is worked out once. */
const described = new Map<string, { kind: string; table?: string }>();
const MAX_DESCRIBED = 1000;

function describeOnce(node: RootOperationNode, text: string): { kind: string; table?: string } {
  let found = described.get(text);
  if (!found) {
    found = describeStatement(node, text);
    if (described.size < MAX_DESCRIBED) described.set(text, found);
  }
  return found;
}

/**
 * Kysely's log hook, called once per statement as it completes: a span for it under the request's span, back-dated
 * to when it was sent. Statements outside a traced request (the expiry sweep) make none.
 */
export function traceStatement(event: LogEvent): void {
  const parent = trace.getActiveSpan();
  if (!parent?.isRecording()) return;
  const { kind, table } = describeOnce(event.query.query, event.query.sql);
  const end = performance.timeOrigin + performance.now();
  const span = tracer.startSpan(table ? `${kind} ${table}` : kind, {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: { "db.system.name": "postgresql", "db.operation.name": kind, ...(table ? { "db.collection.name": table } : {}) },
  });
  if (event.level === "error") {
    const code = (event.error as { code?: unknown })?.code;
    span.setAttribute("error.type", typeof code === "string" ? code : "Error");
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end(end);
}

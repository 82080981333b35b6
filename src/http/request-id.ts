import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";

/** Ids we echo and log must stay short and plain: a header value is attacker-controlled text. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** W3C trace context: version-traceid-parentid-flags; an all-zero trace id is invalid. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The router's request id, so one id follows a request across the router and every subgraph: `x-request-id` when
 * it is present and plain, else the trace id of `traceparent`, else a fresh UUID.
 */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = single(headers[REQUEST_ID_HEADER])?.trim();
  if (given && SAFE_ID.test(given)) return given;
  const traceId = TRACEPARENT.exec(single(headers.traceparent)?.trim().toLowerCase() ?? "")?.[1];
  if (traceId && !/^0+$/.test(traceId)) return traceId;
  return randomUUID();
}

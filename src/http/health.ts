import type { Logger } from "../logger";
import { pathOf, sendError, sendJson, type RouteHandler } from "./respond";

export interface Pingable {
  ping(): Promise<void>;
}

/** A configured provider; its issuer may report its circuit breaker through an optional `health()`. */
export interface ProviderProbe {
  name: string;
  issuer: object;
}

/** Below Kubernetes' default probe timeout (1 s), so a slow store reads as "down" rather than as a probe timeout. */
export const PROBE_TIMEOUT_MS = 800;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Whatever the issuer's health() returns, as JSON: a bare string is the breaker state; absent means "unknown". */
async function providerHealth(issuer: object): Promise<Record<string, unknown>> {
  const health = (issuer as { health?: unknown }).health;
  if (typeof health !== "function") return { breaker: "unknown" };
  try {
    const report: unknown = await withTimeout(Promise.resolve(health.call(issuer)), PROBE_TIMEOUT_MS);
    if (typeof report === "string") return { breaker: report };
    if (report && typeof report === "object") return { ...report };
  } catch {
    // A failing health report must not fail readiness: the provider's own calls will show the problem.
  }
  return { breaker: "unknown" };
}

async function storeStatus(store: Pingable, logger: Logger): Promise<"up" | "down"> {
  try {
    await withTimeout(store.ping(), PROBE_TIMEOUT_MS);
    return "up";
  } catch (err) {
    // Logged, not returned: driver errors can name hosts and users, and this route needs no credentials.
    logger.warn({ err }, "readiness: store ping failed");
    return "down";
  }
}

/**
 * `/health/live`: the process serves HTTP. `/health/ready`: the store answers within PROBE_TIMEOUT_MS (503
 * otherwise). Breaker states are reported but do not make the subgraph unready: one provider being down must not
 * take every replica out of rotation while the other provider, and reads, still work.
 */
export function healthRoutes(target: { store: Pingable; providers: readonly ProviderProbe[]; logger: Logger }): RouteHandler {
  return async (req, res) => {
    const path = pathOf(req);
    if (path !== "/health/live" && path !== "/health/ready") return false;
    const noStore = { "cache-control": "no-store" };
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendError(res, 405, "METHOD_NOT_ALLOWED", "Use GET", { ...noStore, allow: "GET, HEAD" });
      return true;
    }
    if (path === "/health/live") {
      sendJson(res, 200, { status: "live" }, noStore);
      return true;
    }
    const [store, providers] = await Promise.all([
      storeStatus(target.store, target.logger),
      Promise.all(target.providers.map(async ({ name, issuer }) => [name, await providerHealth(issuer)] as const)),
    ]);
    const ready = store === "up";
    sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "unavailable", store, providers: Object.fromEntries(providers) }, noStore);
    return true;
  };
}

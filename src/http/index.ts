export { healthRoutes } from "./health";
export { REQUEST_ID_HEADER } from "./request-id";
export type { RouteHandler } from "./respond";
export { startHttpServer, type RunningHttpServer } from "./server";
export { exitOnSignals } from "./shutdown";

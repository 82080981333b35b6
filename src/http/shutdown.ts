import type { Logger } from "../logger";

/** Beyond the HTTP grace period, time to close the store and the providers before we give up on a clean exit. */
const CLOSE_MARGIN_MS = 5_000;

/**
 * SIGTERM/SIGINT: runs `stop` (stop accepting, let in-flight requests finish within `graceMs`, close the rest) and
 * exits 0, or 1 if it fails or overruns. A second signal exits at once.
 */
export function exitOnSignals(stop: () => Promise<void>, graceMs: number, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal during shutdown: exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs }, "shutting down: finishing in-flight requests");
    setTimeout(() => {
      logger.error("shutdown did not finish in time: exiting");
      process.exit(1);
    }, graceMs + CLOSE_MARGIN_MS).unref();
    stop().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

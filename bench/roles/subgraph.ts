import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Role } from "./role";
import { HOST } from "./role";

export interface SubgraphParams {
  /** Provider, auth and logging variables; nothing is read from this process's own environment. */
  env: Record<string, string>;
}

/** The real subgraph, as `npm start` runs it, counting every SQL statement it sends. */
export async function startSubgraph({ env }: SubgraphParams): Promise<Role> {
  let statements = 0;
  const app = await startApp(loadConfig({ ...env, PORT: "0", HOST }), { onQuery: () => statements++ });
  return {
    info: { url: app.url, sandboxes: app.sandboxes },
    sqlStatements: () => statements,
    stop: () => app.stop(),
  };
}

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApolloGateway } from "@apollo/gateway";
import { createLogger } from "../../src/logger";
import { CUSTOMERS_SDL } from "../../src/supergraph/customers";
import { composeSupergraph } from "../../src/supergraph/gateway";
import { forStockGateway } from "../../src/supergraph/router-only-security";

// Issue 9 item 13: a stock @apollo/gateway 2.14 refuses the supergraph as composed (the `authenticated` spec is
// linked `for: SECURITY`); the workaround was a comment. It is forStockGateway and `npm run supergraph:for-gateway`.

const ROOT = join(__dirname, "..", "..");
const composed = composeSupergraph([
  { name: "cards", url: "http://cards.internal/", sdl: readFileSync(join(ROOT, "schema.graphql"), "utf8") },
  { name: "customers", url: "http://customers.internal/", sdl: CUSTOMERS_SDL },
]);

/** What a stock gateway makes of a supergraph: its schema's root fields, or the error it refuses it with. */
async function stockGatewayLoads(supergraphSdl: string): Promise<string[] | Error> {
  const gateway = new ApolloGateway({ supergraphSdl, logger: createLogger("silent") });
  try {
    const { schema } = await gateway.load();
    return Object.keys(schema.getQueryType()!.getFields()).sort();
  } catch (error) {
    return error as Error;
  } finally {
    await gateway.stop().catch(() => undefined);
  }
}

it("a stock @apollo/gateway refuses the supergraph as composed", async () => {
  expect(composed).toMatch(/specs\.apollo\.dev\/authenticated\/v[\d.]+", for: SECURITY\)/);
  const refused = await stockGatewayLoads(composed);
  expect(refused).toBeInstanceOf(Error);
  expect((refused as Error).message).toMatch(/for: SECURITY but is unsupported/);
});

it("serves it once forStockGateway has dropped only the router-only SECURITY marks", async () => {
  const adapted = forStockGateway(composed);
  expect(adapted).not.toMatch(/for: SECURITY/);
  // The directives are still declared and applied; only the gateway's refusal is gone. EXECUTION links stay as composed.
  expect(adapted).toMatch(/specs\.apollo\.dev\/authenticated\/v[\d.]+"\)/);
  expect(adapted).toMatch(/@requiresScopes\(scopes:/);
  expect(adapted.match(/for: EXECUTION/g)?.length).toBe(composed.match(/for: EXECUTION/g)?.length);
  expect(await stockGatewayLoads(adapted)).toEqual(expect.arrayContaining(["card", "cards", "customer"]));
});

it("leaves any other SECURITY feature in place, so the gateway still refuses what it cannot run", () => {
  const other = composed.replace(/\)\s*\n/, ')\n  @link(url: "https://specs.example.com/masking/v0.1", for: SECURITY)\n');
  expect(forStockGateway(other)).toMatch(/masking\/v0\.1", for: SECURITY\)/);
});

it("npm run supergraph:for-gateway rewrites a supergraph file the same way", () => {
  const dir = mkdtempSync(join(tmpdir(), "for-gateway-"));
  writeFileSync(join(dir, "supergraph.graphql"), composed);
  const run = spawnSync(process.execPath, ["-r", join(ROOT, "test/support/swc-register.js"), join(ROOT, "src/supergraph/for-gateway.ts"), join(dir, "supergraph.graphql")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe(forStockGateway(composed));
});

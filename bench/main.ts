import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { signDevToken } from "../src/auth";
import { printSubgraphSdl } from "../src/schema/build";
import { ServerProcess } from "./children";
import { compare, type Comparison, type ComparisonResult } from "./compare";
import { readOptions, type BenchOptions } from "./options";
import { summariseProfiles } from "./profile";
import { checkTargets, describeMachine, formatMachine, formatTable, formatTargets, writeReport } from "./report";
import type { SimsInfo } from "./roles/sims";
import { createCardComparisons, gatewayComparisons, subgraphReadComparisons, type Url, type World } from "./scenarios";
import { seedCards, type CardJson } from "./seed";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Every server process started, so all of them are stopped whatever fails. */
const started: ServerProcess[] = [];
/** Every server process runs as production does (BENCH_NODE_ENV); set from the options before the first start. */
let serverEnv: Record<string, string> = {};

async function startProcess<Info>(role: Parameters<typeof ServerProcess.start>[0], params: unknown): Promise<ServerProcess<Info>> {
  const server = await ServerProcess.start<Info>(role, params, serverEnv);
  started.push(server as ServerProcess);
  return server;
}

async function runAll(comparisons: Comparison[], options: BenchOptions, results: ComparisonResult[]): Promise<void> {
  for (const comparison of comparisons) {
    log(`${comparison.group} · ${comparison.title}: ${comparison.subject.label} vs ${comparison.baseline.label}`);
    results.push(await compare(comparison, options, log));
  }
}

/** The cards subgraph's env: the simulators, a secret for this run, and either PGlite in memory or a fresh schema. */
function subgraphEnv(options: BenchOptions, sims: SimsInfo, secret: string): Record<string, string> {
  const database: Record<string, string> = options.databaseUrl ? { DATABASE_URL: options.databaseUrl, DATABASE_SCHEMA: `bench_${randomBytes(4).toString("hex")}` } : {};
  // The client-side rate limiters protect real providers' quotas; the bench's simulators have none to protect.
  const unlimited = { BANK_RATE_LIMIT_PER_MINUTE: "1000000", SUDO_RATE_LIMIT_PER_MINUTE: "1000000" };
  // Production also requires its own idempotency hash secret.
  // One bench token sends every request: the per-caller limits would measure themselves, so they are lifted.
  const mode = {
    NODE_ENV: options.nodeEnv,
    IDEMPOTENCY_SECRET: randomBytes(32).toString("base64url"),
    CALLER_CREATE_CARDS_PER_MINUTE: "1000000",
    CALLER_CREATE_CARDS_BURST: "1000000",
    CALLER_READ_COST_PER_MINUTE: "1000000000",
  };
  // Production's observability: every request traced (the default sampler, with no router to sample first) and
  // exported over OTLP, and the metrics recorded for a Prometheus endpoint.
  const telemetry: Record<string, string> = options.telemetry ? { OTEL_EXPORTER_OTLP_ENDPOINT: sims.otlpUrl, OTEL_SERVICE_NAME: "cards-subgraph-bench", METRICS_PORT: "0" } : {};
  return { ...sims.providerEnv, ...unlimited, ...mode, ...telemetry, AUTH_JWT_SECRET: secret, LOG_LEVEL: options.logLevel, ...database };
}

async function main(): Promise<void> {
  const options = readOptions(process.env);
  serverEnv = { NODE_ENV: options.nodeEnv };
  const machine = describeMachine();
  log(`cards-subgraph bench: ${formatMachine(machine)}`);
  log(`${options.rounds} rounds × ${options.durationSeconds} s per target (after ${options.warmupSeconds} s warm-up), store ${options.databaseUrl ? "postgres" : "pglite"}, NODE_ENV=${options.nodeEnv}, telemetry ${options.telemetry ? "on" : "off"}`);

  // Profiles of an earlier run would be summarised with this one's.
  if (options.profile.length) rmSync(options.profileDir, { recursive: true, force: true });
  const secret = randomBytes(32).toString("base64url");
  const sims = await startProcess<SimsInfo>("sims", {});
  const subgraph = await startProcess<Url>("subgraph", { env: subgraphEnv(options, sims.info, secret) });
  const auth = { authorization: `Bearer ${await signDevToken(secret, { sub: "bench" })}` };
  const world: World = { sims, subgraph, auth, runId: randomBytes(4).toString("hex"), selected: options.selected };
  const results: ComparisonResult[] = [];

  await runAll(await createCardComparisons(world), options, results);

  if (options.touches("reads") || options.touches("gateway")) {
    log(`seeding ${options.seedCards} cards through the subgraph`);
    const cards: CardJson[] = await seedCards(subgraph.info.url, auth, options.seedCards);
    const bare = await startProcess<Url>("bare", { cards });
    const subgraphTarget = { label: "subgraph", url: subgraph.info.url, headers: auth, server: subgraph, store: subgraph };
    const bareTarget = { label: "bare @apollo/server", url: bare.info.url, headers: {}, server: bare };
    await runAll(subgraphReadComparisons(world, cards, { subject: subgraphTarget, baseline: bareTarget }), options, results);

    if (options.touches("gateway")) {
      const refs = await startProcess<Url & { sdl: string }>("refs", { ids: cards.map((card) => card.id) });
      const sdl = printSubgraphSdl();
      const over = (url: string) => ({ logLevel: options.logLevel, subgraphs: [{ name: "cards", url, sdl }, { name: "refs", url: refs.info.url, sdl: refs.info.sdl }] });
      const viaSubgraph = await startProcess<Url>("gateway", over(subgraph.info.url));
      const viaBare = await startProcess<Url>("gateway", over(bare.info.url));
      await runAll(
        gatewayComparisons(world, cards, {
          subject: { label: "gateway → subgraph", url: viaSubgraph.info.url, headers: auth, server: viaSubgraph, behind: [subgraph, refs], store: subgraph },
          baseline: { label: "gateway → bare", url: viaBare.info.url, headers: auth, server: viaBare, behind: [bare, refs] },
        }),
        options,
        results,
      );
    }
  }

  const exported = options.telemetry ? await sims.call("otlpStats") : undefined;
  await stopAll();
  const targets = checkTargets(results);
  const file = writeReport(options.outDir, {
    machine,
    settings: { rounds: options.rounds, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, profile: options.profile, store: options.databaseUrl ? "postgres" : "pglite", logLevel: options.logLevel, nodeEnv: options.nodeEnv, telemetry: options.telemetry, exported },
    results,
    targets,
  });
  if (exported) log(`traces exported to the OTLP sink: ${JSON.stringify(exported)}`);
  console.log(`\n${formatMachine(machine)}\n${formatTable(results)}\n\nTargets:\n${formatTargets(targets)}\n\nJSON: ${file}`);
  if (options.profile.length) console.log(`\n${summariseProfiles(options.profileDir)}`);
  if (results.some((r) => r.failed)) {
    console.error("some requests failed during the runs (⚠ above): those figures are not reliable");
    process.exitCode = 1;
  }
}

async function stopAll(): Promise<void> {
  // Gateways before the subgraphs they call, the simulators last.
  for (const server of started.splice(0).reverse()) await server.stop();
}

main().catch(async (error: unknown) => {
  console.error("bench failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  await stopAll().catch(() => undefined);
  process.exit(1);
});

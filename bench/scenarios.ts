import { bankInput } from "../test/support/inputs";
import type { ServerProcess } from "./children";
import type { Comparison, Target } from "./compare";
import { answerConsentPage } from "../src/sandbox/bank/consent-page-client";
import { directBankCall, directSudoCall } from "./direct";
import { benchSudoInput, CARD_QUERY, CARD_REFS_QUERY, createCardBodies, entitiesBody, graphqlBody } from "./operations";
import type { SimsInfo } from "./roles/sims";
import type { CardJson } from "./seed";

export type Url = { url: string };

export interface World {
  sims: ServerProcess<SimsInfo>;
  subgraph: ServerProcess<Url>;
  /** The Authorization header every subgraph and gateway request carries. */
  auth: Record<string, string>;
  /** Makes idempotency keys unique across bench invocations against a persistent store. */
  runId: string;
  selected(id: string): boolean;
}

/** Batch sizes for `_entities`: one reference, a page, and the most one request may carry (MAX_REPRESENTATIONS). */
export const ENTITY_BATCHES = [1, 100, 1000] as const;
/** Concurrency for throughput; latency targets use one connection, so no request waits behind another. */
const LOADED = 10;
/** `card(id)` rotates over this many cards, so runs do not read one row only. */
const CARD_ROTATION = 16;

/** 1. The subgraph's own cost on top of the provider: createCard vs the same provider call sent directly. */
export async function createCardComparisons(world: World): Promise<Comparison[]> {
  const { sims, subgraph } = world;
  const beforeRun = async () => void (await sims.call("reset"));
  const viaSubgraph = (input: Parameters<typeof createCardBodies>[0], tag: string): Target => ({
    label: "subgraph",
    url: subgraph.info.url,
    headers: world.auth,
    payload: { next: createCardBodies(input, `bench-${world.runId}-${tag}`) },
    server: subgraph,
    behind: [sims],
    store: subgraph,
  });
  const sudo = benchSudoInput();
  const bank = bankInput();
  const comparisons: Comparison[] = [];
  for (const connections of [1, LOADED]) {
    const id = connections === 1 ? "createCard.sudo" : `createCard.sudo.c${connections}`;
    if (!world.selected(id)) continue;
    comparisons.push({
      id,
      group: "createCard",
      title: `createCard, Sudo (c=${connections})`,
      connections,
      baseline: { label: "Sudo simulator, direct", ...directSudoCall(sims.info.sudo, sudo), server: sims },
      subject: viaSubgraph({ sudo }, `sudo-c${connections}`),
      beforeRun,
    });
  }
  if (world.selected("createCard.bank")) {
    await consentInSubgraph(world, bank.customerId as string);
    comparisons.push({
      id: "createCard.bank",
      group: "createCard",
      title: "createCard, bank (c=1)",
      connections: 1,
      baseline: { label: "bank simulator, direct", ...(await directBankCall(sims.info.providerEnv, bank, `bench-${world.runId}-direct`)), server: sims },
      subject: viaSubgraph({ bank }, "bank"),
      beforeRun,
    });
  }
  return comparisons;
}

interface ReadTargets {
  subject: Omit<Target, "payload">;
  baseline: Omit<Target, "payload">;
}

const cardBodies = (cards: readonly CardJson[]) => ({ bodies: cards.slice(0, CARD_ROTATION).map((card) => graphqlBody(CARD_QUERY, { id: card.id })) });

/** 2. Reads against the subgraph vs a bare @apollo/server serving the same JSON. */
export function subgraphReadComparisons(world: World, cards: readonly CardJson[], targets: ReadTargets): Comparison[] {
  const ids = cards.map((card) => card.id);
  const reads: Array<Omit<Comparison, "baseline" | "subject" | "group"> & { payload: Target["payload"] }> = [
    { id: "reads.card", title: `card(id) (c=${LOADED})`, connections: LOADED, payload: cardBodies(cards) },
    ...ENTITY_BATCHES.map((n) => ({ id: `reads.entities.${n}`, title: `_entities ×${n} (c=${LOADED})`, connections: LOADED, payload: { body: entitiesBody(ids.slice(0, n)) } })),
    { id: "reads.entities.1000.c1", title: "_entities ×1000 (c=1)", connections: 1, payload: { body: entitiesBody(ids) } },
  ];
  return reads
    .filter((read) => world.selected(read.id))
    .map(({ payload, ...read }) => ({
      ...read,
      group: "subgraph reads" as const,
      baseline: { ...targets.baseline, payload },
      subject: { ...targets.subject, payload },
      sameAnswer: true,
    }));
}

/** 3. What a frontend sees: the same reads through @apollo/gateway, over the subgraph vs over the bare baseline. */
export function gatewayComparisons(world: World, cards: readonly CardJson[], targets: ReadTargets): Comparison[] {
  const reads: Array<Omit<Comparison, "baseline" | "subject" | "group"> & { payload: Target["payload"] }> = [
    { id: "gateway.card", title: `card(id) (c=${LOADED})`, connections: LOADED, payload: cardBodies(cards) },
    ...ENTITY_BATCHES.map((n) => ({
      id: `gateway.entities.${n}`,
      title: `cardRefs → _entities ×${n} (c=${LOADED})`,
      connections: LOADED,
      payload: { body: graphqlBody(CARD_REFS_QUERY, { count: n }) },
    })),
  ];
  return reads
    .filter((read) => world.selected(read.id))
    .map(({ payload, ...read }) => ({
      ...read,
      group: "through the gateway" as const,
      baseline: { ...targets.baseline, payload },
      subject: { ...targets.subject, payload },
      sameAnswer: true,
    }));
}

/** The bank needs the customer's consent first: start it through the subgraph, approve on the bank's page, wait. */
async function consentInSubgraph(world: World, customerId: string): Promise<void> {
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(world.subgraph.info.url, { method: "POST", headers: { "content-type": "application/json", ...world.auth }, body: JSON.stringify({ query, variables }) });
    return ((await res.json()) as { data?: Record<string, { id: string; status: string; userCode: string; verificationUri: string }> }).data;
  };
  const started = (await gql("mutation($c: ID!) { startBankConsent(customerId: $c) { id status userCode verificationUri } }", { c: customerId }))?.startBankConsent;
  if (!started) throw new Error("startBankConsent failed");
  if (started.status === "PENDING") await answerConsentPage(started.verificationUri, started.userCode, customerId);
  for (let i = 0; i < 600; i++) {
    const consent = (await gql("query($id: ID!) { bankConsent(id: $id) { status } }", { id: started.id }))?.bankConsent;
    if (consent?.status === "APPROVED") return;
    if (consent && consent.status !== "PENDING") throw new Error(`bank consent ended ${consent.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("bank consent was not approved within a minute");
}

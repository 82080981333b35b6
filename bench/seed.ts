import { bankInput } from "../test/support/inputs";
import { benchSudoInput, CREATE_CARD, entitiesBody, graphqlBody } from "./operations";

export type CardJson = { id: string } & Record<string, unknown>;

const PARALLEL = 8;

async function post(url: string, headers: Record<string, string>, body: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, signal: AbortSignal.timeout(60_000) });
  const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || json.errors || !json.data) throw new Error(`seeding failed (${response.status}): ${JSON.stringify(json).slice(0, 500)}`);
  return json.data;
}

/**
 * Issues `count` cards through the subgraph (half bank, half Sudo, as a real store would hold), then reads them back
 * with one `_entities` call: that JSON is what the bare baseline serves.
 */
export async function seedCards(url: string, headers: Record<string, string>, count: number): Promise<CardJson[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const input = i % 2 === 0 ? { bank: bankInput() } : { sudo: benchSudoInput() };
      const data = await post(url, headers, graphqlBody(CREATE_CARD, { idempotencyKey: `bench-seed-${process.pid}-${i}`, input }));
      ids[i] = (data.createCard as CardJson).id;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const data = await post(url, headers, entitiesBody(ids));
  const cards = data._entities as Array<CardJson | null>;
  if (cards.some((card) => card === null)) throw new Error("a seeded card could not be read back");
  return cards as CardJson[];
}

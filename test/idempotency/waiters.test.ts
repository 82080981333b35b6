import { CardService } from "../../src/cards/card.service";
import { ProviderUnavailableError } from "../../src/errors";
import type { SqlCardStore } from "../../src/store/sql-store";
import { caller, card, fakeProvider, input, options, ScriptedIssuer, silent } from "../support/scripted-provider";
import { openTestStore, storeEngine } from "../support/store";

// Hundreds of requests with one key used to poll the store every 50 ms each while the first one ran: thousands of
// statements a second. Now the waiters of a key share one watch per process, woken when the attempt changes.

const N = 400;
/** The fallback poll is slow (as in production); wake-ups must come from the store's notifications. */
const slowPoll = { ...options, pollMs: 60_000, waitMs: 30_000 };

describe(`${N} concurrent requests with one key (${storeEngine})`, () => {
  let store: SqlCardStore;
  let statements = 0;
  let issuer: ScriptedIssuer;
  let release: () => void;

  beforeAll(async () => {
    ({ store } = await openTestStore({ onQuery: () => statements++ }));
  });
  afterAll(() => store.close());
  beforeEach(() => {
    issuer = new ScriptedIssuer();
    statements = 0;
  });

  /** The provider holds the call until released. */
  const gated = () => {
    const gate = new Promise<void>((resolve) => (release = resolve));
    issuer.behaviour = async (request) => {
      await gate;
      return card(request);
    };
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("cost a handful of statements while they wait, however long the provider takes, and all get the one card", async () => {
    gated();
    const service = new CardService(store, [fakeProvider(issuer)], slowPoll, silent);
    const all = Array.from({ length: N }, () => service.createCard(caller("client-a"), "burst", input()));
    await sleep(300);
    const whileWaiting = statements;
    await sleep(1_000);
    expect(statements - whileWaiting).toBe(0);
    release();
    const cards = await Promise.all(all);
    expect(new Set(cards.map((c) => c.id)).size).toBe(1);
    expect(issuer.issued + issuer.resumed).toBe(1);
    // One attempt insert, one completion; the joiners read nothing: before, each of them polled every 50 ms.
    expect(statements).toBeLessThanOrEqual(4);
  });

  it("two replicas: the other replica's waiters are woken by the store's notification, not by polling", async () => {
    gated();
    const replicaA = new CardService(store, [fakeProvider(issuer)], slowPoll, silent);
    const issuerB = new ScriptedIssuer();
    const replicaB = new CardService(store, [fakeProvider(issuerB)], slowPoll, silent);
    const first = replicaA.createCard(caller("client-a"), "two-replicas", input());
    await sleep(100);
    const onB = Array.from({ length: N }, () => replicaB.createCard(caller("client-a"), "two-replicas", input()));
    await sleep(300);
    const whileWaiting = statements;
    await sleep(1_000);
    expect(statements - whileWaiting).toBe(0);
    release();
    const cards = await Promise.all([first, ...onB]);
    expect(new Set(cards.map((c) => c.id)).size).toBe(1);
    expect(issuer.issued + issuerB.issued + issuerB.resumed).toBe(1);
    // B's waiters: beginAttempt once per request that arrived before B followed the key, then one read when woken.
    expect(statements).toBeLessThan(20);
  });

  it("after an unknown outcome, one waiter resumes the attempt and the others get its card", async () => {
    const service = new CardService(store, [fakeProvider(issuer)], slowPoll, silent);
    let calls = 0;
    let releaseSecond!: () => void;
    const second = new Promise<void>((resolve) => (releaseSecond = resolve));
    issuer.behaviour = async (request) => {
      calls++;
      if (calls === 1) {
        await sleep(300);
        throw new ProviderUnavailableError("FAKE", "TIMEOUT", "timed out");
      }
      await second;
      return card(request);
    };
    const results = Array.from({ length: N }, () => service.createCard(caller("client-a"), "unknown-outcome", input()).then((c) => c.id, (e) => e.extensions?.code));
    await sleep(600);
    releaseSecond();
    const outcomes = await Promise.all(results);
    expect(outcomes.filter((o) => o === "PROVIDER_UNAVAILABLE")).toHaveLength(1);
    expect(new Set(outcomes.filter((o) => o !== "PROVIDER_UNAVAILABLE")).size).toBe(1);
    expect({ issued: issuer.issued, resumed: issuer.resumed }).toEqual({ issued: 1, resumed: 1 });
    expect(statements).toBeLessThan(12);
  });
});

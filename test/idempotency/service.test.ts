import { IsInt, IsString } from "class-validator";
import pino from "pino";
import { CardService, type ConfiguredProvider, type IdempotencyOptions } from "../../src/cards/card.service";
import { ProviderRejectedError, ProviderUnavailableError } from "../../src/errors";
import type { CardIssuer, IssueRequest, IssuedCard } from "../../src/providers/provider";
import type { Principal } from "../../src/auth";
import type { SqlCardStore } from "../../src/store/sql-store";
import { openTestStore, storeEngine, truncateAll } from "../support/store";

class FakeInput {
  @IsString() customerId!: string;
  @IsInt() amount!: number;
}

const input = (amount = 10) => ({ fake: Object.assign(new FakeInput(), { customerId: "cus_1", amount }) });

/** A provider stub at the CardIssuer seam: counts calls and does what each test scripts. */
class ScriptedIssuer implements CardIssuer<FakeInput> {
  readonly settleMs = 0;
  issued = 0;
  resumed = 0;
  behaviour: (request: IssueRequest<FakeInput>) => Promise<IssuedCard> = async (request) => card(request);
  validate() {
    return [];
  }
  issue(request: IssueRequest<FakeInput>) {
    this.issued++;
    return this.behaviour(request);
  }
  resume(request: IssueRequest<FakeInput>) {
    this.resumed++;
    return this.behaviour(request);
  }
}

function card(request: IssueRequest<FakeInput>): IssuedCard {
  return { providerCardId: `p_${request.cardId}`, customerId: request.input.customerId, type: "VIRTUAL", status: "ACTIVE", currency: "NGN", last4: "4242" } as IssuedCard;
}

/** A service caller (any customer), so these tests exercise idempotency alone; ownership has its own tests. */
const caller = (subject: string): Principal => ({ issuer: "test", subject, scopes: new Set(["cards:write:any"]), customers: null });

const options: IdempotencyOptions = { hashSecret: "test", leaseMs: 5_000, retentionMs: 3_600_000, waitMs: 5_000, pollMs: 10 };
const silent = pino({ level: "silent" });

function serviceWith(store: SqlCardStore, issuer: ScriptedIssuer, overrides: Partial<IdempotencyOptions> = {}) {
  const provider: ConfiguredProvider = {
    definition: {
      name: "FAKE", inputField: "fake", inputType: FakeInput, description: "fake",
      readConfig: () => null, startSandbox: () => Promise.reject(new Error("unused")), createIssuer: () => issuer,
      customerIdOf: (i: FakeInput) => i.customerId,
    },
    issuer: issuer as CardIssuer<object>,
  };
  return new CardService(store, [provider], { ...options, ...overrides }, silent);
}

describe(`CardService idempotency on ${storeEngine}`, () => {
  let store: SqlCardStore;
  let issuer: ScriptedIssuer;

  beforeAll(async () => {
    ({ store } = await openTestStore());
  });
  beforeEach(async () => {
    await truncateAll(store);
    issuer = new ScriptedIssuer();
  });
  afterAll(() => store.close());

  it("returns the stored card for the same key and input, without a second provider call", async () => {
    const service = serviceWith(store, issuer);
    const first = await service.createCard(caller("client-a"), "key-1", input());
    const again = await service.createCard(caller("client-a"), "key-1", input());
    expect(again.id).toBe(first.id);
    expect(issuer.issued).toBe(1);
  });

  it("refuses the same key with a different input and calls no provider", async () => {
    const service = serviceWith(store, issuer);
    await service.createCard(caller("client-a"), "key-1", input(10));
    await expect(service.createCard(caller("client-a"), "key-1", input(11))).rejects.toMatchObject({ extensions: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect(issuer.issued).toBe(1);
  });

  it("scopes keys to the caller", async () => {
    const service = serviceWith(store, issuer);
    const a = await service.createCard(caller("client-a"), "shared-key", input());
    const b = await service.createCard(caller("client-b"), "shared-key", input());
    expect(a.id).not.toBe(b.id);
    expect(issuer.issued).toBe(2);
  });

  it("replays a provider refusal for the same key", async () => {
    const service = serviceWith(store, issuer);
    issuer.behaviour = async () => {
      throw new ProviderRejectedError("FAKE", "402", "Insufficient balance.");
    };
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_REJECTED", providerCode: "402" } });
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_REJECTED", providerCode: "402", replayed: true } });
    expect(issuer.issued).toBe(1);
  });

  it("resumes, not re-issues, after an unknown outcome", async () => {
    const service = serviceWith(store, issuer);
    issuer.behaviour = async () => {
      throw new ProviderUnavailableError("FAKE", "TIMEOUT", "timed out");
    };
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "PROVIDER_UNAVAILABLE" } });
    issuer.behaviour = async (request) => card(request);
    const resumed = await service.createCard(caller("client-a"), "key-1", input());
    expect({ issued: issuer.issued, resumed: issuer.resumed }).toEqual({ issued: 1, resumed: 1 });
    expect((await store.findCards([resumed.id])).size).toBe(1);
  });

  it("makes one provider call for 50 concurrent requests with one key", async () => {
    const service = serviceWith(store, issuer);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    issuer.behaviour = async (request) => {
      await gate;
      return card(request);
    };
    const all = Array.from({ length: 50 }, () => service.createCard(caller("client-a"), "key-1", input()));
    setTimeout(release, 200);
    const cards = await Promise.all(all);
    expect(new Set(cards.map((c) => c.id)).size).toBe(1);
    expect(issuer.issued + issuer.resumed).toBe(1);
  });

  it("answers IDEMPOTENCY_IN_PROGRESS when the first request outlasts the wait", async () => {
    const service = serviceWith(store, issuer, { waitMs: 100 });
    let release!: () => void;
    issuer.behaviour = (request) => new Promise((resolve) => (release = () => resolve(card(request))));
    const first = service.createCard(caller("client-a"), "key-1", input());
    await new Promise((r) => setTimeout(r, 50));
    await expect(service.createCard(caller("client-a"), "key-1", input())).rejects.toMatchObject({ extensions: { code: "IDEMPOTENCY_IN_PROGRESS" } });
    release();
    await first;
    expect(issuer.issued).toBe(1);
  });

  it("lets a second replica take over an attempt whose owner went silent, and ignores the old owner's late result", async () => {
    const replicaA = serviceWith(store, issuer, { leaseMs: 200 });
    const issuerB = new ScriptedIssuer();
    const replicaB = serviceWith(store, issuerB, { leaseMs: 5_000 });
    let releaseA!: () => void;
    issuer.behaviour = (request) => new Promise((resolve) => (releaseA = () => resolve(card(request))));
    const slow = replicaA.createCard(caller("client-a"), "key-1", input());
    await new Promise((r) => setTimeout(r, 400));
    const taken = await replicaB.createCard(caller("client-a"), "key-1", input());
    releaseA();
    const late = await slow;
    expect(issuerB.resumed).toBe(1);
    expect(late.id).toBe(taken.id);
    expect((await store.findCards([taken.id])).size).toBe(1);
  });

  it("rejects a bad key before touching the store or a provider", async () => {
    const service = serviceWith(store, issuer);
    for (const key of ["", "x".repeat(256), "has space", "naïve"]) {
      await expect(service.createCard(caller("client-a"), key, input())).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "idempotencyKey" } });
    }
    expect(await store.getAttempt("test|client-a", "")).toBeNull();
    expect(issuer.issued).toBe(0);
  });
});

import { IsInt, IsString } from "class-validator";
import pino from "pino";
import { callerOf, type Principal } from "../../src/auth";
import { CardService, type ConfiguredProvider, type IdempotencyOptions } from "../../src/cards/card.service";
import type { CardIssuer, IssueRequest, IssuedCard } from "../../src/providers/provider";
import type { SqlCardStore } from "../../src/store/sql-store";
import { openTestStore, truncateAll } from "./store";

// A provider stub at the CardIssuer seam, for tests of CardService and the reconciler on a real store.

export class FakeInput {
  @IsString() customerId!: string;
  @IsInt() amount!: number;
}

export const input = (amount = 10) => ({ fake: Object.assign(new FakeInput(), { customerId: "cus_1", amount }) });

/** A provider stub at the CardIssuer seam: counts calls and does what each test scripts. */
export class ScriptedIssuer implements CardIssuer<FakeInput> {
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

export function card(request: IssueRequest<FakeInput>): IssuedCard {
  return { providerCardId: `p_${request.cardId}`, customerId: request.input.customerId, type: "VIRTUAL", status: "ACTIVE", currency: "NGN", last4: "4242" } as IssuedCard;
}

/** A service caller (any customer), so these tests exercise idempotency alone; ownership has its own tests. */
export const caller = (subject: string): Principal => ({ issuer: "test", subject, scopes: new Set(["cards:write:any"]), customers: null });
/** The store scope of `caller(subject)`'s attempts. */
export const scopeOf = (subject: string) => callerOf(caller(subject));

export const options: IdempotencyOptions = { hashSecret: "test", leaseMs: 5_000, retentionMs: 3_600_000, waitMs: 5_000, pollMs: 10 };
export const silent = pino({ level: "silent" });

export function fakeProvider(issuer: ScriptedIssuer): ConfiguredProvider {
  return {
    definition: {
      name: "FAKE", inputField: "fake", inputType: FakeInput, description: "fake",
      readConfig: () => null, startSandbox: () => Promise.reject(new Error("unused")), createIssuer: () => issuer,
      customerIdOf: (i: FakeInput) => i.customerId,
    },
    issuer: issuer as CardIssuer<object>,
  };
}

export function serviceWith(store: SqlCardStore, issuer: ScriptedIssuer, overrides: Partial<IdempotencyOptions> = {}) {
  return new CardService(store, [fakeProvider(issuer)], { ...options, ...overrides }, silent);
}

/** A store of the suite's own (PGlite, or a schema on DATABASE_URL), emptied before each test, and a fresh issuer. */
export function suiteStore(): { readonly store: SqlCardStore; readonly issuer: ScriptedIssuer } {
  const state = {} as { store: SqlCardStore; issuer: ScriptedIssuer };
  beforeAll(async () => {
    state.store = (await openTestStore()).store;
  });
  beforeEach(async () => {
    await truncateAll(state.store);
    state.issuer = new ScriptedIssuer();
  });
  afterAll(() => state.store.close());
  return state;
}

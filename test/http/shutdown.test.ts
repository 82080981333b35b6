import { once } from "node:events";
import { get } from "node:http";
import { print } from "graphql";
import { CreateCardDocument, type CreateCardMutation } from "../__generated__/graphql";
import type { Fault } from "../../src/sandbox/faults";
import { startBankSandbox, type BankSandbox } from "../../src/sandbox/bank";
import { startSudoSandbox, type SudoSandbox } from "../../src/sandbox/sudo";
import { FAST_CONSENT_ENV, FAST_CONSENT_SANDBOX, postGraphQL, providerEnv } from "../support/app";
import { consentThroughGraphQL } from "../support/bank-consent";
import { bankInput } from "../support/inputs";
import { startSubgraphProcess } from "../support/subgraph-process";

// These tests start the subgraph as child processes, each compiling the sources and opening PGlite: on a busy
// two-core machine that alone can take longer than the default test timeout. A limit, not a speed assertion.
jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh connection (no keep-alive pool), so "refused" means the server no longer accepts. */
function connect(url: string): Promise<"accepted" | "refused"> {
  return new Promise((resolve) => {
    const req = get(`${url}health/live`, { agent: false }, (res) => {
      res.resume();
      resolve("accepted");
    });
    req.on("error", () => resolve("refused"));
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let bank: BankSandbox;
let sudo: SudoSandbox;
beforeAll(async () => {
  [bank, sudo] = await Promise.all([startBankSandbox(FAST_CONSENT_SANDBOX), startSudoSandbox()]);
});
afterAll(() => Promise.all([bank.stop(), sudo.stop()]));

it("SIGTERM: refuses new connections, finishes the in-flight createCard, closes everything and exits 0", async () => {
  const subgraph = await startSubgraphProcess({ ...providerEnv(bank, sudo), ...FAST_CONSENT_ENV, LOG_LEVEL: "info", SHUTDOWN_GRACE_MS: "20000" });
  expect((await consentThroughGraphQL((q, v) => postGraphQL<Record<string, unknown>>(subgraph.url, q, v), "cus_ada")).status).toBe("APPROVED");
  const exited = once(subgraph.child, "exit");
  // The bank answers slowly, so the request is still at the provider when the signal arrives.
  bank.faults.add({ kind: "latency", latencyMs: 4000, method: "POST", path: "/cards" });
  const taken = jest.spyOn(bank.faults, "take");
  let answered = false;
  const inFlight = postGraphQL<CreateCardMutation>(subgraph.url, print(CreateCardDocument), { idempotencyKey: "shutdown-1", input: { bank: bankInput() } }).finally(() => (answered = true));
  await until(async () => taken.mock.results.some((r) => (r.value as Fault | undefined)?.kind === "latency"), Boolean, "the call to reach the bank");

  subgraph.child.kill("SIGTERM");
  await until(() => connect(subgraph.url), (state) => state === "refused", "new connections to be refused");
  expect(answered).toBe(false);

  const { status, body } = await inFlight;
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data!.createCard.id).toMatch(/^crd_/);
  expect(bank.cards()).toHaveLength(1);

  const [code] = await exited;
  expect(code).toBe(0);
  const messages = subgraph.output().split("\n").filter((line) => /^{.*}$/.test(line)).map((line) => JSON.parse(line).msg);
  expect(messages).toEqual(expect.arrayContaining(["shutting down: finishing in-flight requests", "stopped"]));
});

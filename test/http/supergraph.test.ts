import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { postGraphQL } from "../support/app";
import { consentThroughGraphQL } from "../support/bank-consent";
import { bankInput } from "../support/inputs";

// These tests start the subgraph as child processes, each compiling the sources and opening PGlite: on a busy
// two-core machine that alone can take longer than the default test timeout. A limit, not a speed assertion.
jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");

/** `npm run supergraph` without its tsc step: the same entry point, compiled on the fly as in the other process tests. */
async function startSupergraphProcess(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ["-r", join(ROOT, "test/support/swc-register.js"), join(ROOT, "src/supergraph/main.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", SUPERGRAPH_PORT: "0", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`supergraph did not start:\n${output}`)), 60_000);
    child.stdout!.on("data", () => /try: /.test(output) && (clearTimeout(timer), resolve()));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`supergraph exited with ${code}:\n${output}`))));
  });
  return { child, output: () => output };
}

let supergraph: Awaited<ReturnType<typeof startSupergraphProcess>>;
beforeAll(async () => {
  supergraph = await startSupergraphProcess();
});
afterAll(async () => {
  if (supergraph && supergraph.child.exitCode === null) {
    supergraph.child.kill("SIGTERM");
    await once(supergraph.child, "exit");
  }
});

it("npm run supergraph: prints a gateway URL and a dev token that issue a card and read its customer's name", async () => {
  const url = /supergraph at (http:\/\/\S+)/.exec(supergraph.output())![1];
  const authorization = /Authorization: (Bearer \S+)/.exec(supergraph.output())![1];
  // A newcomer's first step for a bank card: the customer's consent, approved on the sandbox bank's page.
  const consent = await consentThroughGraphQL((query, variables) => postGraphQL<Record<string, unknown>>(url, query, variables, { authorization }), "cus_ada");
  expect(consent.status).toBe("APPROVED");
  const created = await postGraphQL<{ createCard: { id: string; last4: string; customer: { name: string } } }>(
    url,
    "mutation($key: String!, $input: CreateCardInput!) { createCard(idempotencyKey: $key, input: $input) { id last4 customer { name } } }",
    { key: "supergraph-1", input: { bank: bankInput() } },
    { authorization, "x-request-id": "newcomer-1" },
  );
  expect(created.body.errors).toBeUndefined();
  // The gateway passes the request id on, so the cards subgraph's lines for this request carry it.
  const cardsLines = supergraph.output().split("\n").filter((line) => /^{.*}$/.test(line)).map((line) => JSON.parse(line)).filter((line) => line.subgraph === "cards");
  expect(cardsLines).toContainEqual(expect.objectContaining({ requestId: "newcomer-1", msg: "bank card issued" }));
  expect(created.body.data!.createCard.customer).toEqual({ name: "Ada Okafor" });

  const read = await postGraphQL(
    url,
    'query { cards(customerId: "cus_ada", first: 5) { edges { node { id spendSummary { currency } customer { name } } } } }',
    undefined,
    { authorization },
  );
  expect(read.body).toEqual({
    data: { cards: { edges: [{ node: { id: created.body.data!.createCard.id, spendSummary: { currency: "NGN" }, customer: { name: "Ada Okafor" } } }] } },
  });
});

it("serves the GraphiQL page to a browser at the gateway's URL", async () => {
  const url = /supergraph at (http:\/\/\S+)/.exec(supergraph.output())![1];
  const page = await fetch(url, { headers: { accept: "text/html" } });
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  expect(await page.text()).toMatch(/graphiql/i);
});

it("stops on SIGTERM with exit code 0", async () => {
  supergraph.child.kill("SIGTERM");
  const [code] = await once(supergraph.child, "exit");
  expect(code).toBe(0);
});

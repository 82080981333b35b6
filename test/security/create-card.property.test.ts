import fc from "fast-check";
import { startHarness, type GraphQLResponse, type Harness } from "../support/app";
import { invalidBankRequest, invalidEnvelope, invalidKeyOnly, invalidSudoRequest, type InvalidRequest } from "./invalid-inputs";

// Thousands of generated invalid createCard requests through the real subgraph over HTTP (schema, variable coercion,
// validation, CardService). Every one must be refused with BAD_USER_INPUT naming a field the generator broke, never a
// 5xx or INTERNAL_SERVER_ERROR, and must not reach either provider. A failure prints fast-check's seed, path and the
// shrunk counterexample; FC_SEED=<seed> reruns it.

const SEED = Number(process.env.FC_SEED ?? 20261123);
const CREATE = "mutation($idempotencyKey: String!, $input: CreateCardInput!) { createCard(idempotencyKey: $idempotencyKey, input: $input) { id } }";
/** A PAN the generators put into extra fields: it must never come back. */
const PLANTED_PAN = "4111111111111111";

let h: Harness;
let sent = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const providerRequests = () => h.bank.requests.length + h.sudo.requests.length;

/** Field paths the response names: each error's `field` and every entry of `fields`. */
function namedFields(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).flatMap((e) => {
    const fields = (e.extensions?.fields as Array<{ field: string }> | undefined) ?? [];
    return [String(e.extensions?.field ?? ""), ...fields.map((f) => f.field)];
  });
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Checks one refusal; returns nothing, throws with what was wrong. */
function expectRefusal(request: InvalidRequest, response: GraphQLResponse): void {
  expect(response.status).toBeLessThan(500);
  expect(response.body.data ?? null).toBeNull();
  const errors = response.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: expect.stringMatching(/^(input(\.|$)|idempotencyKey$)/) });
  }
  const named = namedFields(response);
  if (!request.fields.some((expected) => named.some((field) => related(field, expected)))) {
    throw new Error(`expected a refusal naming one of ${request.fields.join(", ")}; got ${named.join(", ")}`);
  }
  expect(response.text).not.toContain(PLANTED_PAN);
}

/**
 * Sends a batch concurrently (both cores busy, latency hidden), then checks each answer and that the simulators saw no
 * request during the whole batch. A failing batch shrinks to the one request that causes it.
 */
async function expectBatchRefused(batch: InvalidRequest[]): Promise<void> {
  const before = providerRequests();
  const responses = await Promise.all(
    batch.map((request) => {
      // A fresh valid key per request, so an input that slipped through would be issued (and caught), not replayed.
      sent += 1;
      const idempotencyKey = request.idempotencyKey === "valid-key" ? `prop-${sent}` : request.idempotencyKey;
      return h.gql(CREATE, { idempotencyKey, input: request.input });
    }),
  );
  batch.forEach((request, i) => expectRefusal(request, responses[i]));
  expect(providerRequests()).toBe(before);
}

const BATCH = 8;
/** `batches` × BATCH generated requests through one fixed-seed property. */
const run = (arbitrary: fc.Arbitrary<InvalidRequest>, batches: number) =>
  fc.assert(
    fc.asyncProperty(fc.array(arbitrary, { minLength: 1, maxLength: BATCH, size: "max" }), (batch) => expectBatchRefused(batch)),
    { seed: SEED, numRuns: batches },
  );

describe("createCard refuses every invalid input before any provider call", () => {
  it("bank inputs with one to four violations", () => run(invalidBankRequest, 250), 90_000);
  it("Sudo inputs with one to four violations", () => run(invalidSudoRequest, 250), 90_000);
  it("invalid idempotency keys on otherwise valid inputs", () => run(invalidKeyOnly, 40), 30_000);
  it("inputs that are not exactly one provider object", () => run(invalidEnvelope, 10), 30_000);
  it("sent thousands of requests and made no provider call at all", () => {
    expect(sent).toBeGreaterThan(2000);
    expect(h.bank.count("POST", "/cards") + h.sudo.count("POST", "/cards")).toBe(0);
  });
});

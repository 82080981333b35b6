import { CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { bearer } from "../support/auth";
import { sudoInput } from "../support/inputs";

// Issue 9 item 9: one caller could use up the provider quota, or everyone's CPU with large reads. Each caller (token
// issuer and subject) now has its own allowance of createCard calls and of large-read cost.

let h: Harness;
let keyNo = 0;
const key = () => `caller-limit-${process.pid}-${++keyNo}`;
beforeAll(async () => {
  // 6 createCard calls a minute (a burst of 1), 4,000 cost units of large reads a minute, large from 1,000.
  h = await startHarness({ CALLER_CREATE_CARDS_PER_MINUTE: "6", CALLER_CREATE_CARDS_BURST: "1", CALLER_READ_COST_PER_MINUTE: "4000", CALLER_LARGE_READ_COST: "1000" });
});
afterAll(() => h.stop());

const createAs = async (sub: string) => h.run(CreateCardDocument, { idempotencyKey: key(), input: { sudo: sudoInput() } }, await bearer({ sub }));

it("refuses a caller's createCard beyond its allowance with RATE_LIMITED and retryAfterSeconds, before any provider call", async () => {
  expect((await createAs("busy")).body.errors).toBeUndefined();
  const sudoCalls = h.sudo.requests.length;
  const { body } = await createAs("busy");
  expect(body.errors![0].extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
  expect(body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(h.sudo.requests.length).toBe(sudoCalls);
  // Another caller is not slowed by it.
  expect((await createAs("calm")).body.errors).toBeUndefined();
});

it("charges large reads by their cost and leaves small reads alone", async () => {
  const headers = await bearer({ sub: "reader" });
  const large = '{ cards(customerId: "cus_ada", first: 100) { edges { node { id last4 status provider } } pageInfo { hasNextPage } } }';
  const page = `{ a: ${large.slice(2, -2)} b: ${large.slice(2, -2)} }`; // two aliased pages: 2 × (1 + 100 × 8) = 1,602
  expect((await h.gql(page, {}, headers)).body.errors).toBeUndefined();
  expect((await h.gql(page, {}, headers)).body.errors).toBeUndefined();
  const refused = await h.gql(page, {}, headers);
  expect(refused.body.data ?? null).toBeNull();
  expect(refused.body.errors![0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
  // Small reads of the same caller still pass, and so do another caller's large ones.
  expect((await h.gql('{ cards(customerId: "cus_ada", first: 5) { edges { node { id } } } }', {}, headers)).body.errors).toBeUndefined();
  expect((await h.gql(page, {}, await bearer({ sub: "other-reader" }))).body.errors).toBeUndefined();
});

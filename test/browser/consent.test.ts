import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { CreateCardDocument } from "../__generated__/graphql";
import { startHarness, type Harness } from "../support/app";
import { readConsent, settledConsent, startConsent, type ConsentJson } from "../support/bank-consent";
import { bankInput } from "../support/inputs";
import { launchChromium, type Browser } from "./chromium";

// Bank consent as a customer lives it, in Debian's Chromium: the frontend shows the user code, the customer opens the
// bank's page (the simulator's verification URI), types the code, signs in, presses Approve or Deny. The subgraph's
// poller notices; the card is issued. Nothing is pre-approved.

const WAIT_MS = 60_000;
jest.setTimeout(4 * WAIT_MS);

let h: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  h = await startHarness({}, { consents: false });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** What the customer does: types the code they were shown (with its dash, as displayed), picks who they are, decides. */
async function answerInBrowser(consent: ConsentJson, signInAs: string, button: "Approve" | "Deny"): Promise<string> {
  await page.goto(consent.verificationUri!, { timeout: WAIT_MS });
  await page.getByLabel("Code shown by the app").fill(consent.userCode!);
  await page.getByLabel("Sign in as").selectOption(signInAs);
  await page.getByRole("button", { name: button }).click();
  const result = page.locator("#result");
  await result.waitFor({ timeout: WAIT_MS });
  return (await result.textContent()) ?? "";
}

describe("bank consent on the bank's page, in a browser", () => {
  it("start → the customer types the code and approves → APPROVED → createCard issues the card", async () => {
    const gql = h.gql.bind(h);
    const started = await startConsent(gql, "cus_ada");
    expect(started.status).toBe("PENDING");
    expect(await answerInBrowser(started, "cus_ada", "Approve")).toContain("Approved for Ada Okafor");
    expect(await settledConsent(gql, started.id, WAIT_MS)).toMatchObject({ status: "APPROVED" });

    const { body } = await h.run(CreateCardDocument, { idempotencyKey: randomUUID(), input: { bank: bankInput() } });
    expect(body.errors).toBeUndefined();
    expect(body.data?.createCard).toMatchObject({ provider: "BANK", customer: { id: "cus_ada" } });
  });

  it("the complete URI pre-fills the code; Deny → DENIED and cards stay refused", async () => {
    const gql = h.gql.bind(h);
    const started = await startConsent(gql, "cus_bayo");
    await page.goto(started.verificationUriComplete!, { timeout: WAIT_MS });
    expect(await page.getByLabel("Code shown by the app").inputValue()).toBe(started.userCode);
    await page.getByLabel("Sign in as").selectOption("cus_bayo");
    await page.getByRole("button", { name: "Deny" }).click();
    await page.locator("#result").waitFor({ timeout: WAIT_MS });
    expect(await page.locator("#result").textContent()).toContain("Declined");
    expect(await settledConsent(gql, started.id, WAIT_MS)).toMatchObject({ status: "DENIED" });
    const { body } = await h.run(CreateCardDocument, { idempotencyKey: randomUUID(), input: { bank: bankInput({ customerId: "cus_bayo" }) } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: "BANK_CONSENT_REQUIRED", customerId: "cus_bayo" });
  });

  it("a mistyped code is refused on the page and changes nothing", async () => {
    const gql = h.gql.bind(h);
    const started = await startConsent(gql, "cus_chioma");
    expect(await answerInBrowser({ ...started, userCode: "BCDF-GHJK" === started.userCode ? "BCDF-GHJL" : "BCDF-GHJK" }, "cus_chioma", "Approve")).toContain(
      "not valid",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readConsent(gql, started.id))?.status).toBe("PENDING");
  });
});

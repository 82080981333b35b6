import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startHarness, type Harness } from "../support/app";
import { NO_AUTH } from "../support/auth";
import { isLoopback, launchChromium, type Browser } from "./chromium";

// GraphiQL in Debian's Chromium against the real subgraph (both simulators): load GET /, run the bank example,
// read the card from the result pane. The screenshot goes to the temp dir; with UPDATE_SCREENSHOT=1 it replaces
// docs/graphiql.png instead (a fresh card id and token each run, so it is not rewritten on every test run).

/** Chromium on a busy 2-core machine can take many seconds per step: wait on conditions with a generous bound. */
const WAIT_MS = 60_000;
jest.setTimeout(4 * WAIT_MS);

let h: Harness;
let browser: Browser;
let page: Page;
const offsite: string[] = [];
const requested: string[] = [];
const pageErrors: string[] = [];

/** The text of one of GraphiQL's CodeMirror editors, whole (the DOM only holds the lines in view). */
function editorText(page: Page, container: string): Promise<string> {
  return page.locator(`${container} .CodeMirror`).first().evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

beforeAll(async () => {
  // No AUTH_JWT_SECRET: the subgraph generates its secret, as `npm start` does, and gives GraphiQL a dev token.
  browser = await launchChromium();
  h = await startHarness({ AUTH_JWT_SECRET: "" });
  await browser.context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  page = await browser.context.newPage();
  page.on("request", (request) => requested.push(request.url()));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // CSP violations and failed loads surface as console errors.
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe("GraphiQL in a browser", () => {
  let card: { id: string; provider: string; last4: string; maskedPan: string };

  it("loads from the subgraph with the consent example open, the bank card a tab away, and the dev token in the headers", async () => {
    await page.goto(h.app.url, { timeout: WAIT_MS });
    const run = page.locator(".graphiql-execute-button");
    await run.waitFor({ state: "visible", timeout: WAIT_MS });
    await page.getByRole("tab", { name: "CreateBankCard" }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator(".graphiql-tab-button").allTextContents()).toEqual(["StartBankConsent", "BankConsentStatus", "CreateBankCard", "CreateSudoCard", "CustomerCards", "CardHistory"]);
    expect(await page.locator(".graphiql-tab-active .graphiql-tab-button").textContent()).toBe("StartBankConsent");
    // The harness approved cus_ada's consent on the bank's page already; go to the card tab.
    await page.locator(".graphiql-tab-button", { hasText: "CreateBankCard" }).click();
    await page.locator(".graphiql-tab-active .graphiql-tab-button", { hasText: "CreateBankCard" }).waitFor({ timeout: WAIT_MS });
    expect(await editorText(page, ".graphiql-query-editor")).toContain("mutation CreateBankCard(");
    // Variables, then headers (the hidden one of the two editors).
    const [variables, headers] = await page
      .locator(".graphiql-editor-tool .CodeMirror")
      .evaluateAll((editors) => editors.map((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue()));
    expect(JSON.parse(variables).idempotencyKey).toBe("graphiql-bank-1");
    expect(JSON.parse(headers).Authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("runs the bank createCard example and shows the issued card in the result pane", async () => {
    await page.locator(".graphiql-execute-button").click();
    // What a person would look for: the mutation's name in the result pane.
    await page.locator(".result-window").getByText('"createCard"').first().waitFor({ timeout: WAIT_MS });
    const result = JSON.parse(await editorText(page, ".result-window"));
    expect(result.errors).toBeUndefined();
    card = result.data.createCard;
    expect(card).toMatchObject({ id: expect.stringMatching(/^crd_/), provider: "BANK", last4: expect.stringMatching(/^\d{4}$/) });
    expect(card.maskedPan).toMatch(/^\d{6}\*+\d{4}$/);
  });

  it("issued a real card, authorised by the page's dev token", async () => {
    const stored = (await h.app.store.findCards([card.id])).get(card.id);
    expect(stored).toMatchObject({ id: card.id, last4: card.last4 });
    // Neither the test token nor none at all would do: the subgraph signs with a secret of its own this run.
    expect((await h.gql(`{ __typename }`)).status).toBe(401);
    expect((await h.gql(`{ __typename }`, {}, NO_AUTH)).status).toBe(401);
  });

  it("needed nothing beyond this machine, and logged no error", () => {
    expect(offsite).toEqual([]);
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.every(isLoopback)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("takes a screenshot of the result", async () => {
    const target = process.env.UPDATE_SCREENSHOT === "1" ? join(__dirname, "..", "..", "docs", "graphiql.png") : join(tmpdir(), "cards-graphiql.png");
    await mkdir(join(target, ".."), { recursive: true });
    const png = await page.screenshot({ path: target, timeout: WAIT_MS });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
});

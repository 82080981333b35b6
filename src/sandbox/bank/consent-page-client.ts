import { CONSENT_PAGE_PATH } from "./oauth";

export type ConsentAction = "approve" | "deny";

export interface PageAnswer {
  status: number;
  html: string;
}

/**
 * What a person does at the simulator's consent page, over plain HTTP (the requests a browser sends): open
 * `verificationUri`, type the user code, sign in as `customerId`, press Approve or Deny. For tests, the benchmark and
 * scripts; it uses no backdoor, so it exercises the page itself.
 */
export async function answerConsentPage(verificationUri: string, userCode: string, customerId: string, action: ConsentAction = "approve"): Promise<PageAnswer> {
  const page = await fetch(verificationUri);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('name="user_code"')) throw new Error(`no consent form at ${verificationUri}: HTTP ${page.status}`);
  const submitted = await fetch(new URL(CONSENT_PAGE_PATH, verificationUri), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode, customer_id: customerId, action }).toString(),
  });
  return { status: submitted.status, html: await submitted.text() };
}

import type { Exchange } from "./exchange";
import { SEED_CUSTOMERS } from "./seed";
import type { SandboxState } from "./state";

/**
 * The bank's consent page at `verification_uri` (RFC 8628 §3.3): the customer types the user code shown by the app,
 * signs in (here: picks a seeded customer, standing in for the bank's own login) and approves or denies. This is
 * the only way a consent is ever approved in the simulator.
 */
export function showConsentPage(ex: Exchange, state: SandboxState): void {
  const prefill = normalise(new URLSearchParams(ex.query).get("user_code") ?? "");
  const deviceCode = state.userCodes.get(prefill);
  ex.page(200, layout("Approve a card service", formFor(prefill, deviceCode ? state.deviceGrants.get(deviceCode)?.scope : undefined)));
}

export function answerConsentPage(ex: Exchange, state: SandboxState): void {
  const fields = new URLSearchParams(ex.body);
  const code = normalise(fields.get("user_code") ?? "");
  const deviceCode = state.userCodes.get(code);
  const grant = deviceCode ? state.deviceGrants.get(deviceCode) : undefined;
  if (!grant || grant.expiresAtMs <= Date.now()) {
    return ex.page(400, layout("Code not valid", `<p id="result" role="alert">That code is not valid or has expired. Check the code in the app and try again.</p>${formHtml(code)}`));
  }
  if (grant.decision) return ex.page(409, layout("Already answered", `<p id="result" role="alert">This request was already answered.</p>`));
  const action = fields.get("action");
  if (action === "deny") {
    grant.decision = { approved: false };
    return ex.page(200, layout("Request declined", `<p id="result">Declined. The app was not given access.</p>`));
  }
  const customer = SEED_CUSTOMERS.find((c) => c.id === fields.get("customer_id"));
  if (action !== "approve" || !customer) {
    return ex.page(400, layout("Choose", `<p id="result" role="alert">Sign in as a customer and choose Approve or Deny.</p>${formHtml(code)}`));
  }
  grant.decision = { approved: true, customerId: customer.id };
  return ex.page(200, layout("Request approved", `<p id="result">Approved for ${escape(customer.name)}. You can return to the app.</p>`));

  function formHtml(prefill: string) {
    return formFor(prefill, grant?.scope);
  }
}

/** Codes are compared without case, spaces or dashes (RFC 8628 §6.1: easy to type), then shown as XXXX-XXXX. */
function normalise(code: string): string {
  const bare = code.toUpperCase().replace(/[\s-]/g, "");
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

function formFor(prefill: string, scope: string | undefined): string {
  const options = SEED_CUSTOMERS.map((c) => `<option value="${escape(c.id)}">${escape(c.name)} (${escape(c.id)})</option>`).join("");
  return `
<p>An app is asking to issue payment cards on your account${scope ? ` (<code>${escape(scope)}</code>)` : ""}. Never share
your password or PIN with the app; enter only the code it shows you.</p>
<form method="post" action="/device">
  <p><label for="user_code">Code shown by the app</label><br>
  <input id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" required value="${escape(prefill)}"></p>
  <p><label for="customer_id">Sign in as</label><br>
  <select id="customer_id" name="customer_id">${options}</select></p>
  <p><button type="submit" name="action" value="approve">Approve</button>
  <button type="submit" name="action" value="deny">Deny</button></p>
</form>`;
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Bank sandbox</title></head>` +
    `<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

import { randomUUID } from "node:crypto";
import { BANK_CONTRACT } from "../../src/providers/bank/contract";
import { encryptPin } from "../../src/providers/bank/pin";
import { signIdempotencyKey } from "../../src/providers/bank/signature";
import type { BankSandbox } from "../../src/sandbox/bank";
import { answerConsentPage } from "../../src/sandbox/bank/consent-page-client";

/** Test-side client for the bank sandbox: plain fetch, the wire format spelled out, no production code involved. */

export function basicAuth(sb: BankSandbox): string {
  return `Basic ${Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString("base64")}`;
}

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export function requestToken(sb: BankSandbox, fields: Record<string, string>): Promise<Response> {
  return postForm(`${sb.authBaseUrl}${sb.wire.tokenPath}`, fields, { authorization: basicAuth(sb) });
}

export function requestDeviceCode(sb: BankSandbox, fields: Record<string, string> = {}): Promise<Response> {
  return postForm(`${sb.authBaseUrl}${BANK_CONTRACT.deviceCodePath}`, { client_id: sb.clientId, scope: sb.wire.scopes, ...fields });
}

export interface ConsentTokens {
  access_token: string;
  refresh_token: string;
}

/** Runs the device flow to the end: a person approves on the consent page as `customer` (default cus_ada), then one poll. */
export async function consentToken(sb: BankSandbox, { customer = "cus_ada", ...fields }: Record<string, string> = {}): Promise<ConsentTokens> {
  const device = (await (await requestDeviceCode(sb, fields)).json()) as { device_code: string; user_code: string; verification_uri: string };
  const page = await answerConsentPage(device.verification_uri, device.user_code, customer);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const res = await requestToken(sb, { grant_type: BANK_CONTRACT.deviceCodeGrant, device_code: device.device_code });
  if (res.status !== 200) throw new Error(`device flow failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as ConsentTokens;
}

export async function clientCredentialsToken(sb: BankSandbox): Promise<string> {
  const res = await requestToken(sb, { grant_type: "client_credentials" });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Every header a card call needs, correctly signed for `key`. */
export function apiHeaders(sb: BankSandbox, token: string, key: string = randomUUID()): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    "connection-id": sb.connectionIds[0],
    "idempotency-key": key,
    signature: signIdempotencyKey(sb.clientSecret, key, sb.wire.signatureEncoding),
  };
}

/** A create-card body that passes every rule; a fixed IV makes the encrypted PIN (and so the body) repeatable. */
export function validCardBody(sb: BankSandbox, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    card_status: "ACTIVE",
    card_holder_name: "Ada Okafor",
    card_default_pin: encryptPin("4821", sb.clientSecret, BANK_CONTRACT.defaultPinScheme, Buffer.alloc(16, 7)),
    card_expiry: { month: "01", year: String(new Date().getUTCFullYear() + 3) },
    product_id: "1",
    ...overrides,
  };
}

export function postCard(sb: BankSandbox, headers: Record<string, string>, body: unknown): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return fetch(`${sb.apiBaseUrl}/cards`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
}

export function getCards(sb: BankSandbox, headers: Record<string, string>, path = "/cards"): Promise<Response> {
  return fetch(`${sb.apiBaseUrl}${path}`, { headers });
}

import type { BankCardInput as BankInputClass } from "../src/providers/bank/bank.input";
import { readBankConfig } from "../src/providers/bank/config";
import { BANK_CONTRACT } from "../src/providers/bank/contract";
import { OAuthClient } from "../src/providers/bank/tokens/oauth-client";
import { answerConsentPage } from "../src/sandbox/bank/consent-page-client";
import { toWireBody as bankWireBody } from "../src/providers/bank/mapping";
import { encryptPin } from "../src/providers/bank/pin";
import { headerNames, signIdempotencyKey } from "../src/providers/bank/wire-variants";
import { SUDO_CONTRACT } from "../src/providers/sudo/contract";
import { toWireBody as sudoWireBody } from "../src/providers/sudo/mapping";
import type { SudoCardInput as SudoInputClass } from "../src/providers/sudo/sudo.input";
import type { BankCardInput, SudoCardInput } from "../test/__generated__/graphql";
import type { Payload } from "./load";

// The baseline for createCard: the provider call the subgraph makes, sent straight to the simulator. Bodies come
// from the providers' own mapping code, so both paths send the simulator the same bytes.

export interface DirectCall {
  url: string;
  headers: Record<string, string>;
  payload: Payload;
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;

/** Sudo has no idempotency key, so one fixed body serves every request (each creates a card, as the subgraph's do). */
export function directSudoCall(sudo: { url: string; apiKey: string }, input: SudoCardInput): DirectCall {
  const body = JSON.stringify(sudoWireBody(input as unknown as SudoInputClass, "crd_bench_direct"));
  return {
    url: join(sudo.url, SUDO_CONTRACT.cardsPath),
    headers: { authorization: `${SUDO_CONTRACT.authScheme} ${sudo.apiKey}`, accept: "application/json" },
    payload: { body },
  };
}

/**
 * The bank call needs what the subgraph's issuer has: a consent token (obtained once here with the issuer's own token
 * source), an encrypted PIN, and per request a fresh idempotency key with its signature.
 */
export async function directBankCall(providerEnv: Record<string, string>, input: BankCardInput, keyPrefix: string): Promise<DirectCall> {
  const config = readBankConfig(providerEnv);
  if (!config) throw new Error("the bench's provider env has no bank settings");
  const connectionId = config.defaultConnectionId;
  const token = await consentedToken(config, input.customerId as string, connectionId);
  const encryptedPin = encryptPin(input.defaultPin, config.clientSecret, config.pinScheme);
  const body = JSON.stringify(bankWireBody(input as unknown as BankInputClass, { encryptedPin }));
  const headers = headerNames(config.wire.headerStyle);
  let n = 0;
  return {
    url: join(config.apiBaseUrl, BANK_CONTRACT.cardsPath),
    headers: { authorization: `Bearer ${token}`, accept: "application/json", [headers.connectionId]: connectionId },
    payload: {
      next: () => {
        const key = `${keyPrefix}-${n++}`;
        return { body, headers: { [headers.idempotencyKey]: key, [headers.signature]: signIdempotencyKey(config.clientSecret, key, config.wire.signatureEncoding) } };
      },
    },
  };
}

/** The device flow, approved on the simulator's consent page as the customer, then one poll. */
async function consentedToken(config: NonNullable<ReturnType<typeof readBankConfig>>, customerId: string, connectionId: string): Promise<string> {
  const client = new OAuthClient(config);
  const device = await client.deviceCode(connectionId);
  if (!device.ok) throw new Error(`device code refused: ${device.error}`);
  await answerConsentPage(device.body.verification_uri!, device.body.user_code!, customerId);
  const polled = await client.token({ grant_type: BANK_CONTRACT.deviceCodeGrant, device_code: device.body.device_code! }, connectionId);
  if (!polled.ok || !polled.body.access_token) throw new Error("device poll did not return a token");
  return polled.body.access_token;
}

import { startBankSandbox } from "../../sandbox/bank";
import type { ProviderDefinition } from "../provider";
import { BankCardInput } from "./bank.input";
import { sandboxResilience } from "../resilience";
import { bankResilienceDefaults, readBankConfig, type BankConfig } from "./config";
import { BANK_CONTRACT } from "./contract";
import { BANK } from "./errors";
import { BankCardIssuer, type BankIssuerDeps } from "./issuer";

const SANDBOX_TIMEOUT_MS = 10_000;

export const bankProvider: ProviderDefinition<BankCardInput, BankConfig> = {
  name: BANK,
  inputField: "bank",
  inputType: BankCardInput,
  description: "Issue through the bank-connectivity API (Open Banking Nigeria) for a customer who gave consent.",
  readConfig: readBankConfig,
  async startSandbox() {
    const sandbox = await startBankSandbox();
    const config: BankConfig = {
      apiBaseUrl: sandbox.apiBaseUrl,
      authBaseUrl: sandbox.authBaseUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      connectionIds: [...sandbox.connectionIds],
      defaultConnectionId: sandbox.connectionIds[0],
      wire: { ...sandbox.wire },
      pinScheme: BANK_CONTRACT.defaultPinScheme,
      timeoutMs: SANDBOX_TIMEOUT_MS,
      tokenSource: "device-code",
      consentTokens: {},
      resilience: sandboxResilience(bankResilienceDefaults(SANDBOX_TIMEOUT_MS, false)),
    };
    return { config, customers: sandbox.customers.map((c) => c.id), stop: () => sandbox.stop() };
  },
  createIssuer: (config, logger, services) => new BankCardIssuer(config, logger, (services ?? {}) as BankIssuerDeps),
  customerIdOf: (input) => input.customerId,
};

export { BankCardInput, CardAddressInput, CardExpiryInput, CustomPropertyInput } from "./bank.input";
export { BankCardCurrency, BankCardStatus } from "./bank.enums";
export type { BankConfig } from "./config";

import { startSudoSandbox } from "../../sandbox/sudo";
import type { ProviderDefinition } from "../provider";
import { ProviderGuard, sandboxResilience } from "../resilience";
import { readSudoConfig, sudoResilienceDefaults, type SudoConfig } from "./config";
import { SUDO_CONTRACT } from "./contract";
import { SudoCardsApi } from "./datasource";
import { SUDO } from "./errors";
import { SUDO_SCOPE, SudoCardIssuer } from "./issuer";
import { SudoLifecycle } from "./lifecycle";
import { SudoCardInput } from "./sudo.input";
import { SUDO_WEBHOOKS } from "./webhooks";

export { SudoCardInput } from "./sudo.input";
export type { SudoConfig } from "./config";

export const sudoProvider: ProviderDefinition<SudoCardInput, SudoConfig> = {
  name: SUDO,
  inputField: "sudo",
  inputType: SudoCardInput,
  description:
    "Issue the card through Sudo Africa: physical (mapped by PAN or Card ID) or virtual Verve, MasterCard, Visa or AfriGo cards.",
  readConfig: readSudoConfig,
  async startSandbox() {
    const sandbox = await startSudoSandbox();
    const timeoutMs = SUDO_CONTRACT.defaultTimeoutMs;
    return {
      config: {
        apiBaseUrl: sandbox.url,
        apiKey: sandbox.apiKey,
        timeoutMs,
        settleMs: timeoutMs,
        vaultId: SUDO_CONTRACT.sandboxVaultId,
        resilience: sandboxResilience(sudoResilienceDefaults(timeoutMs)),
      },
      customers: sandbox.customers.map((c) => c._id),
      stop: () => sandbox.stop(),
      deliverWebhooks: (url, token) => sandbox.webhooks.configure(url, token),
    };
  },
  createIssuer(config, logger) {
    const log = logger.child({ provider: SUDO });
    // Built here, once per issuer, so the breaker and the rate limiter see every request the process makes.
    const guard = new ProviderGuard({ provider: SUDO, scopes: [SUDO_SCOPE], config: config.resilience, logger: log });
    const { apiBaseUrl: baseUrl, apiKey, timeoutMs } = config;
    const api = new SudoCardsApi({ baseUrl, apiKey, timeoutMs, throttle: guard.throttle }, { logger: log });
    const lifecycle = new SudoLifecycle(api, { guard, vaultId: config.vaultId ?? SUDO_CONTRACT.sandboxVaultId });
    return new SudoCardIssuer(api, log, { settleMs: config.settleMs, guard, lifecycle });
  },
  customerIdOf: (input) => input.customerId,
  webhooks: SUDO_WEBHOOKS,
  // A physical card is mapped by the PAN printed on it.
  cardNumberFields: ["number"],
};

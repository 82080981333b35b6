import { startSudoSandbox } from "../../sandbox/sudo";
import type { ProviderDefinition } from "../provider";
import { readSudoConfig, type SudoConfig } from "./config";
import { SUDO_CONTRACT } from "./contract";
import { SudoCardsApi } from "./datasource";
import { SUDO } from "./errors";
import { SudoCardIssuer } from "./issuer";
import { SudoCardInput } from "./sudo.input";

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
    return {
      config: { apiBaseUrl: sandbox.url, apiKey: sandbox.apiKey, timeoutMs: SUDO_CONTRACT.defaultTimeoutMs, settleMs: SUDO_CONTRACT.defaultTimeoutMs },
      stop: () => sandbox.stop(),
    };
  },
  createIssuer(config, logger) {
    const log = logger.child({ provider: SUDO });
    const api = new SudoCardsApi({ baseUrl: config.apiBaseUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs }, { logger: log });
    return new SudoCardIssuer(api, log, undefined, config.settleMs);
  },
  customerIdOf: (input) => input.customerId,
};

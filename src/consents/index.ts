import type { Kysely } from "kysely";
import type { Logger } from "../logger";
import type { BankConfig } from "../providers/bank/config";
import { OAuthClient } from "../providers/bank/tokens/oauth-client";
import type { Database } from "../store/db";
import { ConsentCipher } from "./consent.cipher";
import type { ConsentConfig } from "./consent.config";
import { ConsentPoller } from "./consent.poller";
import { ConsentService } from "./consent.service";
import { ConsentStore } from "./consent.store";
import { ConsentTokenSource } from "./consent.tokens";

export { readConsentConfig, type ConsentConfig } from "./consent.config";
export { BankConsentResolver, CustomerConsentsResolver } from "./consent.resolver";
export { ConsentService } from "./consent.service";
export { BankConsent, BankConsentStatus } from "./consent.type";

export interface Consents {
  service: ConsentService;
  /** The bank issuer's token source. */
  tokens: ConsentTokenSource;
  poller: ConsentPoller;
}

/** Everything bank consent needs, on the shared store; the caller starts and stops the poller. */
export function createConsents(db: Kysely<Database>, bank: BankConfig, config: ConsentConfig, logger: Logger): Consents {
  const log = logger.child({ component: "bank-consents" });
  const store = new ConsentStore(db);
  const cipher = new ConsentCipher(config.keys);
  const oauth = new OAuthClient(bank);
  return {
    service: new ConsentService(store, cipher, oauth, bank, log),
    tokens: new ConsentTokenSource(store, cipher, oauth, log),
    poller: new ConsentPoller(store, cipher, oauth, config, log),
  };
}

import type { ApolloServerPlugin } from "@apollo/server";
import type { CreateQuota } from "../cards/card.service";
import { appError, ErrorCode } from "../errors";
import { operationCost } from "../graphql/limits";
import { CallerRateLimiter } from "./caller-limiter";
import type { CallerLimitsConfig } from "./config";

export { CallerRateLimiter } from "./caller-limiter";
export { readCallerLimits, type CallerLimitsConfig } from "./config";

export const callerRateLimited = (what: string, retryAfterSeconds: number) =>
  appError(`Too many ${what} from this caller; retry after ${retryAfterSeconds} s.`, { code: ErrorCode.RATE_LIMITED, retryAfterSeconds });

/** The per-caller limits of one process: createCard calls, and the cost of large reads. */
export class CallerLimits {
  private readonly creates: CallerRateLimiter;
  private readonly reads: CallerRateLimiter;

  constructor(private readonly config: CallerLimitsConfig) {
    this.creates = new CallerRateLimiter(config.createCard);
    this.reads = new CallerRateLimiter(config.reads);
  }

  /** The caller's createCard allowance, as CardService.createCard checks and charges it. */
  createCardQuota(caller: string): CreateQuota {
    return {
      check: () => {
        const wait = this.creates.waitSeconds(caller);
        if (wait !== null) throw callerRateLimited("createCard calls", wait);
      },
      charge: () => this.creates.charge(caller),
    };
  }

  /**
   * Charges a query's validated cost to its caller once the operation is known, before anything runs. Small reads
   * are free, so a caller's card lookups never meet the limit; pages of pages and large batches do.
   */
  // Typed by what it reads of the context (the caller), so this module does not depend on the context it is part of.
  plugin(): ApolloServerPlugin<{ caller: string }> {
    const { largeReadCost } = this.config.reads;
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ operation, contextValue }) => {
          if (operation?.operation !== "query") return;
          const cost = operationCost(operation) ?? 0;
          if (cost < largeReadCost) return;
          const wait = this.reads.admit(contextValue.caller, cost);
          if (wait !== null) throw callerRateLimited("large reads", wait);
        },
      }),
    };
  }
}

import { startBankSandbox } from "../../src/sandbox/bank";
import { startSudoSandbox } from "../../src/sandbox/sudo";
import { providerEnv } from "../../test/support/app";
import { SUDO_NGN_ACCOUNT } from "../../test/support/inputs";
import { startOtlpSink } from "./otlp-sink";
import type { Role } from "./role";

export interface SimsInfo extends Record<string, unknown> {
  /** BANK_* and SUDO_* variables pointing at these simulators. */
  providerEnv: Record<string, string>;
  sudo: { url: string; apiKey: string };
  /** Where the subgraph exports its traces (OTEL_EXPORTER_OTLP_ENDPOINT). */
  otlpUrl: string;
}

/** Enough for every card a bench run issues; the fee per virtual card is 50 NGN. */
const BENCH_BALANCE = 1e12;

/**
 * Both providers' simulators, in a process of their own: a real provider is another machine, so its CPU and memory
 * must not be counted as the subgraph's.
 */
export async function startSims(): Promise<Role> {
  // The bank's sandbox allows 100 calls a minute, as its contract says; a load test makes thousands.
  const [bank, sudo, otlp] = await Promise.all([startBankSandbox({ rateLimitPerMinute: 1e9 }), startSudoSandbox(), startOtlpSink()]);
  sudo.setBalance(SUDO_NGN_ACCOUNT, BENCH_BALANCE);
  const info: SimsInfo = { providerEnv: providerEnv(bank, sudo), sudo: { url: sudo.url, apiKey: sudo.apiKey }, otlpUrl: otlp.url };
  return {
    info,
    commands: {
      // Between runs: cards, request logs and idempotency records would otherwise grow for the whole bench.
      reset: () => {
        bank.reset();
        sudo.reset();
        sudo.setBalance(SUDO_NGN_ACCOUNT, BENCH_BALANCE);
      },
      cardCounts: () => ({ bank: bank.cards().length, sudo: sudo.cards().length }),
      otlpStats: () => otlp.stats(),
    },
    stop: async () => {
      await Promise.all([bank.stop(), sudo.stop(), otlp.stop()]);
    },
  };
}

import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who a provider call is made for, so the breaker can tell one caller's bad luck (or bad input) from a provider that
 * is down for everyone. Set by whoever knows the caller (the card service) around the issuer call; the guard reads it.
 */
const callers = new AsyncLocalStorage<string>();

export function onBehalfOf<T>(caller: string, fn: () => T): T {
  return callers.run(caller, fn);
}

/** Undefined outside onBehalfOf: such a call is counted as its own caller. */
export function currentCaller(): string | undefined {
  return callers.getStore();
}

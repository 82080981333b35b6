import { ConfigError } from "../../src/env";

/** The problems a configuration reader reports (all at once, in a ConfigError), or none when it accepts the input. */
export function configProblems(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

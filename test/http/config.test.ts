import { loadConfig } from "../../src/config";
import { ConfigError } from "../../src/env";

describe("HTTP settings", () => {
  it("default to a 1 MiB body limit and a 10 s shutdown grace", () => {
    expect(loadConfig({})).toMatchObject({ maxBodyBytes: 1_048_576, shutdownGraceMs: 10_000 });
    expect(loadConfig({ MAX_BODY_BYTES: "2048", SHUTDOWN_GRACE_MS: "0" })).toMatchObject({ maxBodyBytes: 2048, shutdownGraceMs: 0 });
  });

  it("report each bad value on its own line", () => {
    let problems: string[] = [];
    try {
      loadConfig({ MAX_BODY_BYTES: "1mb", SHUTDOWN_GRACE_MS: "-5" });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'MAX_BODY_BYTES must be an integer from 1024 to 104857600, got "1mb"',
      'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000, got "-5"',
    ]);
  });
});

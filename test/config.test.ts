import { loadConfig } from "../src/config";
import { startSubgraphProcess } from "./support/subgraph-process";
import { configProblems } from "./support/config";

const problemsOf = (env: NodeJS.ProcessEnv) => configProblems(() => loadConfig(env));

describe("configuration", () => {
  it("runs on embedded defaults with no variables at all", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4001, host: "127.0.0.1", databaseUrl: undefined });
    expect(config.providers.map((p) => [p.definition.name, p.config])).toEqual([
      ["BANK", null],
      ["SUDO", null],
    ]);
  });

  it("reports every problem at once, one line each, without echoing secrets", () => {
    const problems = problemsOf({
      PORT: "http",
      DATABASE_URL: "mysql://db",
      BANK_API_BASE_URL: "not a url",
      BANK_CLIENT_SECRET: "s3cr3t-value",
      SUDO_API_KEY: "key-value-123",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("PORT"),
        expect.stringContaining("DATABASE_URL"),
        expect.stringContaining("BANK_API_BASE_URL"),
        expect.stringContaining("BANK_CLIENT_ID"),
        expect.stringContaining("SUDO_API_BASE_URL"),
      ]),
    );
    expect(problems.join("\n")).not.toMatch(/s3cr3t-value|key-value-123/);
  });

  it("requires real providers and an idempotency secret in production", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("IDEMPOTENCY_SECRET"), expect.stringContaining("BANK"), expect.stringContaining("SUDO")]));
  });

  it("refuses to start in production without a durable shared store (DATABASE_URL)", async () => {
    const durability = /DATABASE_URL is required when NODE_ENV=production/;
    expect(problemsOf({ NODE_ENV: "production" })).toEqual(expect.arrayContaining([expect.stringMatching(durability)]));
    expect(problemsOf({ NODE_ENV: "production", DATA_DIR: "/var/lib/cards" })).toEqual(expect.arrayContaining([expect.stringMatching(durability)]));
    expect(problemsOf({ NODE_ENV: "production", DATABASE_URL: "postgres://db/cards" })).not.toEqual(expect.arrayContaining([expect.stringMatching(durability)]));
    expect(problemsOf({ DATA_DIR: "/var/lib/cards" })).toEqual([]);
    // The entry point exits before opening any store.
    const error: Error = await startSubgraphProcess({ NODE_ENV: "production" }).then(
      () => new Error("it started"),
      (e) => e,
    );
    expect(error.message).toMatch(/exited with 1/);
    expect(error.message).toMatch(durability);
  }, 120_000);

  it("makes the real entry point exit non-zero with the list of problems", async () => {
    const started = startSubgraphProcess({ PORT: "-1", SUDO_API_BASE_URL: "ftp://x", SUDO_API_KEY: "key-value-123" });
    const error: Error = await started.then(
      () => new Error("it started"),
      (e) => e,
    );
    expect(error.message).toMatch(/exited with 1/);
    expect(error.message).toMatch(/Invalid configuration:[\s\S]*PORT[\s\S]*SUDO_API_BASE_URL/);
    expect(error.message).not.toContain("key-value-123");
  });
});

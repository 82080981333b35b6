import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { Kysely, PostgresDialect } from "kysely";
import { loadConfig } from "../../src/config";
import { operationSignature } from "../../src/telemetry/graphql-plugin";
import { samplerFromEnv } from "../../src/telemetry/sampler";
import { describeStatement } from "../../src/telemetry/sql";
import { tracingEnabled } from "../../src/telemetry/tracing";
import { configProblems } from "../support/config";

describe("tracing switch (standard OTEL_* variables)", () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, true],
    [{ OTEL_TRACES_EXPORTER: "otlp" }, true],
    [{ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, false],
    [{ OTEL_TRACES_EXPORTER: "otlp", OTEL_SDK_DISABLED: "true" }, false],
  ])("%j → %s", (env, on) => {
    expect(tracingEnabled(env)).toBe(on);
  });

  it.each([
    [{}, "ParentBased{root=AlwaysOnSampler"],
    [{ OTEL_TRACES_SAMPLER: "always_off" }, "AlwaysOffSampler"],
    [{ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }, "ParentBased{root=TraceIdRatioBased{0.25}"],
    [{ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "7" }, "TraceIdRatioBased{1}"],
  ])("sampler for %j", (env, described) => {
    expect(samplerFromEnv(env).toString()).toContain(described);
  });
});

describe("span and metric names", () => {
  const db = new Kysely<{ cards: { id: string; customer_id: string }; card_attempts: { key: string; state: string } }>({
    dialect: new PostgresDialect({ pool: {} as never }),
  });

  it.each([
    [db.selectFrom("cards").select("id").where("id", "=", "crd_1").compile(), { kind: "SELECT", table: "cards" }],
    [db.insertInto("card_attempts").values({ key: "k", state: "pending" }).compile(), { kind: "INSERT", table: "card_attempts" }],
    [db.updateTable("card_attempts").set({ state: "failed" }).where("key", "=", "k").compile(), { kind: "UPDATE", table: "card_attempts" }],
    [db.deleteFrom("card_attempts").where("key", "=", "k").compile(), { kind: "DELETE", table: "card_attempts" }],
    [
      db
        .with("done", (d) => d.updateTable("card_attempts").set({ state: "succeeded" }).returning("key"))
        .insertInto("cards")
        .expression((eb) => eb.selectFrom("done").select(["key as id", "key as customer_id"]))
        .compile(),
      { kind: "INSERT", table: "cards" },
    ],
  ])("a statement is its kind and table, never its text or parameters: %#", (compiled, described) => {
    expect(describeStatement(compiled.query, compiled.sql)).toEqual(described);
  });

  const operationOf = (source: string) => parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

  it("labels an operation by its type and root schema fields, never the client's free-text name", () => {
    expect(operationSignature(operationOf("query AnyNameAtAll4111111111111111 { card(id: \"x\") { id } __typename }"))).toBe("query card");
    expect(operationSignature(operationOf("{ b: card(id: \"1\") { id } a: card(id: \"2\") { id } _entities(representations: []) { __typename } }"))).toBe("query _entities,card");
    expect(operationSignature(operationOf("mutation { createCard(idempotencyKey: \"k\", input: {}) { id } }"))).toBe("mutation createCard");
    expect(operationSignature(operationOf("{ a b c d e }"))).toBe("query a,b,c,…");
  });
});

describe("metrics settings", () => {
  it("are off without METRICS_PORT", () => {
    expect(loadConfig({}).metrics).toBeUndefined();
  });

  it("listen on HOST unless METRICS_HOST says otherwise", () => {
    expect(loadConfig({ METRICS_PORT: "9464", HOST: "0.0.0.0" }).metrics).toEqual({ port: 9464, host: "0.0.0.0", token: undefined });
    expect(loadConfig({ METRICS_PORT: "9464", METRICS_HOST: "127.0.0.2", METRICS_TOKEN: "t" }).metrics).toEqual({ port: 9464, host: "127.0.0.2", token: "t" });
  });

  it("refuse a bad port, and a production endpoint off loopback without a long token", () => {
    expect(configProblems(() => loadConfig({ METRICS_PORT: "http" }))).toEqual([expect.stringContaining("METRICS_PORT")]);
    const problems = configProblems(() => loadConfig({ NODE_ENV: "production", METRICS_PORT: "9464", HOST: "0.0.0.0", METRICS_TOKEN: "short" }));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("METRICS_TOKEN")]));
    const loopback = configProblems(() => loadConfig({ NODE_ENV: "production", METRICS_PORT: "9464", METRICS_HOST: "127.0.0.1" }));
    expect(loopback.join("\n")).not.toContain("METRICS_TOKEN");
  });
});

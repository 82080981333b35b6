import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { printSubgraphSdl } from "../src/schema/build";

const root = join(__dirname, "..");

describe("committed artefacts", () => {
  it("schema.graphql is what the type-graphql code prints (run `npm run schema:print`)", () => {
    expect(readFileSync(join(root, "schema.graphql"), "utf8")).toBe(printSubgraphSdl());
  });

  it("declares the federation link, the Card and Customer keys and @oneOf", () => {
    const sdl = printSubgraphSdl();
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes"])');
    expect(sdl).toMatch(/type Card @key\(fields: "id"\) @authenticated/);
    expect(sdl).toMatch(/type Customer @key\(fields: "id"\)/);
    expect(sdl).toMatch(/input CreateCardInput @oneOf/);
  });

  it("test/__generated__/graphql.ts matches codegen's output (run `npm run codegen`)", () => {
    // The codegen CLI loads ESM modules jest cannot, so it runs as its own process, writing to a scratch file.
    const scratch = mkdtempSync(join(tmpdir(), "codegen-"));
    const config = join(scratch, "codegen.yml");
    writeFileSync(config, readFileSync(join(root, "codegen.yml"), "utf8").replaceAll("test/__generated__/graphql.ts", join(scratch, "graphql.ts")));
    execFileSync(process.execPath, [join(root, "node_modules/@graphql-codegen/cli/cjs/bin.js"), "--config", config], { cwd: root, stdio: "pipe" });
    expect(readFileSync(join(root, "test/__generated__/graphql.ts"), "utf8")).toBe(readFileSync(join(scratch, "graphql.ts"), "utf8"));
  });
});

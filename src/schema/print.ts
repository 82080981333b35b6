import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { printSubgraphSdl } from "./build";

// Run after a schema change; test/schema.test.ts fails while schema.graphql differs from the code.
const target = join(__dirname, "..", "..", "..", "schema.graphql");
writeFileSync(target, printSubgraphSdl());
console.log(`wrote ${target}`);

/**
 * The default run (`npm test`) needs only Node and npm. Suites that need software beyond that live in their own
 * folders and run under their own scripts: test/browser (Debian's Chromium) under `npm run test:e2e`.
 */
const NEEDS_MORE_THAN_NODE = ["<rootDir>/test/browser/"];

/** @type {import('jest').Config} */
const base = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: "es2022",
        },
        module: { type: "commonjs" },
      },
    ],
  },
  testTimeout: 30000,
};

module.exports = { ...base, testPathIgnorePatterns: ["/node_modules/", ...NEEDS_MORE_THAN_NODE] };
module.exports.base = base;

/** What every jest run shares: jest.config.js (`npm test`) and jest.e2e.config.js (`npm run test:e2e`). */
/** @type {import('jest').Config} */
module.exports = {
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
  // Harnesses now consent for the seeded bank customers through the simulator page at start: on a loaded two-core
  // machine that alone neared 30 s. Speed is measured in the bench, never here.
  testTimeout: 60000,
};

/**
 * The default run (`npm test`) needs only Node and npm. Suites that need software beyond that live in their own
 * folders and run under their own scripts: test/browser (Debian's Chromium) under `npm run test:e2e`.
 */
const base = require("./jest.base");

const NEEDS_MORE_THAN_NODE = ["<rootDir>/test/browser/"];

/** @type {import('jest').Config} */
module.exports = { ...base, testPathIgnorePatterns: ["/node_modules/", ...NEEDS_MORE_THAN_NODE] };

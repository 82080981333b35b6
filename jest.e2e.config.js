/** `npm run test:e2e`: the suites that need Debian's Chromium (/usr/bin/chromium). */
const base = require("./jest.base");

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ["<rootDir>/test/browser"] };

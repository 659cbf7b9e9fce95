#!/usr/bin/env bash
# The main job (README): on a fresh machine with only Node and npm, install, build, and run
# the bundled example scenarios through the `kanjo` command line, printing their tables.
set -euo pipefail
source "$(dirname "$0")/pnpm-shim.sh"
cd "$(dirname "$0")/.."
pnpm install --frozen-lockfile --reporter=silent
pnpm run --silent build >/dev/null
for scenario in packages/ledger/examples/*.json; do
  node -e 'const d = require(process.argv[1]); console.log("\n" + "=".repeat(100) + "\n" + d.description.replace(/(.{1,98})(\s|$)/g, "$1\n").trimEnd());' "$PWD/$scenario"
  node packages/ledger/dist/cli.js run "$scenario" --format table
done

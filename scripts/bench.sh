#!/usr/bin/env bash
# `pnpm bench`: every package's benchmarks (packages/*/bench/*.bench.ts), each printing a
# table that sets Kanjo beside its peers measured in the same run. Builds first (the reconcile
# benchmark runs the built CLI) and installs ledger and hledger, its peers.
set -euo pipefail
source "$(dirname "$0")/pnpm-shim.sh"
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh >/dev/null
pnpm install --frozen-lockfile --reporter=silent
pnpm run --silent build >/dev/null
for file in packages/splits/bench/*.bench.ts packages/fees/bench/*.bench.ts packages/ledger/bench/*.bench.ts; do
  [ -e "$file" ] || continue
  echo "== $file"
  # The ledger benchmark keeps a journal of a million payments in memory.
  node --import tsx --expose-gc --max-old-space-size=12288 "$file"
done

#!/usr/bin/env bash
# `pnpm bench`: every package's benchmarks (packages/*/bench/*.bench.ts), each printing a
# table that sets Kanjo beside its peers measured in the same run.
set -euo pipefail
source "$(dirname "$0")/pnpm-shim.sh"
cd "$(dirname "$0")/.."
for file in packages/splits/bench/*.bench.ts packages/fees/bench/*.bench.ts packages/ledger/bench/*.bench.ts; do
  [ -e "$file" ] || continue
  echo "== $file"
  node --import tsx --expose-gc "$file"
done

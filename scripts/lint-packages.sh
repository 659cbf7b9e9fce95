#!/usr/bin/env bash
# publint --strict and are-the-types-wrong on every package, against its packed tarball, in
# every resolution attw knows (node10 included: TypeScript's default for `module: commonjs`).
set -euo pipefail
source "$(dirname "$0")/pnpm-shim.sh"
cd "$(dirname "$0")/.."
root=$PWD
for dir in packages/splits packages/fees packages/ledger; do
  echo "-- $dir"
  (cd "$dir" && "$root/node_modules/.bin/publint" --strict)
  (cd "$dir" && "$root/node_modules/.bin/attw" --pack . --format ascii)
done

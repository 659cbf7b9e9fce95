#!/usr/bin/env bash
# Packs each package as it would be published and imports it from a throwaway ESM
# consumer and a throwaway CommonJS consumer, outside the workspace.
set -euo pipefail
source "$(dirname "$0")/pnpm-shim.sh"
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/packs"
for name in splits fees ledger; do
  (cd "packages/$name" && pnpm pack --pack-destination "$work/packs" >/dev/null)
done
tarballs=("$work"/packs/*.tgz)
# Each package says "license": "MIT", whose terms ask that the notice go with every copy.
for tarball in "${tarballs[@]}"; do
  listing=$(tar tzf "$tarball") # not piped into grep -q: tar's SIGPIPE would fail the pipeline
  grep -qx 'package/LICENSE' <<< "$listing" || { echo "smoke: $(basename "$tarball") has no LICENSE" >&2; exit 1; }
done
for kind in esm cjs; do
  consumer="$work/$kind"
  mkdir -p "$consumer"
  if [ "$kind" = esm ]; then type=module; else type=commonjs; fi
  printf '{ "name": "kanjo-smoke-%s", "private": true, "type": "%s" }\n' "$kind" "$type" > "$consumer/package.json"
  (cd "$consumer" && npm install --no-audit --no-fund --silent "${tarballs[@]}" fast-check@^4 >/dev/null)
done
cp "$root/test/smoke/consumer.mjs" "$root/test/smoke/checks.mjs" "$work/esm/"
cp "$root/test/smoke/consumer.cjs" "$root/test/smoke/checks.mjs" "$work/cjs/"
(cd "$work/esm" && node consumer.mjs)
(cd "$work/cjs" && node consumer.cjs)
# The declaration files, type-checked in strict consumers without Node's types (skipLibCheck off):
# as Node resolves ESM (nodenext), as a bundler does, and as a CommonJS project (node16, and
# node10: TypeScript's default for `module: commonjs`, which reads `typesVersions`, not `exports`).
tsc="$root/node_modules/.bin/tsc"
strict='"strict": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "skipLibCheck": false, "types": [], "lib": ["es2023"], "target": "es2022", "noEmit": true'
check_types() { # folder, module, moduleResolution[, compiler options instead of $strict]
  cp "$root/test/smoke/consumer-types.ts" "$1/"
  printf '{ "compilerOptions": { %s, "module": "%s", "moduleResolution": "%s" }, "files": ["consumer-types.ts"] }\n' "${4:-$strict}" "$2" "$3" > "$1/tsconfig.json"
  (cd "$1" && "$tsc" -p tsconfig.json) || { echo "smoke: the declarations do not type-check for a $2/$3 consumer" >&2; exit 1; }
}
check_types "$work/esm" nodenext nodenext
check_types "$work/esm" esnext bundler
check_types "$work/cjs" node16 node16
# fast-check's own declarations need node16 or later, so node10 skips checking libraries' files.
check_types "$work/cjs" commonjs node10 "${strict/\"skipLibCheck\": false/\"skipLibCheck\": true}"
echo "smoke (types): strict nodenext, bundler, node16 and node10 consumers type-check"
# The `kanjo` bin as a project that installed @kanjo/ledger runs it: found by npx, executable,
# reading its own package.json, and printing what the checkout's build prints.
version=$(node -p "require('$root/packages/ledger/package.json').version")
example="$root/packages/ledger/examples/payout-run.json"
(cd "$work/esm" && test "$(npx --no-install kanjo --version)" = "kanjo $version") || { echo "smoke: the installed kanjo --version is not kanjo $version" >&2; exit 1; }
(cd "$work/cjs" && npx --no-install kanjo run "$example" --format json) > "$work/installed.json"
node "$root/packages/ledger/dist/cli.js" run "$example" --format json > "$work/checkout.json"
cmp -s "$work/installed.json" "$work/checkout.json" || { echo "smoke: the installed kanjo run prints other JSON than the checkout's" >&2; exit 1; }
echo "smoke: ESM and CommonJS consumers, and the installed kanjo $version, passed"

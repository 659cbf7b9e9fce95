#!/usr/bin/env bash
# The one test command (README, .ci/run): from a fresh clone with only Node 20 and npm,
# install everything, build, type check, run every test, lint the packages and smoke-test
# the packed tarballs from throwaway ESM and CommonJS consumers.
set -euo pipefail
source "$(dirname "$0")/pnpm-shim.sh"
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh
pnpm install --frozen-lockfile
pnpm run build
echo "== type check"
pnpm run typecheck
echo "== unit, property, golden and type tests"
mkdir -p .tmp
status=0
# KANJO_BIG_CLI=1: the report of 500,000 payments through a pipe too (about two minutes, 4 GB).
# Under a time limit: a synchronous child process that hangs cannot be stopped by vitest, and a
# CI run that fails in 45 minutes says more than one cut off at its 90-minute limit.
KANJO_BIG_CLI=1 timeout --kill-after=30s 45m pnpm exec vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then echo "vitest did not finish within 45 minutes: a test or a process it started hung" >&2; fi
echo "== publint --strict and are-the-types-wrong"
bash scripts/lint-packages.sh
echo "== smoke test of the packed packages"
bash scripts/smoke.sh
# A plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
'
exit "$status"

#!/usr/bin/env bash
# Installs the outside tools the tests and benchmarks compare against: hledger (the
# reconciliation test checks Kanjo's export with it) and ledger (the benchmark's peer), and
# util-linux's `script` (a CLI test runs kanjo on a pseudo-terminal with it; Debian always
# has it, a slimmer image may not), and python3 (a reconciliation test reads the CSV back with
# its csv module, as a spreadsheet-style script would).
# From Debian's packages; a test that needs a tool fails, never skips, if it is missing.
set -euo pipefail
missing=()
command -v hledger >/dev/null 2>&1 || missing+=(hledger)
command -v ledger >/dev/null 2>&1 || missing+=(ledger)
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing ${missing[*]} from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
hledger --version | head -n 1
ledger --version | head -n 1
python3 --version

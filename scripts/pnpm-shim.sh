#!/usr/bin/env bash
# Sourced by the scripts: pnpm is not installed on a fresh machine and corepack fails its
# signature check, so put a `pnpm` on PATH that runs the pinned pnpm 10 through npx
# (tools such as publint spawn `pnpm pack` themselves).
if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  shim_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tmp/bin"
  mkdir -p "$shim_dir"
  printf '#!/usr/bin/env bash\nexec npx -y pnpm@10 "$@"\n' > "$shim_dir/pnpm"
  chmod +x "$shim_dir/pnpm"
  export PATH="$shim_dir:$PATH"
fi

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command line (scripts/test-all.sh builds before testing). */
export const KANJO_CLI = fileURLToPath(new URL('../../packages/ledger/dist/cli.js', import.meta.url));

/**
 * How long one `kanjo` process may take in a test before it is killed. vitest's own timeout
 * cannot stop a synchronous spawn: a process that hung at exit held the whole run. Killed, it
 * fails its test with status null. The hang is Node 20's shutdown deadlock (nodejs/node#54918;
 * README "When a `kanjo` process is killed after five minutes"): caught under gdb on 2026-12-04,
 * the main thread waited in NodePlatform::DrainTasks for a TurboFan compile task that waited in
 * CollectionBarrier::AwaitCollectionBackground for the main thread to collect garbage.
 */
export const KANJO_PROCESS_TIMEOUT_MS = 5 * 60_000;

/** Runs `kanjo ARGS…` as a whole process and returns its exit status and output. */
export function kanjo(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(KANJO_CLI)) throw new Error(`${KANJO_CLI} is missing: build first (npx -y pnpm@10 run build)`);
  const result = spawnSync(process.execPath, [KANJO_CLI, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 30, timeout: KANJO_PROCESS_TIMEOUT_MS });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

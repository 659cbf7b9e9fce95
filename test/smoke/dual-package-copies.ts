import { createRequire } from 'node:module';
import type * as FeesApi from '@kanjo/fees';
import type * as LedgerApi from '@kanjo/ledger';
import type * as SplitsApi from '@kanjo/splits';

// Typed access to test/smoke/dual-package-support.mjs, loaded by Node itself (native-import.cjs):
// the ESM copy is then the published module graph, not vitest's transform of it (whose aliases
// would give the ESM dist '@kanjo/splits' from the TypeScript sources).

/** One copy of the three built packages. Typed as the sources are: the dist declares the same API. */
export interface Copy {
  readonly splits: typeof SplitsApi;
  readonly fees: typeof FeesApi;
  readonly ledger: typeof LedgerApi;
}

/** What each copy exports of a ledger, as text (see exportsOf in dual-package-support.mjs). */
export interface Exported {
  readonly compact: string;
  readonly objects: string;
  readonly hledger: string;
  readonly statements: string;
  readonly balances: string;
  readonly records: string;
}

/** One copy's outputs of the examples: live exports, and each journal's replay and tampered replay. */
interface CleanCopy {
  readonly live: Record<string, Exported>;
  readonly replayed: Record<string, { readonly replayed: unknown; readonly tampered: unknown }>;
}

interface Support {
  exportedFile(name: string, condition: 'import' | 'require', subpath?: string): string;
  loadCopies(): Promise<{ esm: Copy; cjs: Copy }>;
  exampleScenarios(): { file: string; document: Record<string, unknown> }[];
  exportsOf(ledger: Copy['ledger'], config: LedgerApi.LedgerConfig, built: { journal: readonly LedgerApi.Entry[]; state: LedgerApi.LedgerStateView }): Exported;
  examplesExported(ledger: Copy['ledger']): Record<string, Exported>;
  cleanOutputs(): Promise<{ esm: CleanCopy; cjs: CleanCopy }>;
}

const nativeImport = createRequire(import.meta.url)('./native-import.cjs') as (specifier: string) => Promise<unknown>;

/** The support module, loaded by Node (its own imports of the dist are Node's too). */
export async function loadSupport(): Promise<Support> {
  return (await nativeImport(new URL('./dual-package-support.mjs', import.meta.url).href)) as Support;
}

export const SUPPORT_FILE = new URL('./dual-package-support.mjs', import.meta.url);
export const RETENTION_PROBE_FILE = new URL('./dual-package-retention-probe.mjs', import.meta.url);

/** A parsed command line: the subcommand, its positional arguments and its --options. */
export interface ParsedArguments {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/** Splits `kanjo run FILE --format json --journal out.ndjson` into its parts (`--name value` or `--name=value`). */
export function parseArguments(argv: readonly string[], flags: ReadonlySet<string>): ParsedArguments {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    if (equals > 0) {
      options.set(argument.slice(2, equals), argument.slice(equals + 1));
    } else if (flags.has(argument.slice(2))) {
      options.set(argument.slice(2), true);
    } else {
      options.set(argument.slice(2), argv[index + 1] ?? '');
      index += 1;
    }
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options };
}

/** A usage or input problem: printed as one line on standard error, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

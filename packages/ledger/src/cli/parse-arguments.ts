/** A parsed command line: the subcommand, its positional arguments and its --options. */
export interface ParsedArguments {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
  /**
   * What is wrong with the options as written, in order of appearance (an option without its
   * value, one given twice): reported by {@link checkOptions} after any option the subcommand
   * does not read, so that a misspelt option last on the line is named as unknown.
   */
  readonly problems: readonly string[];
  /** `-h` was given where a file would be named (before `--`, not as an option's value): help. */
  readonly shortHelp: boolean;
}

/**
 * Splits `kanjo run FILE --format json --journal out.ndjson` into its parts (`--name value` or
 * `--name=value`; a name in `flags` takes no value; `-h` is {@link ParsedArguments.shortHelp};
 * after `--` every argument is positional, a file named `-h` or `--x` too).
 * Problems are collected, not thrown: see {@link ParsedArguments.problems}.
 */
export function parseArguments(argv: readonly string[], flags: ReadonlySet<string>): ParsedArguments {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const problems: string[] = [];
  let shortHelp = false;
  // Node reads its arguments as UTF-8 and puts U+FFFD for bytes that are not: a file name in
  // Latin-1 (`j\xff.ndjson`) came through as `j\uFFFD.ndjson`, so the run read "no such file",
  // or wrote its export over another file whose name is that text. Which bytes were given
  // cannot be told from here, so any argument holding U+FFFD is refused (an option's value too).
  for (const argument of argv) {
    if (argument.includes(REPLACEMENT_CHARACTER)) problems.push(notUtf8Problem(argument));
  }
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (argument === '-h') {
      shortHelp = true;
      continue;
    }
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(2, equals) : argument.slice(2);
    if (equals < 0 && flags.has(name)) {
      options.set(name, true);
      continue;
    }
    // A value is the text after `=` or the next argument; none, an empty one, or another option
    // in its place is a usage error naming the option: `--journal` at the end of the line failed
    // as "cannot write : ENOENT", and `--journal --format json` wrote the journal to a file
    // named --format. (A value that does start with -- can be given as --journal=--name.)
    const value = equals > 0 ? argument.slice(equals + 1) : argv[index + 1];
    const given = options.get(name);
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) {
      problems.push(`--${name} needs a value`);
      if (given === undefined) options.set(name, true);
      continue;
    }
    // `--journal a.ndjson --journal b.ndjson` wrote b alone and exited 0: a run that leaves out
    // what the caller asked for must not pass for a success.
    if (typeof given === 'string') problems.push(`--${name} is given twice (${JSON.stringify(given)} and ${JSON.stringify(value)}): give it once`);
    else options.set(name, value);
    if (equals < 0) index += 1;
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options, problems, shortHelp };
}

const REPLACEMENT_CHARACTER = '\uFFFD';

function notUtf8Problem(argument: string): string {
  return `the argument ${JSON.stringify(argument)} holds U+FFFD, which Node puts in place of bytes that are not UTF-8, so a file of that name would be read or written as another one: rename the file or folder to a UTF-8 name (a name holding U+FFFD itself is refused too)`;
}

/**
 * The one file a subcommand reads. None is a usage error, and so is more than one: `kanjo run
 * a.json b.json` ran `a.json` alone and said nothing of `b.json`, which a reader of its output
 * could take for both.
 */
export function onlyPath(args: ParsedArguments, usage: string): string {
  const [path, ...extra] = args.positionals;
  if (path === undefined) throw new UsageError(usage);
  if (extra.length > 0) {
    // `kanjo run -f json v1.json` blamed "v1.json" alone: the reader's -f is the file here.
    // (A word starting with -- is a file only after `--`, where the caller meant it as one.)
    const dashed = path.length > 1 && path.startsWith('-') && !path.startsWith('--') ? `${JSON.stringify(path)} is read as the file (kanjo's options are written --name), so ` : '';
    throw new UsageError(`one file at a time: ${dashed}${extra.map((item) => JSON.stringify(item)).join(', ')} would be ignored (${usage})`);
  }
  return path;
}

/**
 * Refuses an option the subcommand does not read: a misspelt `--jurnal out.ndjson` or
 * `--fromat=csv` was dropped without a word, so the run exited 0 without the file or format
 * the caller asked for. Then the first of the arguments' {@link ParsedArguments.problems}.
 */
export function checkOptions(args: ParsedArguments, known: readonly string[], usage: string): void {
  for (const name of args.options.keys()) {
    if (name !== 'help' && name !== 'version' && !known.includes(name)) throw new UsageError(`unknown option --${name} (${usage})`);
  }
  const [problem] = args.problems;
  if (problem !== undefined) throw new UsageError(problem);
}

/** A usage or input problem: printed as one line on standard error, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

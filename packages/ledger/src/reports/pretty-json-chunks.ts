/** Containers this shallow are written member by member; deeper ones as one string each. */
const STREAMED_DEPTH = 2;
const INDENT = '  ';

/**
 * `JSON.stringify(value, null, 2)` in pieces: the same text, but the members of the top-level
 * object and of the lists and objects directly in it are written one by one. A large
 * scenario's report (a row per record) passes V8's longest string, about 512 MiB, near 240,000
 * payments: written whole it cannot be built at all, and it doubles the memory a run needs.
 * Plain data only, as a report is: a container with a `toJSON` method or a prototype of its
 * own is written whole by `JSON.stringify`.
 */
export function* prettyJsonChunks(value: unknown): Generator<string> {
  yield* chunks(value, '', 0);
}

function* chunks(value: unknown, indent: string, depth: number): Generator<string> {
  const inner = indent + INDENT;
  if (depth < STREAMED_DEPTH && Array.isArray(value) && isPlain(value, Array.prototype)) {
    if (value.length === 0) return yield '[]';
    yield '[';
    for (let index = 0; index < value.length; index += 1) {
      yield `${index === 0 ? '' : ','}\n${inner}`;
      // What JSON.stringify leaves out of an object (undefined, a function) is null in a list:
      // the fallback below writes it so.
      yield* chunks(value[index], inner, depth + 1);
    }
    return yield `\n${indent}]`;
  }
  if (depth < STREAMED_DEPTH && typeof value === 'object' && value !== null && isPlain(value, Object.prototype)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => !isOmitted(record[key]));
    if (keys.length === 0) return yield '{}';
    yield '{';
    for (const [index, key] of keys.entries()) {
      yield `${index === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
      yield* chunks(record[key], inner, depth + 1);
    }
    return yield `\n${indent}}`;
  }
  // undefined for what JSON cannot write: null in a list, the only place it reaches here
  // (an object's such members are skipped above; a report itself is an object).
  const text = (JSON.stringify(value, null, 2) as string | undefined) ?? 'null';
  // A JSON text holds no raw line break but its own (strings escape theirs), so each of them
  // starts a nested line.
  yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/** A list or object JSON.stringify would write member by member, as this does. */
function isPlain(value: object, prototype: object): boolean {
  const own = Object.getPrototypeOf(value) as unknown;
  return (own === prototype || own === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

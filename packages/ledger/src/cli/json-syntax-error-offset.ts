/**
 * Where a text stops being JSON (RFC 8259), as an offset in UTF-16 code units: the first
 * character that cannot continue it, or the text's length where it ends too soon; undefined for
 * a text that is JSON. Node's JSON.parse names a position for most mistakes but not for two,
 * "Unexpected token ']', … is not valid JSON" (a comma before a closing bracket, a word without
 * quotes) and "Unexpected end of JSON input": in a scenario of thousands of lines a person could
 * not find either. Only called once JSON.parse has failed, so it is written to be plain, not
 * fast. Without recursion: JSON.parse reads a file nested a million lists deep, and so must this.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  /** What may come next: a value; a value or `]` (just after `[`); a key or `}` (just after `{`); a key; `:`; what follows a value. */
  let expecting: 'value' | 'value or ]' | 'key or }' | 'key' | ':' | 'after value' = 'value';
  const open: ('[' | '{')[] = [];
  let index = 0;
  for (;;) {
    index = pastWhiteSpace(text, index);
    if (index === text.length) return expecting === 'after value' && open.length === 0 ? undefined : index;
    const character = text[index];
    if (expecting === 'after value') {
      const innermost = open.at(-1);
      if (innermost === undefined) return index;
      if (character === ',') expecting = innermost === '[' ? 'value' : 'key';
      else if (character !== (innermost === '[' ? ']' : '}')) return index;
      else open.pop();
      index += 1;
      continue;
    }
    if (expecting === ':') {
      if (character !== ':') return index;
      expecting = 'value';
      index += 1;
      continue;
    }
    if ((expecting === 'value or ]' && character === ']') || (expecting === 'key or }' && character === '}')) {
      open.pop();
      expecting = 'after value';
      index += 1;
      continue;
    }
    if (expecting === 'key' || expecting === 'key or }') {
      if (character !== '"') return index;
      const end = stringEnd(text, index);
      if (end.error !== undefined) return end.error;
      index = end.next;
      expecting = ':';
      continue;
    }
    // A value.
    if (character === '[' || character === '{') {
      open.push(character);
      expecting = character === '[' ? 'value or ]' : 'key or }';
      index += 1;
      continue;
    }
    const end = character === '"' ? stringEnd(text, index) : character === 't' || character === 'f' || character === 'n' ? literalEnd(text, index) : numberEnd(text, index);
    if (end.error !== undefined) return end.error;
    index = end.next;
    expecting = 'after value';
  }
}

/** Where a token that starts at some offset ends (`next`), or the offset of its first mistake (`error`). */
type TokenEnd = { readonly next: number; readonly error?: undefined } | { readonly next?: undefined; readonly error: number };

/**
 * The offset of the first character from `index` on that is not JSON's white space (space, tab,
 * line feed, carriage return: nothing else), or the text's length.
 */
export function pastWhiteSpace(text: string, index: number): number {
  let at = index;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at += 1;
  return at;
}

/** A string that starts at `start` (its `"`): escapes as RFC 8259 lists them, no control character. */
function stringEnd(text: string, start: number): TokenEnd {
  let at = start + 1;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return { next: at + 1 };
    if (code < 0x20) return { error: at };
    if (code !== 0x5c) {
      at += 1;
      continue;
    }
    const escaped = text[at + 1];
    if (escaped === undefined) return { error: text.length };
    if (escaped === 'u') {
      const hex = /^[0-9A-Fa-f]{0,4}/.exec(text.slice(at + 2, at + 6))?.[0] ?? '';
      if (hex.length < 4) return { error: Math.min(at + 2 + hex.length, text.length) };
      at += 6;
    } else if ('"\\/bfnrt'.includes(escaped)) {
      at += 2;
    } else {
      return { error: at + 1 };
    }
  }
  return { error: text.length };
}

/** true, false or null, spelt out whole. */
function literalEnd(text: string, start: number): TokenEnd {
  const word = text[start] === 't' ? 'true' : text[start] === 'f' ? 'false' : 'null';
  for (let offset = 0; offset < word.length; offset += 1) {
    if (text[start + offset] !== word[offset]) return { error: start + offset };
  }
  return { next: start + word.length };
}

/** A number: an optional minus, no leading zero, digits after a point and after an exponent. */
function numberEnd(text: string, start: number): TokenEnd {
  let at = start;
  const digits = (): number => {
    const from = at;
    while (at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at += 1;
    return at - from;
  };
  if (text[at] === '-') at += 1;
  if (text[at] === '0') at += 1;
  else if (digits() === 0) return { error: at };
  if (text[at] === '.') {
    at += 1;
    if (digits() === 0) return { error: at };
  }
  if (text[at] === 'e' || text[at] === 'E') {
    at += 1;
    if (text[at] === '+' || text[at] === '-') at += 1;
    if (digits() === 0) return { error: at };
  }
  return { next: at };
}

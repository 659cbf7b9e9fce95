/**
 * How many terminal columns a text takes, for aligning the table: ids may be Japanese or hold
 * emoji, which a terminal draws two columns wide, while `String.length` counts UTF-16 units
 * (one for 店, two for 🎁). Counted per grapheme (what a terminal draws as one character):
 * two columns when it holds an East Asian Wide or Fullwidth character or an emoji shown as
 * emoji, none when it is only combining or zero-width marks, otherwise one. The ranges are
 * the wide blocks of Unicode's East Asian Width property (UAX #11), enough for ids and record
 * names; a rare wide character outside them only misaligns its own row.
 */
const WIDE = new RegExp(
  '[\\u1100-\\u115f\\u231a\\u231b\\u2329\\u232a\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ua4cf'
    + '\\ua960-\\ua97f\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe10-\\ufe19\\ufe30-\\ufe6f\\uff00-\\uff60\\uffe0-\\uffe6'
    + '\\u{1b000}-\\u{1b2ff}\\u{1f200}-\\u{1f2ff}\\u{20000}-\\u{3fffd}]|\\p{Emoji_Presentation}|\\ufe0f',
  'u',
);
/** Marks drawn on the character before them, and zero-width characters. */
const ZERO_WIDTH = /^(?:\p{M}|[\u200b-\u200f\u2060-\u2064\ufeff])+$/u;

/**
 * Made on first use, and only where `Intl` is there: a Node built without it (`./configure
 * --without-intl`) has none, and making it when the module loaded failed every import of Kanjo,
 * `kanjo --version` included, for the sake of a table's widths (review 235).
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * What a terminal draws as one character each: graphemes, or, without `Intl`, code points (a
 * combining mark is then a zero-width segment of its own; an emoji sequence may misalign its row).
 */
function* drawnCharacters(text: string): Generator<string> {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    yield* text;
    return;
  }
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) yield segment;
}

/** The number of terminal columns `text` takes. */
export function displayWidth(text: string): number {
  // Plain ASCII (most ids, every number): one column a character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const segment of drawnCharacters(text)) {
    if (WIDE.test(segment)) width += 2;
    else if (!ZERO_WIDTH.test(segment)) width += 1;
  }
  return width;
}

/** `text` padded with spaces on the right to `width` columns. */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `text` padded with spaces on the left to `width` columns. */
export function padStartToWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

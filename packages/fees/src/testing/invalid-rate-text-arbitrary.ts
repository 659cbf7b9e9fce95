import fc from 'fast-check';
import type { RateErrorCode } from '../rates/parse-rate.js';
import { MAX_RATE_DECIMAL_PLACES, MAX_RATE_TEXT_LENGTH } from '../rates/rate-limits.js';
import { rateTextArbitrary } from './rate-text-arbitrary.js';

/** A value {@link parseRate} rejects, with the code it must reject it with. */
export interface InvalidRateText {
  /** The value to parse: usually a string, sometimes not one at all. */
  readonly text: unknown;
  /** The rejection code expected for it. */
  readonly code: RateErrorCode;
}

/** Malformed texts people actually write, and the ones big.js would accept but a rate must not. */
const MALFORMED_TEXTS = [
  '', '3.6', 'abc', '1e-2%', '1E2%', ' 3%', '3% ', '3.6 %', '%', '.5%', '5.%', '+3%', '3,6%', '３%', '--1%', '-%', '3.6%%',
  '%3.6', 'NaN%', 'Infinity%', '0x10%', '1_000%', '3.6‰', '3.6 percent', '-abc%',
];

/**
 * A value {@link parseRate} rejects, with the expected code, covering every
 * {@link RateErrorCode}:
 * - `rate_malformed`: the texts people get wrong (`"3.6"`, `"abc"`, `"1e-2%"`, `""`, `" 3%"`,
 *   `"3.6 %"`), a valid rate with a stray character, an over-long text, and non-strings.
 * - `rate_negative`: a valid rate with a minus sign (including `"-0%"` and `"-100.01%"`).
 * - `rate_above_100_percent`: from `"100.000001%"` up, and beyond 6 decimals too (`"100.00000001%"`).
 * - `rate_too_precise`: 7 or more decimals at or below 100%.
 */
export function invalidRateTextArbitrary(): fc.Arbitrary<InvalidRateText> {
  const valid = rateTextArbitrary();
  const malformed = fc.oneof(
    fc.constantFrom(...MALFORMED_TEXTS),
    fc.constantFrom<unknown>(undefined, null, 3.6, 0.036, 36n, true, {}, ['3.6%']),
    valid.map((text) => text.slice(0, -1)), // the percent sign forgotten
    fc.tuple(valid, fc.constantFrom(' ', 'e1', 'e-2', 'x', '.', ',', '\n', '%')).chain(([text, stray]) =>
      fc.integer({ min: 0, max: text.length }).map((at) => text.slice(0, at) + stray + text.slice(at)),
    ).filter((text) => !/^-?\d+(\.\d+)?%$/.test(text)),
    fc.integer({ min: MAX_RATE_TEXT_LENGTH, max: MAX_RATE_TEXT_LENGTH + 20 }).map((zeros) => `${'0'.repeat(zeros)}1%`),
  );
  const negative = valid.map((text) => `-${text}`);
  const aboveHundred = fc.oneof(
    fc.integer({ min: 101, max: 1_000_000_000 }).map((whole) => `${whole}%`),
    fc.integer({ min: 1, max: 999_999 }).map((millionths) => `100.${String(millionths).padStart(6, '0')}%`),
    fc.integer({ min: 7, max: 20 }).map((decimals) => `100.${'0'.repeat(decimals - 1)}1%`),
  );
  const tooPrecise = fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.stringMatching(new RegExp(`^\\d{${MAX_RATE_DECIMAL_PLACES + 1},20}$`)))
    .map(([whole, fraction]) => `${whole}.${fraction}%`);
  return fc.oneof(
    malformed.map((text): InvalidRateText => ({ text, code: 'rate_malformed' })),
    negative.map((text): InvalidRateText => ({ text, code: 'rate_negative' })),
    aboveHundred.map((text): InvalidRateText => ({ text, code: 'rate_above_100_percent' })),
    fc.oneof(tooPrecise, fc.constant('100.0000000%')).map((text): InvalidRateText => ({ text, code: 'rate_too_precise' })),
  );
}

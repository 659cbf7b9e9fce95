import fc from 'fast-check';
import { MAX_RATE_DECIMAL_PLACES } from '../rates/rate-limits.js';

/** Constraints of {@link rateTextArbitrary}. */
export interface RateTextConstraints {
  /** The most decimal places of the percentage. Default `6` (the most {@link parseRate} accepts). */
  readonly maxDecimalPlaces?: number | undefined;
  /** The largest percentage, a whole number from 0 to 100. Default `100`. */
  readonly maxPercent?: number | undefined;
}

/** Rates KOMOJU and its merchants use, and the ends of the range. */
const EDGE_RATES = ['0%', '100%', '2.75%', '3.6%', '3.25%', '2.5%', '10%', '8%', '50%', '0.000001%', '99.999999%', '0.5%'];

/**
 * A rate text that {@link parseRate} accepts, from `"0%"` to `"100%"`, biased to the edges
 * (0%, 100%, the smallest and largest 6-decimal rates) and to rates KOMOJU uses (3.6%, 2.75%);
 * sometimes written with a leading zero or trailing zeros (`"03.60%"`), which mean the same rate.
 */
export function rateTextArbitrary(constraints: RateTextConstraints = {}): fc.Arbitrary<string> {
  const maxDecimalPlaces = constraints.maxDecimalPlaces ?? MAX_RATE_DECIMAL_PLACES;
  const maxPercent = constraints.maxPercent ?? 100;
  const edges = EDGE_RATES.filter((text) => fitsConstraints(text, maxDecimalPlaces, maxPercent));
  const general = fc
    .integer({ min: 0, max: maxDecimalPlaces })
    .chain((decimalPlaces) =>
      fc.tuple(
        fc.constant(decimalPlaces),
        fc.integer({ min: 0, max: maxPercent * 10 ** decimalPlaces }),
        fc.integer({ min: 0, max: maxDecimalPlaces - decimalPlaces }),
        fc.boolean(),
      ),
    )
    .map(([decimalPlaces, units, trailingZeros, leadingZero]) => formatPercent(units, decimalPlaces, trailingZeros, leadingZero));
  return edges.length === 0
    ? general
    : fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...edges) }, { weight: 4, arbitrary: general });
}

/** `units / 10^decimalPlaces` percent as text, in integers only (no float formatting). */
function formatPercent(units: number, decimalPlaces: number, trailingZeros: number, leadingZero: boolean): string {
  const scale = 10 ** decimalPlaces;
  const fraction = units % scale;
  const whole = (units - fraction) / scale;
  const fractionText = decimalPlaces === 0 ? '' : String(fraction).padStart(decimalPlaces, '0');
  const padded = fractionText + '0'.repeat(decimalPlaces === 0 ? 0 : trailingZeros);
  return `${leadingZero ? '0' : ''}${whole}${padded === '' ? '' : `.${padded}`}%`;
}

function fitsConstraints(text: string, maxDecimalPlaces: number, maxPercent: number): boolean {
  const [whole = '', fraction = ''] = text.slice(0, -1).split('.');
  const wholeValue = Number(whole);
  return fraction.length <= maxDecimalPlaces && (wholeValue < maxPercent || (wholeValue === maxPercent && /^0*$/.test(fraction)));
}

import Big from 'big.js';

/**
 * The package's own big.js constructor: `Big()` called as a factory returns an independent
 * copy, so the settings below never leak into (or get changed by) another library or the
 * application that shares the global `Big`.
 *
 * - `DP = 40`, `RM = roundDown`: no operation here divides, but should one ever do so the
 *   precision and the direction are stated rather than inherited from defaults.
 * - `strict`: only strings are accepted and `toNumber` throws on any loss of precision, so a
 *   float can never slip into a rate.
 * - `NE`/`PE` wide: `toString` never switches to exponential notation.
 *
 * Used only when a rate is parsed (schedule build time); the per-payment path never touches it.
 */
export const Decimal = Big();
Decimal.DP = 40;
Decimal.RM = Decimal.roundDown;
Decimal.NE = -1_000_000;
Decimal.PE = 1_000_000;
Decimal.strict = true;

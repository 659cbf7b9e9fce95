/**
 * ISO 4217 minor-unit exponents of 53 widely traded active currencies (not all of ISO 4217's:
 * MGA, MRU, VES, BYN and others are left out, and are `currency_unknown` to the ledger): an
 * amount of `n` minor units is `n / 10^exponent` major units (JPY 0: yen; USD 2: cents; KWD 3:
 * fils). KOMOJU settles in JPY; the rest lets the same books hold other currencies without
 * guessing their scale.
 * Frozen and null-prototyped, so a code such as `"toString"` is never mistaken for a currency.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
    // Exponent 0: no minor unit in use.
    BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
    // Exponent 2: hundredths.
    AED: 2, AUD: 2, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2,
    MXN: 2, MYR: 2, NOK: 2, NZD: 2, PHP: 2, PLN: 2, QAR: 2, SAR: 2, SEK: 2, SGD: 2, THB: 2, TRY: 2, TWD: 2, USD: 2, ZAR: 2,
    // Exponent 3: thousandths.
    BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  }),
);

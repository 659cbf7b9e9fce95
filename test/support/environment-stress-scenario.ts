/**
 * A scenario file (SCENARIO.md) aimed at what the machine's environment could change: ids a
 * locale could case-fold, collate or draw differently (Turkish İ and ı, Japanese, a ZWJ emoji
 * family, a combining accent, Arabic-Indic digits), money in three currencies with 0, 2 and 3
 * decimals, commands a millisecond either side of a local midnight of the configured zone and
 * at the 2026 daylight-saving changes of America/New_York (the host zone a test may set:
 * 2026-03-08T07:00Z and 2026-11-01T06:00Z), weekly and monthly payout runs across them, and
 * rejections whose messages write UTC times, amounts in units and lengths with thousands
 * separators (`toLocaleString('en')`). One field Kanjo does not read makes a warning on
 * standard error. Every command's outcome is pinned by the tests that use it, so a change of
 * this file that stops exercising something is seen.
 */

export const STRESS_IDS = {
  platform: 'İstanbul-Iı',
  japanese: 'pm-日本語',
  family: '👩‍👩‍👧-família',
  accent: 'e\u0301clair',
  arabicDigits: '١٢٣',
  capitalI: 'I',
} as const;

const PAYOUT_MERCHANTS = [STRESS_IDS.japanese, STRESS_IDS.family, STRESS_IDS.accent, STRESS_IDS.arabicDigits, STRESS_IDS.capitalI];

/** The configured zones the tests run the scenario in: SCENARIO.md's `time_zone` is a UTC offset. */
export const STRESS_TIME_ZONES = ['+05:45', '-03:30'] as const;

/**
 * What each command of {@link environmentStressScenario} answers, by index: `ok` or its
 * rejection code. The run of 2026-12-01 at 00:00Z is before November has ended west of UTC.
 */
export const stressOutcomes = (timeZone: string): readonly string[] => [
  'ok', 'ok', 'ok', 'ok', 'ok', 'ok', // payout settings
  'ok', 'ok', 'ok', 'ok', 'ok', 'ok', // payments at a local midnight and at the spring change
  'refund_split_required', 'insufficient_balance',
  'ok', // the run of 2026-03-13
  'ok', 'ok', 'ok', // payments at a local month's end, the run of 2026-04-30
  'ok', 'ok', 'ok', // payments at the autumn change
  'ok', 'ok', // runs of 2026-11-06 and 2026-12-01
  'refund_exceeds_remaining', 'time_invalid', 'time_out_of_order', timeZone.startsWith('-') ? 'settlement_period_not_ended' : 'ok', 'session_text_too_long',
  'ok', // a session with Turkish and Arabic text
];

/** The scenario document, its local midnights in `timeZone` (`+05:45`, `-03:30`, `Z`…). */
export function environmentStressScenario(timeZone: string): Record<string, unknown> {
  const platform = STRESS_IDS.platform;
  const pay = (id: string, at: string, amount: number, currency: string, submerchant: string, paymentType = 'credit_card'): Record<string, unknown> => ({
    op: 'payment.create', at, id, merchant: platform, amount, currency, payment_type: paymentType,
    platform_details: { submerchants: [{ submerchant_id: submerchant, amount, platform_fee: Math.floor(amount / 10) }] },
  });
  const split = { submerchants: [{ submerchant_id: STRESS_IDS.japanese, amount: 1000, platform_fee: 100 }] };
  return {
    description: `environment stress, configured time zone ${timeZone}`,
    notes: 'a field Kanjo does not read: one warning line',
    merchants: [
      { id: platform, type: 'platform', business: 'marketplace', payment_methods: { credit_card: { fee_rate: '3.6%' }, konbini: { fee_rate: '2.75%', customer_fee: 190 } } },
      ...PAYOUT_MERCHANTS.map((id) => ({ id, type: 'payout', platform })),
    ],
    tax_rate: '10%',
    time_zone: timeZone,
    commands: [
      ...PAYOUT_MERCHANTS.map((target, index) => ({ op: 'payout_settings.update', at: '2026-02-01T00:00:00Z', merchant: platform, target, currency: 'JPY', frequency: index % 2 === 0 ? 'weekly' : 'monthly', minimum_amount: 0 })),
      { op: 'payout_settings.update', at: '2026-02-01T00:00:00Z', merchant: platform, target: STRESS_IDS.japanese, currency: 'USD', frequency: 'weekly', minimum_amount: 0 },
      // The last millisecond of Friday 2026-03-06 and the first of Saturday, local time: the
      // weekly run of 03-13 pays the week that ends between them, so the first payment alone.
      pay('p-friday-last-ms', `2026-03-06T23:59:59.999${timeZone}`, 7000, 'JPY', STRESS_IDS.accent),
      pay('p-saturday-first-ms', `2026-03-07T00:00:00${timeZone}`, 7100, 'JPY', STRESS_IDS.accent),
      pay('p-ny-before-spring', '2026-03-08T06:59:59.999Z', 100000, 'JPY', STRESS_IDS.japanese),
      pay('p-ny-spring', '2026-03-08T07:00:00Z', 123456, 'USD', STRESS_IDS.japanese),
      pay('p-ny-after-spring', '2026-03-08T02:30:00-05:00', 5005, 'KWD', STRESS_IDS.family),
      pay('p-konbini', '2026-03-10T12:00:00Z', 30000, 'JPY', STRESS_IDS.capitalI, 'konbini'),
      { op: 'payment.refund', at: '2026-03-11T00:00:00Z', payment: 'p-ny-spring', amount: 4500 },
      { op: 'payment.refund', at: '2026-03-11T00:00:00Z', payment: 'p-ny-after-spring' },
      { op: 'settlement.run', at: '2026-03-13T12:00:00Z', date: '2026-03-13' },
      // The same about a month's end: April's run at the end of April pays March alone.
      pay('p-march-last-ms', `2026-03-31T23:59:59.999${timeZone}`, 3000, 'JPY', STRESS_IDS.arabicDigits),
      pay('p-april-first-ms', `2026-04-01T00:00:00${timeZone}`, 3100, 'JPY', STRESS_IDS.arabicDigits),
      { op: 'settlement.run', at: '2026-04-30T12:00:00Z', date: '2026-04-30', holidays: ['2026-04-29'] },
      pay('p-ny-fall-before', '2026-11-01T05:00:00Z', 2000, 'JPY', STRESS_IDS.japanese),
      pay('p-ny-fall', '2026-11-01T01:30:00-04:00', 2100, 'JPY', STRESS_IDS.family),
      pay('p-ny-fall-after', '2026-11-01T01:30:00-05:00', 2200, 'JPY', STRESS_IDS.accent),
      { op: 'settlement.run', at: '2026-11-06T00:00:00Z', date: '2026-11-06' },
      { op: 'settlement.run', at: '2026-12-01T00:00:00Z', date: '2026-12-01' },
      { op: 'payment.refund', at: '2026-12-01T00:00:00Z', payment: 'p-ny-spring', amount: 9999999 },
      { op: 'payment.create', at: '2026-12-01T00:00:00', id: 'no-offset', merchant: platform, amount: 1, currency: 'JPY', payment_type: 'credit_card' },
      { op: 'payment.create', at: '2026-11-30T00:00:00Z', id: 'too-early', merchant: platform, amount: 1, currency: 'JPY', payment_type: 'credit_card' },
      { op: 'settlement.run', at: '2026-12-01T00:00:00Z', date: '2026-12-31' },
      { op: 'session.create', at: '2026-12-01T00:00:00Z', id: 's-long', merchant: platform, amount: 1000, currency: 'JPY', payment_types: ['credit_card'], return_url: `https://example.com/${'x'.repeat(70_000)}`, capture: 'auto', platform_details: split },
      {
        op: 'session.create', at: '2026-12-01T00:00:00Z', id: 's-ok', merchant: platform, amount: 1000, currency: 'JPY', payment_types: ['credit_card'],
        return_url: 'https://例え.jp/ı', capture: 'auto', default_locale: 'tr', metadata: { 'İ': 'ı', '١': '٢' }, platform_details: split,
      },
    ],
  };
}

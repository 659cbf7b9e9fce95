/**
 * A deterministic generator of large, realistic scenario files (SCENARIO.md format): a
 * marketplace with payout merchants and a platform with sellers, card, PayPay and Konbini
 * payments, non-reverse, reverse and seller-model refunds, refund requests, chargebacks,
 * balance transfers and payout runs. Seeded, so a failure reproduces; used by the hledger
 * reconciliation test and the reconcile benchmark.
 */

/** What to generate. */
export interface GeneratedScenarioConstraints {
  /** How many payments. */
  readonly payments: number;
  /** PRNG seed. Default 1. */
  readonly seed?: number;
  /** Payout merchants of the marketplace. Default 5. */
  readonly payoutMerchants?: number;
  /** Sellers of the platform-business platform. Default 3. */
  readonly sellers?: number;
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG; the same seed always gives the same file. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Builds the scenario document. */
export function generateScenario(constraints: GeneratedScenarioConstraints): { merchants: unknown[]; commands: Record<string, unknown>[] } {
  const random = prng(constraints.seed ?? 1);
  const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const payoutIds = Array.from({ length: constraints.payoutMerchants ?? 5 }, (_, index) => `pm${index + 1}`);
  const sellerIds = Array.from({ length: constraints.sellers ?? 3 }, (_, index) => `seller${index + 1}`);
  const merchants = [
    {
      id: 'mart',
      type: 'platform',
      business: 'marketplace',
      payment_methods: {
        credit_card: { fee_rate: '3.6%' },
        paypay: { fee_rate: '3.45%' },
        konbini: { fee_rate: '2.75%', customer_fee: 190 },
      },
    },
    ...payoutIds.map((id) => ({ id, type: 'payout', platform: 'mart' })),
    { id: 'plt', type: 'platform', business: 'platform', payment_methods: { credit_card: { fee_rate: '3.25%' } } },
    ...sellerIds.map((id) => ({ id, type: 'seller', platform: 'plt' })),
  ];
  const commands: Record<string, unknown>[] = [
    { op: 'payout_settings.update', merchant: 'mart', target: 'pm1', currency: 'JPY', frequency: 'weekly', minimum_amount: 5000 },
    { op: 'payout_settings.update', merchant: 'plt', target: 'seller1', currency: 'JPY', frequency: 'monthly', minimum_amount: 0 },
  ];
  let time = Date.UTC(2026, 0, 5, 0, 0, 0);
  const at = (): string => {
    time += integer(1, 600) * 1000;
    return new Date(time).toISOString();
  };
  let lastSettlementDay = Math.floor(time / 86_400_000);
  const refundable: { id: string; model: 'marketplace' | 'seller'; lines: { submerchant_id: string; amount: number; platform_fee: number }[]; amount: number }[] = [];

  for (let index = 0; index < constraints.payments; index += 1) {
    const id = `pay_${index + 1}`;
    const amount = integer(1, 500) * 100 + integer(0, 99);
    if (random() < 0.25) {
      const seller = pick(sellerIds);
      commands.push({
        op: 'payment.create', at: at(), id, merchant: 'plt', as: seller, amount, currency: 'JPY',
        payment_type: 'credit_card', platform_amount: Math.floor(amount * integer(5, 30) / 100), platform_merchant: 'plt',
      });
      refundable.push({ id, model: 'seller', lines: [], amount });
    } else {
      const count = integer(1, Math.min(3, payoutIds.length));
      const chosen = [...payoutIds].sort(() => random() - 0.5).slice(0, count);
      let left = amount;
      const lines = chosen.map((submerchant, position) => {
        const lineAmount = position === count - 1 ? left : Math.max(1, Math.floor(left * random()));
        left -= lineAmount;
        return { submerchant_id: submerchant, amount: lineAmount, platform_fee: Math.floor(lineAmount * integer(0, 20) / 100) };
      }).filter((line) => line.amount > 0);
      const type = pick(['credit_card', 'credit_card', 'paypay', 'konbini']);
      commands.push({ op: 'payment.create', at: at(), id, merchant: 'mart', amount, currency: 'JPY', payment_type: type, capture: true, platform_details: { submerchants: lines } });
      if (type === 'konbini') {
        commands.push({ op: 'payment.capture', at: at(), payment: id });
        if (random() < 0.1) {
          commands.push({
            op: 'payment.refund_request', at: at(), id: `rq_${id}`, payment: id, include_payment_method_fee: random() < 0.5,
            customer_name: 'ヤマダタロウ', bank_name: '青森銀行', bank_code: '0117', branch_name: '東京支店', branch_number: '921',
            account_type: 'ordinary', account_number: '1234567',
          });
          commands.push({ op: random() < 0.8 ? 'refund_request.complete' : 'refund_request.reject', at: at(), refund_request: `rq_${id}` });
        }
      } else {
        refundable.push({ id, model: 'marketplace', lines, amount });
      }
    }
    const roll = random();
    if (roll < 0.15 && refundable.length > 0) {
      const target = refundable.splice(Math.floor(random() * refundable.length), 1)[0];
      if (target !== undefined) {
        if (target.model === 'seller') {
          commands.push({ op: 'payment.refund', at: at(), payment: target.id, amount: integer(1, target.amount) });
        } else if (random() < 0.5) {
          commands.push({ op: 'payment.refund', at: at(), payment: target.id });
        } else {
          const line = target.lines[0];
          if (line !== undefined) {
            const give = Math.floor((line.amount - line.platform_fee) / 2);
            commands.push({
              op: 'payment.refund', at: at(), payment: target.id, amount: give + 1,
              platform_details: { submerchants: [{ submerchant_id: line.submerchant_id, amount: give, platform_fee: 1 }] },
            });
          }
        }
      }
    } else if (roll < 0.18 && refundable.length > 0) {
      const target = refundable.splice(Math.floor(random() * refundable.length), 1)[0];
      if (target !== undefined) commands.push({ op: 'payment.chargeback', at: at(), payment: target.id });
    } else if (roll < 0.2) {
      commands.push({ op: 'balance.transfer', at: at(), merchant: 'mart', from: 'mart', to: pick(payoutIds), amount: integer(1, 500), currency: 'JPY' });
    }
    const day = Math.floor(time / 86_400_000);
    if (day > lastSettlementDay) {
      lastSettlementDay = day;
      commands.push({ op: 'settlement.run', at: at(), date: new Date(time).toISOString().slice(0, 10) });
    }
  }
  return { merchants, commands };
}

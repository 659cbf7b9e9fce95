// What both consumers check: real calls into each built package with exact answers, not just
// that names exist. Kept free of fast-check calls on the main entries: the main entries must
// load without it, the ./testing entries with it.
export function checks(m, assert) {
  // @kanjo/splits: exact rounding, shares of the seed's split, the seller's proportional refund.
  assert.equal(m.splits.multiplyDivide(5000, 275, 10000, 'half_up'), 138);
  assert.deepEqual(
    m.splits.marketplaceShares(1000, [
      { submerchantId: 'pm1', amount: 700, platformFee: 70 },
      { submerchantId: 'pm2', amount: 300, platformFee: 30 },
    ]),
    { platform: 100, submerchants: [{ submerchantId: 'pm1', share: 630 }, { submerchantId: 'pm2', share: 270 }] },
  );
  assert.deepEqual(m.splits.twoPartyRefund(50000, 5000, 0, 100), { platform: 10, seller: 90 });
  assert.equal(m.splits.parseAmount('1e3').error.code, 'amount_exponent_notation');

  // @kanjo/fees: the seeds' fee and tax.
  const schedule = m.fees.buildFeeSchedule({ paymentMethods: { credit_card: { feeRate: '3.6%' }, konbini: { feeRate: '2.75%', customerFee: 190 } } });
  assert.equal(schedule.ok, true);
  const fee = m.fees.processingFee(schedule.value, 'konbini', 5000);
  assert.deepEqual([fee.value.fee.amount, fee.value.tax.amount], [138, 14]);
  assert.equal(m.fees.parseRate('1e-2%').error.code, 'rate_malformed');

  // @kanjo/ledger: the seed's marketplace capture.
  const created = m.ledger.createLedger({
    merchants: [
      { id: 'mart', type: 'platform', business: 'marketplace', paymentMethods: { credit_card: { feeRate: '3.6%' } } },
      { id: 'pm1', type: 'payout', platform: 'mart' },
      { id: 'pm2', type: 'payout', platform: 'mart' },
    ],
  });
  const ledger = created.value;
  const result = ledger.execute({
    op: 'payment.create', id: 'pay_1', merchant: 'mart', amount: 1000, currency: 'JPY', paymentType: 'credit_card',
    split: [{ submerchantId: 'pm1', amount: 700, platformFee: 70 }, { submerchantId: 'pm2', amount: 300, platformFee: 30 }],
  });
  assert.equal(result.ok, true);
  assert.deepEqual(m.ledger.merchantBalances(ledger.state), { mart: { JPY: 60 }, pm1: { JPY: 630 }, pm2: { JPY: 270 } });

  // ./testing entries load with fast-check and give arbitraries.
  for (const testing of [m.splitsTesting, m.feesTesting, m.ledgerTesting]) {
    const names = Object.keys(testing);
    assert.ok(names.length > 0, 'a testing entry exports arbitraries');
  }
  assert.equal(typeof m.splitsTesting.amountArbitrary().generate, 'function');
}

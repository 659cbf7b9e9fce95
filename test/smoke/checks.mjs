// What both consumers check: real calls with exact answers, not just that names exist.
export function checks(m, assert) {
  assert.deepEqual(m.splits.accept(1), { ok: true, value: 1 });
}

// Loaded by `node --import` before kanjo in a test: sends the process a signal from inside one
// of its own file-system calls, so that a test can stop a run at an exact moment (the second
// rename of its exports) without strace or a race against the clock.
// KANJO_TEST_SIGNAL_AT is a comma-separated list of `function:call:what`, such as
// `renameSync:2:SIGTERM`: `what` is a signal to send, or an error code (`EACCES`) for that call
// to fail with. KANJO_TEST_SIGNAL_AFTER_SIGURG names a signal sent just after kanjo sends itself
// SIGURG (the end of its hold), before Node has heard that one.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const moments = (process.env.KANJO_TEST_SIGNAL_AT ?? '').split(',').filter((moment) => moment !== '').map((moment) => moment.split(':'));
const calls = new Map();
for (const name of new Set(moments.map(([name]) => name))) {
  const original = fs[name];
  if (typeof original !== 'function') throw new Error(`KANJO_TEST_SIGNAL_AT names no function of node:fs: ${name}`);
  fs[name] = function atCall(...args) {
    const call = (calls.get(name) ?? 0) + 1;
    calls.set(name, call);
    for (const [at, number, what] of moments) {
      if (at !== name || Number(number) !== call) continue;
      if (what.startsWith('SIG')) process.kill(process.pid, what);
      else throw Object.assign(new Error(`${what} (from signal-at-call.mjs)`), { code: what });
    }
    return original.apply(this, args);
  };
}
// kanjo imports fs's functions by name: they are bound to what node:fs exports, which this updates.
syncBuiltinESMExports();

const afterSigurg = process.env.KANJO_TEST_SIGNAL_AFTER_SIGURG;
if (afterSigurg !== undefined && afterSigurg !== '') {
  const kill = process.kill;
  process.kill = function killThenSignal(pid, signal) {
    const sent = kill.call(this, pid, signal);
    if (signal === 'SIGURG') kill.call(this, pid, afterSigurg);
    return sent;
  };
}

// Loaded by `node --import` before kanjo in a test: sends the process a signal from inside one
// of its own file-system calls, so that a test can stop a run at an exact moment (the second
// rename of its exports) without strace or a race against the clock.
// KANJO_TEST_SIGNAL_AT is `function:call:signal`, such as `renameSync:2:SIGTERM`.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [name, call, signal] = (process.env.KANJO_TEST_SIGNAL_AT ?? '').split(':');
const original = fs[name];
if (typeof original !== 'function') throw new Error(`KANJO_TEST_SIGNAL_AT names no function of node:fs: ${name}`);
let calls = 0;
fs[name] = function signalAtCall(...args) {
  calls += 1;
  if (calls === Number(call)) process.kill(process.pid, signal);
  return original.apply(this, args);
};
// kanjo imports fs's functions by name: they are bound to what node:fs exports, which this updates.
syncBuiltinESMExports();

import { constants } from 'node:os';

/**
 * The signals a person (Ctrl-C), a terminal that closes or a supervisor (`kill`, `docker stop`)
 * sends to stop a process, each of which ends it at once by default.
 */
const STOPPING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A signal whose default action is to do nothing, sent to the process itself to learn when the
 * signals that came before it have been heard (Linux also delivers signals pending together
 * lowest number first, and it is numbered above each stopping signal).
 */
const LAST_IN_LINE: NodeJS.Signals = 'SIGURG';

/** The signals that came while held, first first; undefined while none are held. */
let received: NodeJS.Signals[] | undefined;

function note(signal: NodeJS.Signals): void {
  if (received !== undefined) received.push(signal);
  // The hold is over: a signal that came just after it (heard behind the SIGURG, or later)
  // stops the run as it would have with no listener. Removed at once, the listeners let Node
  // drop such a signal unheard: the run went on to exit 0 with its report (review 271).
  else stopBy(signal);
}

/** Ends the process by `signal`, as its default action would. */
function stopBy(signal: NodeJS.Signals): never {
  // The last listener gone, Node gives each signal back its default action: to end the process.
  for (const stopping of STOPPING_SIGNALS) process.removeListener(stopping, note);
  process.kill(process.pid, signal);
  // Still running: the signal is ignored, as the kernel does for the first process of a
  // container (`docker run` without --init). Stopped all the same, with the status a shell
  // gives a process a signal ended (130 for SIGINT).
  process.exit(128 + constants.signals[signal]);
}

/**
 * From now until {@link releaseSignals}, a stopping signal waits instead of ending the process.
 * Held while the exports are put in place: renamed one after another, a run stopped half-way
 * left some exports new and the others as the run before had written them (review 270), and a
 * file written in place cut. The renames take milliseconds, so the wait is short; before them
 * (the run worked out, its exports written to temporary files) a signal stops the run at once.
 * SIGKILL cannot be held.
 */
export function holdSignals(): void {
  // Node on Windows cannot send SIGURG (it emulates only a few signals): there a run is
  // stopped at once, as before.
  if (received !== undefined || process.platform === 'win32') return;
  received = [];
  for (const signal of STOPPING_SIGNALS) process.on(signal, note);
}

/**
 * Ends the hold of {@link holdSignals}: a signal that came during it stops the process now, by
 * that signal (after one line on standard error), as it would have then; otherwise it resolves,
 * and a stopping signal from then on stops the process at once, as by default (as the first
 * process of a container too, which the kernel gives no default action). Nothing is held: it
 * resolves at once.
 */
export async function releaseSignals(): Promise<void> {
  if (received === undefined) return;
  // A signal that came while JavaScript ran reaches `note` only at a later turn of the event
  // loop (the second, at times), through a pipe that Node reads in order: one sent now, and
  // heard, comes after every signal that came before it.
  await new Promise<void>((resolve) => {
    // Listening for a signal does not keep Node running: with nothing else to wait for, the
    // process ended before the signal was heard, its report never written (exit status 0).
    const keepRunning = setInterval(() => {}, 60_000);
    process.once(LAST_IN_LINE, () => {
      clearInterval(keepRunning);
      resolve();
    });
    process.kill(process.pid, LAST_IN_LINE);
  });
  const signal = received[0];
  // The listeners stay, each signal from now on stopping the run at once (see `note`).
  received = undefined;
  if (signal === undefined) return;
  process.stderr.write(`kanjo: stopped by ${signal}, which came while the exports were put in place and waited for them\n`);
  stopBy(signal);
}

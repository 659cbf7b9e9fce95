import type { FeeSchedule } from './build-fee-schedule.js';

// The schedules buildFeeSchedule returned in this copy of the package: frozen all the way down,
// so their fields are still what it checked. Held weakly, so a schedule is not kept alive by it.
// A schedule from the package's other build (ESM and CommonJS loaded together) is not in it and
// is checked field by field, which answers the same, only slower.
const BUILT = new WeakSet<FeeSchedule>();

/** Notes a schedule buildFeeSchedule has just built and frozen. */
export function noteBuiltSchedule(schedule: FeeSchedule): FeeSchedule {
  BUILT.add(schedule);
  return schedule;
}

/** Whether buildFeeSchedule of this copy of the package built `schedule`. */
export function isBuiltSchedule(schedule: FeeSchedule): boolean {
  return BUILT.has(schedule);
}

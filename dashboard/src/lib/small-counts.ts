// Operational figures the API gives as plain numbers (people currently oriented to a partner, active
// caseload of a convention) are aggregates of nominative data too: like the indicators, counts from
// 1 to 10 are shown « < 11 » to those who may not know them exactly.
import type { Count } from './counts.ts';

export const SMALL_COUNT_MAX = 10;

/** The count as the reader may see it: suppressed when between 1 and 10 and `exact` is false. */
export function protectedCount(value: number | null | undefined, exact: boolean): Count {
  if (value === null || value === undefined) return { value: null, suppressed: false };
  return value >= 1 && value <= SMALL_COUNT_MAX && !exact ? { value: null, suppressed: true } : { value, suppressed: false };
}

// The occupancy of conventions, as every page, the Pilotage and the exports show it: the API's
// `ConventionOccupancy` (active caseload on a day ÷ places in force that day, computed once in
// contracts), worded once here.
import { exportCountValue, formatCountValue, formatShare, type Count } from '#lib/counts.ts';
import { formatCount } from '#lib/format.ts';

type ApiOccupancy = { date: string; places: number; caseload?: Count | null; rate?: number | null };

export interface OccupancyFigures {
  /** The day (ISO). */
  date: string;
  /** Places in force that day (after the amendments signed on or before it). */
  places: number;
  /** Active caseload that day, as published to the reader (« < 11 » when suppressed); null when unavailable. */
  caseload: Count | null;
  /** Active caseload ÷ places (null when unknown, hidden with the caseload, or without places). */
  rate: number | null;
}

/** « 32 / 180 (17,8 %) »: the figure shown everywhere. */
export function occupancyText(o: OccupancyFigures): string {
  const caseload = o.caseload === null ? 'indisponible' : formatCountValue(o.caseload);
  return `${caseload} / ${formatCount(o.places)}${o.rate === null ? '' : ` (${formatShare(o.rate)})`}`;
}

/** The rate in percent with one decimal, as exported; « < 11 » when hidden with the caseload. */
export function occupancyPercentCell(o: OccupancyFigures): number | string {
  if (o.rate !== null) return Math.round(o.rate * 1000) / 10;
  if (o.caseload?.suppressed) return formatCountValue(o.caseload);
  return 'indisponible';
}

/** The active caseload as exported. */
export function occupancyCaseloadCell(o: OccupancyFigures): number | string {
  return o.caseload === null || (o.caseload.value === null && !o.caseload.suppressed) ? 'indisponible' : exportCountValue(o.caseload);
}

/** From the API's `occupancyAt { date places caseload { value suppressed } rate }` (a subgraph down leaves nulls). */
export function occupancyOf(o: ApiOccupancy): OccupancyFigures {
  const caseload = o.caseload ?? null;
  return { date: o.date, places: o.places, caseload, rate: caseload?.suppressed ? null : (o.rate ?? null) };
}


/**
 * The occupancy a page shows for a convention on a day: that day's while it is in force; once it
 * has ended, its last day's (the occupancy the balance rule prorates on) — not people still
 * followed under it divided by 0 places in force.
 */
export function shownOccupancy(c: { endsOn: string; occupancyAt: ApiOccupancy; closingOccupancy: ApiOccupancy }): OccupancyFigures {
  return occupancyOf(c.endsOn < c.occupancyAt.date ? c.closingOccupancy : c.occupancyAt);
}

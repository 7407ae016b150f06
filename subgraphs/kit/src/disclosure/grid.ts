import { UserFacingError } from '../errors.js';
import { addDays, parseIsoDate, parsePeriod, todayIso, type PeriodInput } from '../dates.js';
import { closedThrough } from './publication.js';

/**
 * The publication grid's periods (ADR 0023): counts of a period are published, to callers who do
 * not see exact counts, only for a calendar month, a calendar quarter or a calendar year — or the
 * current one cut at today — and stocks only on the last day of a month or today. Two published
 * periods then never differ by a few days: the difference of two of them is itself a period of
 * the grid (a month of a quarter, a quarter of a year), published under the same suppression.
 */
export type GridPeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

export interface Period {
  from: string;
  to: string;
}

const lastDayOfMonth = (year: number, month: number): string => addDays(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01`, -1);

/** The grid periods that start on `from`, with their last day: the month, the quarter if `from` opens one, the year if it opens one. */
function periodsStartingOn(from: string): { kind: GridPeriodKind; to: string }[] {
  if (!from.endsWith('-01')) return [];
  const year = Number(from.slice(0, 4));
  const month = Number(from.slice(5, 7));
  return [
    { kind: 'MONTH', to: lastDayOfMonth(year, month) },
    ...(month % 3 === 1 ? [{ kind: 'QUARTER' as const, to: lastDayOfMonth(year, month + 2) }] : []),
    ...(month === 1 ? [{ kind: 'YEAR' as const, to: `${year}-12-31` }] : []),
  ];
}

/**
 * The kind of grid period `period` is — a calendar month, quarter or year, or one of them in
 * progress cut at `today` — or null when it is none (the longest kind when several fit).
 */
export function gridPeriodKind(period: Period, today: string = todayIso()): GridPeriodKind | null {
  const fits = periodsStartingOn(period.from).filter((p) => p.to === period.to || (period.to === today && period.from <= today && today < p.to));
  return fits.at(-1)?.kind ?? null;
}

/** True when `day` may carry a published stock: the last day of a month, or today. */
export const isGridDay = (day: string, today: string = todayIso()): boolean => day === today || addDays(day, 1).endsWith('-01');

/**
 * Validates the period of an aggregate: real dates, in order, and — unless the caller sees exact
 * counts — on the grid. The error names the argument and says why, for the developer of a client
 * (the dashboard offers only grid periods).
 */
export function parsePublishedPeriod(input: PeriodInput, options: { exact: boolean; argument?: string; today?: string }): Period {
  const argument = options.argument ?? 'period';
  const period = parsePeriod(input, argument);
  if (options.exact || gridPeriodKind(period, options.today)) return period;
  throw new UserFacingError(
    `${argument} must be a calendar month, quarter or year (the current one may end today): figures of other periods would let hidden small counts be recomputed by difference (statistical secrecy, ADR 0023). Got ${period.from}..${period.to}.`,
    'BAD_USER_INPUT',
    { argument },
  );
}

/** Validates the day of a published stock: a real date and — unless the caller sees exact counts — the last day of a month or today. */
export function parsePublishedDay(day: string, options: { exact: boolean; argument: string; today?: string }): string {
  const parsed = parseIsoDate(day, options.argument);
  if (options.exact || isGridDay(parsed, options.today)) return parsed;
  throw new UserFacingError(
    `${options.argument} must be the last day of a month or today: a stock published on any day would let hidden small counts be recomputed by difference (statistical secrecy, ADR 0023). Got ${parsed}.`,
    'BAD_USER_INPUT',
    { argument: options.argument },
  );
}

/** The description of every aggregate's `period` argument (the schema says the rule where it applies). */
export const PUBLISHED_PERIOD_DESCRIPTION =
  'A calendar month, quarter or year (the current one may end today); administrators may ask any period. Other periods are refused: their differences would reveal hidden small counts (statistical secrecy).';

/**
 * The rule of the aggregates outside the Département's stored publication (contract and sanction
 * indicators, the statistics that are not linked counts; ADR 0023, « time »): a caller without
 * exact counts reads them only over a closed calendar year — a whole year, never the current one
 * cut at today, whose December is closed (`closedThrough`: 2025 from 2026-01-11) — for their whole
 * reach, no territory, programme or operator chosen. Closed years are disjoint and no longer move,
 * and a reach has no published parts, so no two such answers differ by a small count (the current
 * year cut at today would grow by one day's records from one day to the next); everything else is
 * « non publié à ce niveau ».
 */
export function publishedYearOfReach(options: { exact: boolean; period: Period; scopeChosen: boolean; today?: string }): boolean {
  if (options.exact) return true;
  if (options.scopeChosen || gridPeriodKind(options.period, '') !== 'YEAR') return false;
  return options.period.to.slice(0, 7) <= closedThrough(options.today ?? todayIso());
}

/**
 * Whether a scope chooses part of the caller's reach (`scopeOf`), for `publishedYearOfReach`'s
 * `scopeChosen`: a programme, another operator than the caller's own, or a territory other than its
 * only one. An operator naming its own structure, or a caller limited to one territory naming it,
 * chooses nothing: the answer is their whole reach, as without a filter.
 */
export function narrowsReach(reach: { territoryIds: readonly string[]; operatorId?: string } | null, scope: { territoryId?: string | null; programmeId?: string | null; operatorId?: string | null } | null | undefined): boolean {
  if (!scope) return false;
  if (scope.programmeId) return true;
  if (scope.operatorId && scope.operatorId !== reach?.operatorId) return true;
  return Boolean(scope.territoryId) && !(reach?.territoryIds.length === 1 && reach.territoryIds[0] === scope.territoryId);
}

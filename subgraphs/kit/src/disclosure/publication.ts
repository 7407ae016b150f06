import type { Terms } from './audit.js';
import type { GridPeriodKind } from './grid.js';
import type { LinkedFigure } from './linked.js';

/**
 * The steering figures of a Département on the publication grid (ADR 0023), as linear
 * combinations of leaves for `LinkedPublication`:
 *
 * - leaves: accompaniments started (`S`) and ended for a reason (`X`) in a territory × programme ×
 *   operator × calendar month — or × quarter or year (`leafPeriod`, `leavesBy`) for a grid that
 *   publishes nothing finer: its figures are then sums of whole periods, and their feasible
 *   intervals are the same on either leaves (any non-negative quarter sums are made of months);
 * - scopes: every territory, programme and operator, and « all » of each (`*`), crossed;
 * - periods: every calendar month, quarter and year whose months are all given — closed periods
 *   only: the months given end with the last month closed (`closedThrough`), so no figure is ever
 *   the current period cut at a day, which the next publication would extend by a small count;
 * - measures: people welcomed in a period, exits in a period (per reason and in all), the caseload
 *   at the end of a month (started on or before it, not ended on or before it), and the people
 *   accompanied in a period (started on or before its end, not ended before its start).
 *
 * Figure keys: `welcomed|T|P|O|period`, `exits|R|T|P|O|period`, `active|T|P|O|month`,
 * `accompanied|T|P|O|period`, where `*` stands for « all » and a period is `2025`, `2025-Q1` or
 * `2025-03`. `publicationKey` writes them. A key names the same terms in every publication of the
 * Département (its periods are closed), which the history's audit relies on (`computePublication`).
 */
export interface PublicationGrid {
  territories: readonly string[];
  programmes: readonly string[];
  operators: readonly string[];
  reasons: readonly string[];
  /**
   * Consecutive calendar months, YYYY-MM, from the first with data to the last closed one: a
   * quarter or year is a period of the grid only when its last month is given (the first year may
   * start later: its earlier months hold no one).
   */
  months: readonly string[];
  /** How many of territory, programme and operator a published scope may fix at once (default 3: every crossing). */
  crossings?: number;
  /**
   * The finest period published for a scope, by how many dimensions it fixes (index 0: the
   * Département; 3: a territory × programme × operator); stocks are published at the ends of those
   * periods. Default: months everywhere.
   */
  finest?: readonly GridPeriodLevel[];
  /**
   * The period of the leaves the figures are written on (default MONTH: `leafKey(…, '2025-03')`);
   * QUARTER or YEAR writes them on leaves summed by it (`leafKey(…, '2025-Q1')`, `leafKey(…,
   * '2025')`, see `leavesBy`), for a grid whose finest periods are no finer. The figures and their
   * keys are the same.
   */
  leafPeriod?: GridPeriodLevel;
}

/** A calendar month, quarter or year: the grid's periods (the same kinds `parsePublishedPeriod` accepts). */
export type GridPeriodLevel = GridPeriodKind;
const LEVEL_RANK: Record<GridPeriodLevel, number> = { MONTH: 0, QUARTER: 1, YEAR: 2 };
/** The rank of a period (`LinkedFigure.rank`): a year matters more than a quarter, a quarter more than a month. */
const RANK_OF: Record<GridPeriodLevel, number> = { MONTH: 2, QUARTER: 4, YEAR: 6 };

export type PublicationMeasure = 'welcomed' | 'exits' | 'active' | 'accompanied';
export const ALL = '*';

export interface PublicationScope {
  territoryId?: string | null;
  programmeId?: string | null;
  operatorId?: string | null;
}

/** A leaf: the accompaniments started, or ended for `reason`, in one combination and month. */
export const leafKey = (kind: 'S' | 'X', territoryId: string, programmeId: string, operatorId: string, month: string, reason = ''): string =>
  kind === 'S' ? `S|${territoryId}|${programmeId}|${operatorId}|${month}` : `X|${reason}|${territoryId}|${programmeId}|${operatorId}|${month}`;

/** The operator of a leaf (`leafKey`): whose people it counts. */
export const operatorOfLeaf = (leaf: string): string => leaf.split('|')[leaf.startsWith('X|') ? 4 : 3]!;

/** The key of a figure (see the module's comment). `reason` only for exits (`*`: every reason). */
export function publicationKey(measure: PublicationMeasure, scope: PublicationScope, period: string, reason: string = ALL): string {
  const s = `${scope.territoryId ?? ALL}|${scope.programmeId ?? ALL}|${scope.operatorId ?? ALL}`;
  return measure === 'exits' ? `exits|${reason}|${s}|${period}` : `${measure}|${s}|${period}`;
}

/** The grid period of a calendar month, quarter or year given by its first and last months. */
export function gridPeriodKey(fromMonth: string, toMonth: string): string {
  if (fromMonth === toMonth) return fromMonth;
  const [y, m] = [fromMonth.slice(0, 4), Number(fromMonth.slice(5, 7))];
  if (toMonth.slice(0, 4) === y && m === 1 && toMonth.endsWith('-12')) return y;
  if (toMonth.slice(0, 4) === y && m % 3 === 1 && Number(toMonth.slice(5, 7)) === m + 2) return `${y}-Q${(m + 2) / 3}`;
  throw new Error(`${fromMonth}..${toMonth} is not a month, quarter or year of the grid.`);
}

/** The calendar month, quarter or year (`2025-03`, `2025-Q1`, `2025`) a month (YYYY-MM) belongs to. */
export function periodOfMonth(month: string, level: GridPeriodLevel): string {
  if (level === 'MONTH') return month;
  return level === 'YEAR' ? month.slice(0, 4) : `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/** The finest period of any scope of the grid: its figures are sums of leaves by that period (`leafPeriod`). */
export function finestPeriodOf(grid: Pick<PublicationGrid, 'crossings' | 'finest'>): GridPeriodLevel {
  let finest: GridPeriodLevel = 'YEAR';
  for (let fixed = 0; fixed <= Math.min(grid.crossings ?? 3, 3); fixed++) {
    const level = grid.finest?.[fixed] ?? 'MONTH';
    if (LEVEL_RANK[level] < LEVEL_RANK[finest]) finest = level;
  }
  return finest;
}

/**
 * Month leaves (`leafKey`) summed by quarter or year, for a grid written on them (`leafPeriod`).
 * Leaves after `lastMonth` (the grid's last month) are in no figure: they are kept as they are, so
 * that the current period holds the same months as the grid's.
 */
export function leavesBy(leaves: ReadonlyMap<string, number>, level: GridPeriodLevel, lastMonth: string): Map<string, number> {
  if (level === 'MONTH') return new Map(leaves);
  const summed = new Map<string, number>();
  for (const [key, count] of leaves) {
    const cut = key.lastIndexOf('|') + 1;
    const month = key.slice(cut);
    const leaf = month > lastMonth ? key : key.slice(0, cut) + periodOfMonth(month, level);
    summed.set(leaf, (summed.get(leaf) ?? 0) + count);
  }
  return summed;
}

/** Every figure of the grid, with its terms. */
export function* publicationFigures(grid: PublicationGrid): Generator<LinkedFigure> {
  const { territories, programmes, operators, reasons, months } = grid;
  // Each period of the leaves is counted once, at its first month; every period of the grid starts
  // and ends with one of them when its leaves are no coarser than its finest periods.
  const leafPeriod = grid.leafPeriod ?? 'MONTH';
  if (LEVEL_RANK[finestPeriodOf(grid)] < LEVEL_RANK[leafPeriod]) throw new Error(`A grid with figures by ${finestPeriodOf(grid)} cannot be written on leaves by ${leafPeriod}.`);
  const leafOf = months.map((m) => periodOfMonth(m, leafPeriod));
  const opens = leafOf.map((p, i) => i === 0 || p !== leafOf[i - 1]);
  const optional = (values: readonly string[]): string[] => [ALL, ...values];
  const pick = (values: readonly string[], node: string): readonly string[] => (node === ALL ? values : [node]);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  // Periods: months, quarters and years (as month index ranges), then all time.
  const periods: { key: string; from: number; to: number; level: GridPeriodLevel }[] = months.map((m, i) => ({ key: m, from: i, to: i, level: 'MONTH' }));
  for (const year of [...new Set(months.map((m) => m.slice(0, 4)))]) {
    const inYear = months.filter((m) => m.startsWith(year));
    // Closed periods only: a quarter (year) whose last month is not given is still open.
    for (let q = 1; q <= 4; q++) {
      const inQuarter = inYear.filter((m) => Math.ceil(Number(m.slice(5, 7)) / 3) === q);
      if (inQuarter.length && inQuarter.at(-1)!.endsWith(`-${String(3 * q).padStart(2, '0')}`)) periods.push({ key: `${year}-Q${q}`, from: monthIndex.get(inQuarter[0]!)!, to: monthIndex.get(inQuarter.at(-1)!)!, level: 'QUARTER' });
    }
    if (inYear.at(-1)!.endsWith('-12')) periods.push({ key: year, from: monthIndex.get(inYear[0]!)!, to: monthIndex.get(inYear.at(-1)!)!, level: 'YEAR' });
  }

  for (const t of optional(territories)) {
    for (const p of optional(programmes)) {
      for (const o of optional(operators)) {
        if ([t, p, o].filter((x) => x !== ALL).length > (grid.crossings ?? 3)) continue;
        const combos: [string, string, string][] = pick(territories, t).flatMap((tt) => pick(programmes, p).flatMap((pp) => pick(operators, o).map((oo): [string, string, string] => [tt, pp, oo])));
        const scope = { territoryId: t, programmeId: p, operatorId: o };
        // Readers value the broad figures most: the Département's before a territory's, a year before a month.
        const scopeRank = (3 - [t, p, o].filter((x) => x !== ALL).length) * 10;
        const finest = LEVEL_RANK[grid.finest?.[[t, p, o].filter((x) => x !== ALL).length] ?? 'MONTH'];
        const ends = new Set(periods.filter((q) => LEVEL_RANK[q.level] >= finest).map((q) => q.to));
        // Running sums over months, as terms, built once per scope.
        const started = (from: number, to: number, sign: number, terms: Record<string, number>): Record<string, number> => {
          for (let i = from; i <= to; i++) {
            if (!opens[i]) continue;
            for (const [tt, pp, oo] of combos) {
              const k = leafKey('S', tt, pp, oo, leafOf[i]!);
              terms[k] = (terms[k] ?? 0) + sign;
            }
          }
          return terms;
        };
        const exited = (from: number, to: number, sign: number, rs: readonly string[], terms: Record<string, number>): Record<string, number> => {
          for (let i = from; i <= to; i++) {
            if (!opens[i]) continue;
            for (const r of rs)
              for (const [tt, pp, oo] of combos) {
                const k = leafKey('X', tt, pp, oo, leafOf[i]!, r);
                terms[k] = (terms[k] ?? 0) + sign;
              }
          }
          return terms;
        };
        const clean = (terms: Record<string, number>): Terms => Object.fromEntries(Object.entries(terms).filter(([, a]) => a !== 0));
        for (const period of periods) {
          if (LEVEL_RANK[period.level] < finest) continue;
          yield { key: publicationKey('welcomed', scope, period.key), terms: started(period.from, period.to, 1, {}), rank: scopeRank + RANK_OF[period.level] };
          yield { key: publicationKey('exits', scope, period.key), terms: exited(period.from, period.to, 1, reasons, {}), rank: scopeRank + RANK_OF[period.level] };
          for (const r of reasons) yield { key: publicationKey('exits', scope, period.key, r), terms: exited(period.from, period.to, 1, [r], {}), rank: scopeRank + RANK_OF[period.level] - 1 };
          yield { key: publicationKey('accompanied', scope, period.key), terms: clean(exited(0, period.from - 1, -1, reasons, started(0, period.to, 1, {}))), rank: scopeRank + RANK_OF[period.level] };
        }
        for (let i = 0; i < months.length; i++) {
          if (!ends.has(i)) continue;
          yield { key: publicationKey('active', scope, months[i]!), terms: clean(exited(0, i, -1, reasons, started(0, i, 1, {}))), rank: scopeRank + 5 };
        }
      }
    }
  }
}

/**
 * Days a month's records are given to arrive before the month is closed (`closedThrough`): an exit
 * is often recorded days after it happened. Once closed, a month's leaves are frozen (ADR 0023,
 * « time »): what is recorded later about it is never published.
 */
export const PUBLICATION_SETTLING_DAYS = 10;

/**
 * The last month closed on `asOf` (YYYY-MM-DD): the last whose next month began at least
 * `settlingDays` days before. On 2026-12-06 with 10 days: October 2026 (November closes on the 11th).
 */
export function closedThrough(asOf: string, settlingDays: number = PUBLICATION_SETTLING_DAYS): string {
  const day = new Date(`${asOf}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - settlingDays);
  // The month before the one `asOf − settlingDays` falls in.
  day.setUTCDate(1);
  day.setUTCMonth(day.getUTCMonth() - 1);
  return day.toISOString().slice(0, 7);
}

/** Consecutive calendar months from `first` to `last` (YYYY-MM). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    if (++m === 13) [y, m] = [y + 1, 1];
  }
}

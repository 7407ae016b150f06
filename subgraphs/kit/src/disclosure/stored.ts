import { addDays } from '../dates.js';
import { gridPeriodKind } from './grid.js';
import { hiddenCount, shownCount, SuppressionRule, type PublishedCount } from '../suppression.js';
import { LinkedPublication, type Insider, type LinkedProtection, type LinkedReport } from './linked.js';
import { evaluate, type Terms } from './audit.js';
import { ALL, closedThrough, finestPeriodOf, leavesBy, monthsBetween, operatorOfLeaf, publicationFigures, publicationKey, type GridPeriodLevel, type PublicationGrid, type PublicationMeasure, type PublicationScope } from './publication.js';

/**
 * The Département's publication, computed by a job and stored (ADR 0023, « linked publication »):
 * every steering count a caller without exact rights may read, with its value or the rule that
 * hid it. Requests only read it: the same figure has the same value in every query, table, page
 * and export, and no combination of them narrows a small count (the audit of `LinkedPublication`).
 */
export interface StoredPublication {
  departmentCode: string;
  /** The day the job ran: the months closed on it (`closedThrough`) are published. */
  asOf: string;
  /**
   * The last month published (YYYY-MM): the last closed on `asOf`. Periods are published once
   * closed, never cut at a day; null in a publication stored before (then the month before `asOf`).
   */
  throughMonth: string | null;
  computedAt: string;
  /** The grid the audit could protect; null when none could (then nothing is published). */
  grid: { name: string; crossings: number; finest: GridPeriodLevel[] } | null;
  /** The first month with an accompaniment; earlier periods hold no one. */
  firstMonth: string | null;
  /** Published figures by key (`publicationKey`). */
  shown: Record<string, number>;
  /** Hidden figures by key, with their rule. */
  hidden: Record<string, 'PRIMARY' | 'SECONDARY'>;
  /** What the job tried and what the protection cost. */
  tried: { name: string; outcome: string }[];
  report: LinkedReport | null;
  /**
   * Everything the Département's publications ever released, by key: a value shown, or the rule
   * of a figure hidden (this publication's figures included). The attacker keeps them all: each
   * publication is audited with them (`computePublication`'s `released`).
   */
  released: Record<string, number | 'PRIMARY' | 'SECONDARY'>;
}

/**
 * The version of the audit's rules (`computePublication` and what it calls). A Département's job
 * reuses its stored publication while the leaves, the names, the grids tried and this version are
 * unchanged (the nights no month closes): raise it with any change that could publish or hide a
 * figure differently, so that the next run audits again.
 */
export const PUBLICATION_RULES_VERSION = 1;

/** One grid of the ladder: how many dimensions a scope may fix, and the finest period per number fixed. */
export interface GridLevel {
  name: string;
  crossings: number;
  finest: GridPeriodLevel[];
}

/**
 * The grids tried, finest first (ADR 0023). Measured on a few hundred accompaniments: only the
 * last two protect; a Département with thousands of people per territory protects finer ones.
 * Every crossing by month is not tried: on such data nearly every leaf is 1 to 10 and its audit
 * hides every non-zero figure. The last three publish nothing finer than a quarter: their audit
 * runs on leaves by quarter (the last one by year), a third (a twelfth) of the month leaves, with
 * the same feasible intervals (`computePublication`).
 */
export const PUBLICATION_LADDER: readonly GridLevel[] = [
  { name: 'Département par mois, un territoire, programme ou opérateur par trimestre', crossings: 1, finest: ['MONTH', 'QUARTER'] },
  { name: 'Département par mois, un territoire, programme ou opérateur par an', crossings: 1, finest: ['MONTH', 'YEAR'] },
  { name: 'Département par trimestre, un territoire, programme ou opérateur par an', crossings: 1, finest: ['QUARTER', 'YEAR'] },
  { name: 'Département par trimestre', crossings: 0, finest: ['QUARTER'] },
  { name: 'Département par an', crossings: 0, finest: ['YEAR'] },
];

/**
 * A grid is audited only when at most this share of its non-zero figures are 1 to 10: beyond, the
 * protection would hide most of it, and its audit is the slowest. Measured on the demo's
 * Pas-de-Calais (416 accompaniments): 0.5 skipped every grid, although the Département by quarter
 * with one dimension by year protects with most of its figures shown.
 */
const MAX_PRIMARY_SHARE = 0.8;
const LEVEL_RANK: Record<GridPeriodLevel, number> = { MONTH: 0, QUARTER: 1, YEAR: 2 };

export interface PublicationInput {
  departmentCode: string;
  asOf: string;
  /** The last month published (default: the last closed on `asOf`, `closedThrough`); later leaves are ignored. */
  throughMonth?: string;
  /**
   * Accompaniments started (`S`) or ended for a reason (`X`) per territory × programme × operator ×
   * month (`leafKey`). The months published before must be given as they were then (frozen): the
   * figures released before are checked against them.
   */
  leaves: ReadonlyMap<string, number>;
  /** What the Département's earlier publications released (`StoredPublication.released`); none for a first one. */
  released?: StoredPublication['released'];
  /**
   * Each prescriber's part of the leaves (by prescriber, by `leafKey`): the people it oriented,
   * whom it knows (ADR 0023, « prescribers as insiders »). None by default.
   */
  prescribers?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  territories: readonly string[];
  programmes: readonly string[];
  operators: readonly string[];
  reasons: readonly string[];
}

/**
 * Protects a Département's figures on the finest grid of `ladder` the audit accepts, and returns
 * what to store. Synchronous solves of seconds to minutes: run it in a job, never in a request.
 *
 * A grid whose finest period is a quarter or a year for every scope is audited on the leaves summed
 * by it (`leavesBy`, `leafPeriod`): each of its figures is a sum of whole quarters (years) — the
 * current one cut at `asOf` included — so the attacker's feasible interval of each is the same as
 * on month leaves, with a third (a twelfth) of the LP's variables. The small counts audited besides
 * the figures are then the leaves by quarter (year), the finest counts such a grid can narrow, so
 * the secondary cells chosen may differ from those on months; the protection does not: a month's
 * leaf in a quarter of several months can be anything in [0, the quarter's upper bound], at least 4
 * wide once the quarter is protected (or is above 10). `leavesByMonth` audits every grid on month
 * leaves, as before (to compare, in tests).
 */
export async function computePublication(
  input: PublicationInput,
  options: {
    ladder?: readonly GridLevel[];
    maxRounds?: number;
    maxPrimaryShare?: number;
    leavesByMonth?: boolean;
    onTry?: (grid: string) => void;
    onRound?: LinkedProtection['onRound'];
  } = {},
): Promise<StoredPublication> {
  const lastMonth = input.throughMonth ?? closedThrough(input.asOf);
  const monthOf = (leaf: string): string => leaf.slice(leaf.lastIndexOf('|') + 1);
  // Months still open are not published: their leaves are no variable of the audit.
  const closedLeaves = new Map([...input.leaves].filter(([leaf]) => monthOf(leaf) <= lastMonth));
  const leafMonths = [...closedLeaves.keys()].map(monthOf).sort();
  const firstMonth = leafMonths[0] ?? null;
  const released = input.released ?? {};
  const base = { departmentCode: input.departmentCode, asOf: input.asOf, throughMonth: lastMonth, computedAt: new Date().toISOString(), firstMonth };
  if (!firstMonth) return { ...base, grid: null, shown: {}, hidden: {}, tried: [], report: null, released };
  const months = monthsBetween(firstMonth, lastMonth);
  const leavesOf = new Map<GridPeriodLevel, ReadonlyMap<string, number>>([['MONTH', closedLeaves]]);
  const tried: StoredPublication['tried'] = [];
  const lists = { territories: input.territories, programmes: input.programmes, operators: input.operators, reasons: input.reasons, months };
  const releasedPeriods = Object.keys(released).map((key) => periodLevelOfKey(key));
  // Each leaf's operator, read once from its key: the insiders' audits ask it of every term.
  const operators = new Map<string, string>();
  const operatorOf = (leaf: string): string => operators.get(leaf) ?? operators.set(leaf, operatorOfLeaf(leaf)).get(leaf)!;
  for (const level of options.ladder ?? PUBLICATION_LADDER) {
    // The leaves must be as fine as the finest period released before, to write those figures on them.
    const leafPeriod = options.leavesByMonth ? 'MONTH' : [finestPeriodOf(level), ...releasedPeriods].reduce((a, b) => (LEVEL_RANK[b] < LEVEL_RANK[a] ? b : a));
    const grid: PublicationGrid = { ...lists, crossings: level.crossings, finest: level.finest, leafPeriod };
    if (!leavesOf.has(leafPeriod)) leavesOf.set(leafPeriod, leavesBy(closedLeaves, leafPeriod, lastMonth));
    const leaves = leavesOf.get(leafPeriod)!;
    const history = releasedHistory(released, grid, leaves);
    const found = await LinkedPublication.firstProtectable(leaves, [{ ...level, figures: () => (options.onTry?.(level.name), publicationFigures(grid)) }], {
      // What earlier publications released stays known (ADR 0023, « time »).
      published: history.published,
      knowledge: history.knowledge,
      // Each operator knows its own people, each prescriber those it oriented (ADR 0023, « operators as insiders »).
      insiders: [
        ...input.operators.map((operator): Insider => ({ name: operator, owns: (leaf: string) => operatorOf(leaf) === operator })),
        ...[...(input.prescribers ?? [])].map(([name, parts]): Insider => ({ name, knows: leavesBy(new Map([...parts].filter(([leaf]) => monthOf(leaf) <= lastMonth)), leafPeriod, lastMonth) })),
      ],
      maxRounds: options.maxRounds ?? 40,
      maxPrimaryShare: options.maxPrimaryShare ?? MAX_PRIMARY_SHARE,
      onTried: (t) => tried.push(t),
      ...(options.onRound ? { onRound: options.onRound } : {}),
    });
    if (!found) continue;
    const shown: Record<string, number> = {};
    const hidden: Record<string, 'PRIMARY' | 'SECONDARY'> = {};
    const nowReleased: StoredPublication['released'] = { ...released };
    for (const f of found.publication.figures()) {
      if (f.hiddenBy) hidden[f.key] = f.hiddenBy;
      else shown[f.key] = f.value;
      // A value shown once stays what the attacker knows of it.
      if (typeof nowReleased[f.key] !== 'number') nowReleased[f.key] = f.hiddenBy ?? f.value;
    }
    return { ...base, grid: { name: level.name, crossings: level.crossings, finest: level.finest }, shown, hidden, tried, report: found.publication.report, released: nowReleased };
  }
  return { ...base, grid: null, shown: {}, hidden: {}, tried, report: null, released };
}

/**
 * The coarsest leaves a figure can be written on, by its key (`publicationKey`): its period's level
 * (`2025`, `2025-Q1`, `2025-03`); for a stock at the end of a month, the longest period that month ends.
 */
function periodLevelOfKey(key: string): GridPeriodLevel {
  const period = key.slice(key.lastIndexOf('|') + 1);
  if (key.startsWith('active|')) return period.endsWith('-12') ? 'YEAR' : Number(period.slice(5)) % 3 === 0 ? 'QUARTER' : 'MONTH';
  return period.includes('-Q') ? 'QUARTER' : period.includes('-') ? 'MONTH' : 'YEAR';
}

/**
 * What the figures released before tell the attacker of this grid's leaves: the keys shown (never
 * hidden again: `published`), and for the keys this grid does not hold, their value or rule as
 * `knowledge`. A key's terms are the same in every publication (closed periods, frozen leaves), so a
 * key this grid holds tells nothing more than its cell. A value released that the leaves no longer
 * give means the frozen months were changed: the audit would be of other data, so it stops.
 */
function releasedHistory(
  released: StoredPublication['released'],
  grid: PublicationGrid,
  leaves: ReadonlyMap<string, number>,
): { published: Set<string>; knowledge: { terms: Terms; lower: number; upper: number }[] } {
  const published = new Set<string>();
  const knowledge: { terms: Terms; lower: number; upper: number }[] = [];
  if (Object.keys(released).length === 0) return { published, knowledge };
  const inGrid = new Set<string>();
  for (const f of publicationFigures(grid)) inGrid.add(f.key);
  // The released keys, written on these leaves: every crossing and period they may use.
  const wanted = new Set(Object.keys(released));
  const crossings = Math.max(...[...wanted].map((key) => key.split('|').slice(key.startsWith('exits|') ? 2 : 1, -1).filter((part) => part !== ALL).length));
  const leafPeriod = grid.leafPeriod ?? 'MONTH';
  // Periods up to this grid's last month only: a key of a later one has no variables here.
  const widest: PublicationGrid = { ...grid, crossings, finest: [leafPeriod, leafPeriod, leafPeriod, leafPeriod] };
  for (const f of publicationFigures(widest)) {
    if (!wanted.has(f.key)) continue;
    wanted.delete(f.key);
    const was = released[f.key]!;
    if (typeof was === 'number') {
      const now = evaluate(f.terms, leaves);
      if (now !== was) throw new Error(`${f.key} was published as ${was} and its frozen months now give ${now}: the leaves of months already published must not change (ADR 0023, « time »).`);
      published.add(f.key);
    }
    if (inGrid.has(f.key)) continue;
    knowledge.push(typeof was === 'number' ? { terms: f.terms, lower: was, upper: was } : was === 'PRIMARY' ? { terms: f.terms, lower: 1, upper: 10 } : { terms: f.terms, lower: 11, upper: Infinity });
  }
  // A key left in `wanted` is of months after this grid's last (a job run as of an earlier day):
  // its leaves are no variables here, it cannot narrow them.
  return { published, knowledge };
}

const notPublished = (): PublishedCount => hiddenCount(SuppressionRule.NOT_PUBLISHED);
const isLastDayOfMonth = (day: string): boolean => addDays(day, 1).endsWith('-01');

/**
 * What a caller without exact rights reads: figures by measure, scope and period, looked up in the
 * stored publication. A scope or period the grid does not hold is « non publié à ce niveau ».
 */
export class PublishedFigures {
  constructor(readonly stored: StoredPublication) {}

  /** How many of territory, programme and operator a scope fixes. */
  private static fixed(scope: PublicationScope): number {
    return [scope.territoryId, scope.programmeId, scope.operatorId].filter(Boolean).length;
  }

  /** The last month published: the publication's `throughMonth` (for one stored before it was kept, the month before its day). */
  get throughMonth(): string {
    return this.stored.throughMonth ?? (this.stored.asOf ? closedThrough(this.stored.asOf, 0) : '');
  }

  /**
   * The grid period of `from..to`, or null when it is none: a calendar month, quarter or year
   * closed by the publication (ending no later than its last month). A period still open is not
   * published: cut at a day, the next publication would extend it by a small count.
   */
  private periodKey(from: string, to: string): { key: string; level: GridPeriodLevel; before: boolean } | null {
    const toMonth = to.slice(0, 7);
    if (toMonth > this.throughMonth) return null;
    const level = gridPeriodKind({ from, to }, '');
    if (!level) return null;
    const [year, month] = [from.slice(0, 4), Number(from.slice(5, 7))];
    const key = level === 'YEAR' ? year : level === 'QUARTER' ? `${year}-Q${(month + 2) / 3}` : from.slice(0, 7);
    return { key, level, before: this.stored.firstMonth === null || toMonth < this.stored.firstMonth };
  }

  /** True when the grid publishes figures of this scope for periods of this level. */
  onGrid(scope: PublicationScope, level: GridPeriodLevel): boolean {
    const grid = this.stored.grid;
    if (!grid) return false;
    const fixed = PublishedFigures.fixed(scope);
    return fixed <= grid.crossings && LEVEL_RANK[level] >= LEVEL_RANK[grid.finest[fixed] ?? 'YEAR'];
  }

  /** True when the grid publishes this scope over this period (a calendar period of a level it holds). */
  covers(scope: PublicationScope, period: { from: string; to: string }): boolean {
    const p = this.periodKey(period.from, period.to);
    return p !== null && this.onGrid(scope, p.level);
  }

  private lookup(key: string, zeroBefore: boolean): PublishedCount {
    if (key in this.stored.shown) return shownCount(this.stored.shown[key]!);
    const rule = this.stored.hidden[key];
    if (rule) return hiddenCount(SuppressionRule[rule]);
    // Before the first accompaniment, every figure the grid holds is 0, as anyone knows.
    return zeroBefore ? shownCount(0) : notPublished();
  }

  /** A flow over a period: people welcomed, exits (for a reason, or all), people accompanied. */
  count(measure: Exclude<PublicationMeasure, 'active'>, scope: PublicationScope, period: { from: string; to: string }, reason?: string): PublishedCount {
    const p = this.periodKey(period.from, period.to);
    if (!p) return notPublished();
    return this.lookup(publicationKey(measure, scope, p.key, reason), p.before && this.onGrid(scope, p.level));
  }

  /** The caseload on a day: the last day of a month the publication closed, at the end of a period the grid holds for the scope. */
  caseload(scope: PublicationScope, day: string): PublishedCount {
    const month = day.slice(0, 7);
    if (month > this.throughMonth || !isLastDayOfMonth(day)) return notPublished();
    const before = this.stored.firstMonth === null || month < this.stored.firstMonth;
    const finest = this.stored.grid?.finest[PublishedFigures.fixed(scope)] ?? 'YEAR';
    const ends = finest === 'MONTH' || (finest === 'QUARTER' ? Number(month.slice(5)) % 3 === 0 : month.endsWith('-12'));
    return this.lookup(publicationKey('active', scope, month), before && ends && this.onGrid(scope, finest));
  }
}

/**
 * The publication of a Département the job has not read yet: no grid, nothing shown. Its callers
 * without exact rights read « non publié à ce niveau » everywhere until the job runs.
 */
export function notYetPublished(departmentCode: string): StoredPublication {
  return { departmentCode, asOf: '', throughMonth: null, computedAt: '', grid: null, firstMonth: null, shown: {}, hidden: {}, tried: [], report: null, released: {} };
}

/** Everything « non publié à ce niveau » (a Département whose publication protects nothing). */
export const NOTHING_PUBLISHED = notPublished;

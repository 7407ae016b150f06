import { addDays, addMonths, hiddenFor, monthsBetween, NOTHING_PUBLISHED, parsePublishedPeriod, publishCount, publishedYearOfReach, scopeOf, shownCount, publishGroup, seesExactCounts, todayIso, type PeriodInput, type PublicationScope, type PublishedCount, type PublishedFigures, type PublishedGroup, type SubgraphContext } from '@passerelles/subgraph-kit';
import { ExitReason, exitReasons, psychologicalDifficulties } from '../accompaniment/accompaniment.enums.js';
import { IndicatorsRepository, type IndicatorFilter, type PeopleOfPeriod, type Period } from './indicators.repository.js';
import type { AdherenceStats, DelayStats, ReferralDecisionStats, DifficultyCount, DurationStats, IndicatorScopeInput, MonthlyIndicators, TerritoryIndicators } from './indicators.type.js';
import { calendarYearOf, storedYear, wholeDepartment, type YearStatistics } from '../publication/publication-statistics.js';
import { publishedFigures } from '../publication/publication.service.js';
import type { DelayRow } from './delay-chain.repository.js';
import { suppressMatrix } from './matrix-suppression.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Matches no row: an id of another tenant or a malformed one yields empty figures, never an error that confirms anything. */
const NOTHING = '00000000-0000-0000-0000-000000000000';
const round = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * The filter a caller may aggregate over: their Département, narrowed by the requested scope, by
 * their territories when they have some, and to their own partner for operators.
 */
export function indicatorFilter(ctx: SubgraphContext, scope: IndicatorScopeInput | null | undefined): IndicatorFilter {
  // The catalogue's rows: the caller's territories, and an operator's own structure (none without one).
  const reach = scopeOf(ctx.caller, 'indicators:read');
  const limited = (reach?.territoryIds.length ?? 0) > 0;
  let territoryIds: string[] | null = limited ? [...reach!.territoryIds] : null;
  if (scope?.territoryId) territoryIds = !limited || reach!.territoryIds.includes(scope.territoryId) ? [scope.territoryId] : [];
  const id = (value: string | null | undefined): string | null => (value ? (UUID.test(value) ? value : NOTHING) : null);
  let operatorId = id(scope?.operatorId);
  if (!reach) operatorId = NOTHING;
  else if (reach.operatorId !== undefined) operatorId = operatorId && operatorId !== reach.operatorId ? NOTHING : reach.operatorId;
  return { departmentCode: ctx.caller.departmentCode, territoryIds, programmeId: id(scope?.programmeId), operatorId };
}

/**
 * The filter as a scope of the publication grid, or null when it is none: a caller limited to
 * several territories reads their union, which the grid does not publish.
 */
export function publicationScope(filter: IndicatorFilter): PublicationScope | null {
  if (filter.territoryIds && filter.territoryIds.length !== 1) return null;
  return { territoryId: filter.territoryIds?.[0] ?? null, programmeId: filter.programmeId, operatorId: filter.operatorId };
}

/** The last day of a period's month, or the period's end when it ends within it (a month of the monthly series). */
const monthWithin = (month: string, period: Period): Period => {
  const last = addDays(addMonths(`${month}-01`, 1), -1);
  return { from: `${month}-01` < period.from ? period.from : `${month}-01`, to: last < period.to ? last : period.to };
};

/** The calendar months of a period, as YYYY-MM. */
export function monthsOf(period: Period): string[] {
  return monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7));
}

/**
 * The indicators of one request, computed lazily: each field runs only the SQL it needs (once,
 * however many fields share it), so a dashboard asking for one figure pays for that figure only.
 * Suppression is applied here, with the groups described in docs/beneficiaries.md.
 */
export class IndicatorsComputation {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly repository: IndicatorsRepository;
  readonly exact: boolean;

  constructor(
    private readonly ctx: SubgraphContext,
    readonly filter: IndicatorFilter,
    readonly period: Period,
  ) {
    this.repository = new IndicatorsRepository(ctx.em);
    this.exact = seesExactCounts(ctx.caller);
  }

  /**
   * The stored publication the counts are read from, for a caller without exact counts (ADR 0023;
   * nothing published before the job's first run), with the filter as a grid scope (null: off the
   * grid). Null for a caller who sees exact counts.
   */
  private published(): Promise<{ figures: PublishedFigures; scope: PublicationScope | null } | null> {
    return this.once('published', async () => {
      const figures = await publishedFigures(this.ctx);
      return figures ? { figures, scope: publicationScope(this.filter) } : null;
    });
  }

  /**
   * True when the statistics that are not linked counts (delays, difficulties, referral decisions,
   * adherence) may be published. They are not in the publication's audit: to a caller without
   * exact counts, only over a calendar year for their whole reach (`publishedYearOfReach`), when
   * the grid holds it.
   */
  async onGrid(): Promise<boolean> {
    const p = await this.published();
    if (!p) return true;
    const reach = indicatorFilter(this.ctx, null);
    const scopeChosen = this.filter.programmeId !== reach.programmeId || this.filter.operatorId !== reach.operatorId || String(this.filter.territoryIds) !== String(reach.territoryIds);
    return publishedYearOfReach({ exact: false, period: this.period, scopeChosen }) && p.scope !== null && p.figures.covers(p.scope, this.period);
  }

  /**
   * The statistics that are not linked counts as the publication job stored them when the year
   * closed, for a caller without exact counts reading the whole Département over a calendar year;
   * null otherwise, or before the job stored that year (then they are computed live).
   */
  private storedYear(): Promise<YearStatistics | null> {
    return this.once('storedYear', async () => {
      const year = calendarYearOf(this.period);
      if (this.exact || year === null || !wholeDepartment(this.filter)) return null;
      return storedYear(this.ctx.em, this.filter.departmentCode, year);
    });
  }

  /** The legal delay chain's rows as stored with the year (`storedYear`), or null to compute them. */
  async storedDelayChain(): Promise<DelayRow[] | null> {
    return (await this.storedYear())?.delayChain ?? null;
  }

  /** A statistic from the year stored, else computed live. */
  private async statistic<K extends keyof YearStatistics>(key: K, live: () => Promise<YearStatistics[K]>): Promise<YearStatistics[K]> {
    const stored = await this.storedYear();
    return stored ? stored[key] : live();
  }

  private once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.memo.set(key, value);
    }
    return value;
  }

  /**
   * The exact counts of people of the period, read once for every field that shows one: people
   * accompanied, welcomed (in all and per month) and in active caseload on each month's last day.
   */
  private people(): Promise<PeopleOfPeriod> {
    return this.once('people', () =>
      this.repository.people(
        this.filter,
        this.period,
        monthsOf(this.period).map((m) => monthWithin(m, this.period)),
      ),
    );
  }

  /** Welcomed per month: a group whose total is the period's figure, so a hidden month cannot be recomputed. */
  private welcomed(): Promise<{ group: PublishedGroup<string>; total: PublishedCount }> {
    return this.once('welcomed', async () => {
      const p = await this.published();
      if (p) {
        const read = (period: Period): PublishedCount => (p.scope ? p.figures.count('welcomed', p.scope, period) : NOTHING_PUBLISHED());
        const cells = monthsOf(this.period).map((m) => ({ key: m, count: read(monthWithin(m, this.period)) }));
        const total = read(this.period);
        return { group: { cells, total }, total };
      }
      const people = await this.people();
      const group = publishGroup(monthsOf(this.period).map((m, i) => ({ key: m, count: people.months[i]!.welcomed })), this.exact);
      return { group, total: group.total.suppressed ? hiddenFor(people.welcomed) : publishCount(people.welcomed, this.exact) };
    });
  }

  /** Exits: one group over every reason; stabilisations, path evolutions and the durations' `counted` are read from it. */
  exits(): Promise<PublishedGroup<ExitReason>> {
    return this.once('exits', async () => {
      const p = await this.published();
      if (p) {
        const read = (reason?: ExitReason): PublishedCount => (p.scope ? p.figures.count('exits', p.scope, this.period, reason) : NOTHING_PUBLISHED());
        return { cells: exitReasons.map((reason) => ({ key: reason, count: read(reason) })), total: read() };
      }
      const counts = new Map((await this.repository.exitsByReason(this.filter, this.period)).map((r) => [r.reason, r.count]));
      return publishGroup(exitReasons.map((reason) => ({ key: reason, count: counts.get(reason) ?? 0 })), this.exact);
    });
  }

  async exitCell(reason: ExitReason): Promise<PublishedCount> {
    return (await this.exits()).cells.find((c) => c.key === reason)!.count;
  }

  async peopleWelcomed(): Promise<PublishedCount> {
    return (await this.welcomed()).total;
  }

  async peopleAccompanied(): Promise<PublishedCount> {
    const p = await this.published();
    if (p) return p.scope ? p.figures.count('accompanied', p.scope, this.period) : NOTHING_PUBLISHED();
    return publishCount((await this.people()).accompanied, this.exact);
  }

  async activeCaseload(): Promise<PublishedCount> {
    const p = await this.published();
    if (p) return p.scope ? p.figures.caseload(p.scope, this.period.to) : NOTHING_PUBLISHED();
    // The last month's counted day is the period's end.
    return publishCount((await this.people()).months.at(-1)!.active, this.exact);
  }

  async durationDays(): Promise<DurationStats> {
    const [exits, d] = await Promise.all([this.exits(), this.statistic('durations', () => this.repository.durations(this.filter, this.period))]);
    // Every ended accompaniment had started (a constraint), so the durations measured are exactly the exits.
    const shown = !exits.total.suppressed && d.mean !== null;
    return { mean: shown ? round(d.mean, 2) : null, median: shown ? round(d.median, 2) : null, counted: exits.total };
  }

  async psychologicalDifficulties(): Promise<DifficultyCount[]> {
    if (!(await this.onGrid())) return psychologicalDifficulties.map((difficulty) => ({ difficulty, count: NOTHING_PUBLISHED() }));
    const counts = new Map((await this.statistic('difficulties', () => this.repository.difficulties(this.filter, this.period))).map((r) => [r.difficulty, r.count]));
    const group = publishGroup(psychologicalDifficulties.map((d) => ({ key: d, count: counts.get(d) ?? 0 })), this.exact);
    return group.cells.map((c) => ({ difficulty: c.key, count: c.count }));
  }

  async delayToFirstInterview(): Promise<DelayStats> {
    if (!(await this.onGrid())) return { meanDays: null, medianDays: null, shareUnder30Days: null, counted: NOTHING_PUBLISHED() };
    const d = await this.statistic('delays', () => this.repository.delays(this.filter, this.period));
    // The accompaniments measured are those started in the period: the publication's welcomed
    // figure, read from it (a second value of the same cell would undo its protection).
    const counted = this.exact ? publishCount(d.counted, true) : await this.peopleWelcomed();
    const shown = !counted.suppressed && d.counted > 0;
    return {
      meanDays: shown ? round(d.mean, 2) : null,
      medianDays: shown ? round(d.median, 2) : null,
      shareUnder30Days: shown ? round(d.shareUnder30, 4) : null,
      counted,
    };
  }

  /**
   * The partners' decision time on the referrals sent in the period. Sent = answered + expired +
   * still waiting: answered and expired are published as cells of that group (secondary
   * suppression), and the statistics only over a published answered count.
   */
  async referralDecision(): Promise<ReferralDecisionStats> {
    if (!(await this.onGrid())) return { sent: NOTHING_PUBLISHED(), answered: NOTHING_PUBLISHED(), expired: NOTHING_PUBLISHED(), medianDays: null, p90Days: null };
    const d = await this.statistic('referralDecisions', () => this.repository.referralDecisions(this.filter, this.period, todayIso()));
    const group = publishGroup(
      [
        { key: 'answered', count: d.answered },
        { key: 'expired', count: d.expired },
        { key: 'waiting', count: d.sent - d.answered - d.expired },
      ],
      this.exact,
    );
    const answered = group.cells[0]!.count;
    const shown = !answered.suppressed && d.answered > 0;
    return { sent: group.total, answered, expired: group.cells[1]!.count, medianDays: shown ? round(d.median, 2) : null, p90Days: shown ? round(d.p90, 2) : null };
  }

  /**
   * « Rendez-vous honorés »: honoured ÷ appointments with a recorded outcome, dated in the period.
   * Honoured and not honoured (missed, excused) form a group whose total is `closed`; appointments
   * of past days never closed are published apart (`leftOpen`), not counted as missed.
   */
  async appointmentAdherence(): Promise<AdherenceStats> {
    if (!(await this.onGrid())) return { honoured: NOTHING_PUBLISHED(), closed: NOTHING_PUBLISHED(), leftOpen: NOTHING_PUBLISHED(), rate: null };
    const a = await this.statistic('adherence', () => this.repository.adherence(this.filter, this.period, todayIso()));
    const group = publishGroup(
      [
        { key: 'honoured', count: a.honoured },
        { key: 'other', count: a.closed - a.honoured },
      ],
      this.exact,
    );
    const honoured = group.cells[0]!.count;
    return {
      honoured,
      closed: group.total,
      leftOpen: publishCount(a.leftOpen, this.exact),
      rate: !honoured.suppressed && !group.total.suppressed && a.closed > 0 ? round(a.honoured / a.closed, 4) : null,
    };
  }

  async monthly(): Promise<MonthlyIndicators[]> {
    const p = await this.published();
    if (p) {
      const welcomed = await this.welcomed();
      return monthsOf(this.period).map((month, i) => {
        const within = monthWithin(month, this.period);
        return {
          month,
          peopleWelcomed: welcomed.group.cells[i]!.count,
          activeCaseload: p.scope ? p.figures.caseload(p.scope, within.to) : NOTHING_PUBLISHED(),
          exits: p.scope ? p.figures.count('exits', p.scope, within) : NOTHING_PUBLISHED(),
        };
      });
    }
    const [welcomed, exitRows, people] = await Promise.all([this.welcomed(), this.repository.exitsByMonth(this.filter, this.period), this.people()]);
    const months = monthsOf(this.period);
    const exitCounts = new Map(exitRows.map((r) => [r.month, r.count]));
    const exits = publishGroup(months.map((m) => ({ key: m, count: exitCounts.get(m) ?? 0 })), this.exact);
    return months.map((month, i) => ({
      month,
      peopleWelcomed: welcomed.group.cells[i]!.count,
      activeCaseload: publishCount(people.months[i]!.active, this.exact),
      exits: exits.cells[i]!.count,
    }));
  }
}

/** The indicators of a scope and a period for the caller (validated now, computed field by field). */
export function indicators(ctx: SubgraphContext, scope: IndicatorScopeInput | null | undefined, periodInput: PeriodInput): IndicatorsComputation {
  return new IndicatorsComputation(ctx, indicatorFilter(ctx, scope), parsePublishedPeriod(periodInput, { exact: seesExactCounts(ctx.caller) }));
}

/** People welcomed in a period per territory; suppressed across all the Département's territories at once (their sum is published). */
export async function peopleOrientedByTerritory(ctx: SubgraphContext, period: Period): Promise<Map<string, PublishedCount>> {
  const rows = await new IndicatorsRepository(ctx.em).welcomedByTerritory(ctx.caller.departmentCode, period);
  const group = publishGroup(
    rows.map((r) => ({ key: r.territoryId ?? '', count: r.count })),
    seesExactCounts(ctx.caller),
  );
  return new Map(group.cells.map((c) => [c.key, c.count]));
}

/** Exits of each territory: per reason, and in all. */
interface TerritoryExits {
  cells: { reason: ExitReason; count: PublishedCount }[];
  total: PublishedCount;
}

/**
 * Exits per territory × reason with each territory's total, suppressed as one table: the reasons'
 * totals (the Département's exits by reason), the territories' totals and the grand total are all
 * published, so the totals form one more column and no line of the table may keep exactly one
 * hidden cell (`suppressMatrix`).
 */
export function publishExitTable(territoryKeys: readonly string[], rows: readonly { territoryId: string | null; reason: string; count: number }[], exact: boolean): Map<string, TerritoryExits> {
  const counts = new Map(rows.map((r) => [`${r.territoryId ?? ''}|${r.reason}`, r.count]));
  const matrix = territoryKeys.map((t) => {
    const cells = exitReasons.map((reason) => counts.get(`${t}|${reason}`) ?? 0);
    return [...cells, cells.reduce((sum, c) => sum + c, 0)];
  });
  const hiddenCells = exact ? matrix.map((row) => row.map(() => false)) : suppressMatrix(matrix);
  const publish = (i: number, j: number): PublishedCount => (hiddenCells[i]![j] ? hiddenFor(matrix[i]![j]!) : shownCount(matrix[i]![j]!));
  return new Map(
    territoryKeys.map((t, i) => [t, { cells: exitReasons.map((reason, j) => ({ reason, count: publish(i, j) })), total: publish(i, exitReasons.length) }]),
  );
}

/** Every territory key of a table: the territories listed, then any other met in the rows ('' for none). */
function keysOf(territoryIds: readonly string[], rows: readonly { territoryId: string | null }[]): string[] {
  return [...new Set([...territoryIds, ...rows.map((r) => r.territoryId ?? '')])];
}

/** Exits per territory and reason over the whole Département (for `Territory.exitsByReason`). */
export async function exitsByTerritory(ctx: SubgraphContext, period: Period): Promise<Map<string, { reason: ExitReason; count: PublishedCount }[]>> {
  const filter: IndicatorFilter = { departmentCode: ctx.caller.departmentCode, territoryIds: null, programmeId: null, operatorId: null };
  const rows = await new IndicatorsRepository(ctx.em).exitsByTerritoryAndReason(filter, period);
  const table = publishExitTable(keysOf([], rows).sort(), rows, seesExactCounts(ctx.caller));
  return new Map([...table].map(([t, exits]) => [t, exits.cells]));
}

/**
 * The indicators of every territory the caller may see, for a programme / operator and a period,
 * in three statements (GROUP BY territory). Each count column is suppressed as a group across the
 * territories (its total, the scope's figure, is published too), exits as one table
 * (`publishExitTable`), so a hidden cell cannot be recomputed from a total or its neighbours.
 * `scope.territoryId` only selects the row returned: suppression is computed over all of them, so
 * that a territory's figures are the same whether it is shown alone or with the others.
 */
export async function indicatorsByTerritory(ctx: SubgraphContext, scope: IndicatorScopeInput | null | undefined, periodInput: PeriodInput): Promise<TerritoryIndicators[]> {
  const period = parsePublishedPeriod(periodInput, { exact: seesExactCounts(ctx.caller) });
  const filter = indicatorFilter(ctx, { ...scope, territoryId: null });
  const repository = new IndicatorsRepository(ctx.em);
  const figures = await publishedFigures(ctx);
  if (figures) {
    // Each territory's figures as the Département's publication holds them (ADR 0023).
    const territories = await repository.territories(filter.departmentCode, filter.territoryIds);
    return territories
      .filter((t) => !scope?.territoryId || t.id === scope.territoryId)
      .map(({ id }) => {
        const s: PublicationScope = { territoryId: id, programmeId: filter.programmeId, operatorId: filter.operatorId };
        const exitsByReason = exitReasons.map((reason) => ({ reason, count: figures.count('exits', s, period, reason) }));
        const cell = (reason: ExitReason): PublishedCount => exitsByReason.find((e) => e.reason === reason)!.count;
        return {
          territoryId: id,
          territory: { id },
          peopleWelcomed: figures.count('welcomed', s, period),
          peopleAccompanied: figures.count('accompanied', s, period),
          activeCaseload: figures.caseload(s, period.to),
          exitsTotal: figures.count('exits', s, period),
          stabilisations: cell(ExitReason.STABILISATION),
          pathEvolutions: cell(ExitReason.EVOLUTION),
          exitsByReason,
        };
      });
  }
  const [territories, people, exits] = await Promise.all([
    repository.territories(filter.departmentCode, filter.territoryIds),
    repository.peopleByTerritory(filter, period),
    repository.exitsByTerritoryAndReason(filter, period),
  ]);
  const exact = seesExactCounts(ctx.caller);
  const keys = keysOf(
    territories.map((t) => t.id),
    [...people, ...exits],
  );
  const byTerritory = new Map(people.map((p) => [p.territoryId ?? '', p]));
  const column = (measure: 'welcomed' | 'accompanied' | 'active'): Map<string, PublishedCount> =>
    new Map(publishGroup(keys.map((key) => ({ key, count: byTerritory.get(key)?.[measure] ?? 0 })), exact).cells.map((c) => [c.key, c.count]));
  const [welcomed, accompanied, active] = [column('welcomed'), column('accompanied'), column('active')];
  const exitTable = publishExitTable(keys, exits, exact);
  const cell = (e: TerritoryExits, reason: ExitReason): PublishedCount => e.cells.find((c) => c.reason === reason)!.count;
  return territories
    .filter((t) => !scope?.territoryId || t.id === scope.territoryId)
    .map(({ id }) => {
      const e = exitTable.get(id)!;
      return {
        territoryId: id,
        territory: { id },
        peopleWelcomed: welcomed.get(id)!,
        peopleAccompanied: accompanied.get(id)!,
        activeCaseload: active.get(id)!,
        exitsTotal: e.total,
        stabilisations: cell(e, ExitReason.STABILISATION),
        pathEvolutions: cell(e, ExitReason.EVOLUTION),
        exitsByReason: e.cells,
      };
    });
}

import { parsePeriod, publishCount, publishGroup, seesExactCounts, type PeriodInput, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { exitReasons, psychologicalDifficulties, type ExitReason, type PsychologicalDifficulty } from '../accompaniment/accompaniment.enums.js';
import { IndicatorsRepository, type IndicatorFilter, type Period } from './indicators.repository.js';
import type { BeneficiaryIndicators, IndicatorScopeInput } from './indicators.type.js';
import { suppressMatrix } from './matrix-suppression.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Matches no row: an id of another tenant or a malformed one yields empty figures, never an error that confirms anything. */
const NOTHING = '00000000-0000-0000-0000-000000000000';
const hidden: PublishedCount = { value: null, suppressed: true };
const round = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * The filter a caller may aggregate over: their Département, narrowed by the requested scope, by
 * their territories when they have some, and to their own partner for operators.
 */
export function indicatorFilter(ctx: SubgraphContext, scope: IndicatorScopeInput | null | undefined): IndicatorFilter {
  const caller = ctx.caller;
  const limited = caller.territoryIds.length > 0;
  let territoryIds: string[] | null = limited ? [...caller.territoryIds] : null;
  if (scope?.territoryId) territoryIds = !limited || caller.territoryIds.includes(scope.territoryId) ? [scope.territoryId] : [];
  const id = (value: string | null | undefined): string | null => (value ? (UUID.test(value) ? value : NOTHING) : null);
  let operatorId = id(scope?.operatorId);
  if (caller.role === 'OPERATOR') operatorId = !caller.partnerId || (operatorId && operatorId !== caller.partnerId) ? NOTHING : caller.partnerId;
  return { departmentCode: caller.departmentCode, territoryIds, programmeId: id(scope?.programmeId), operatorId };
}

/** Every steering indicator for a scope and a period, computed in SQL and published with small-count suppression. */
export async function indicators(ctx: SubgraphContext, scope: IndicatorScopeInput | null | undefined, periodInput: PeriodInput): Promise<BeneficiaryIndicators> {
  const period: Period = parsePeriod(periodInput);
  const filter = indicatorFilter(ctx, scope);
  const exact = seesExactCounts(ctx.caller);
  const repository = new IndicatorsRepository(ctx.em);
  const scalars = await repository.scalars(filter, period);
  const exitRows = await repository.exitsByReason(filter, period);
  const difficultyRows = await repository.difficulties(filter, period);
  const months = await repository.monthly(filter, period);

  // Exits: one group over every reason; stabilisations and path evolutions are cells of it, so they hide together.
  const exitCounts = new Map(exitRows.map((r) => [r.reason, r.count]));
  const exits = publishGroup(
    exitReasons.map((reason) => ({ key: reason, count: exitCounts.get(reason) ?? 0 })),
    exact,
  );
  const cellOf = (reason: ExitReason): PublishedCount => exits.cells.find((c) => c.key === reason)!.count;

  // Monthly series add up to the period's figures: each is a group, so a hidden month cannot be recomputed from the total.
  const monthlyWelcomed = publishGroup(months.map((m) => ({ key: m.month, count: m.welcomed })), exact);
  const monthlyExits = publishGroup(months.map((m) => ({ key: m.month, count: m.exits })), exact);
  const peopleWelcomed = monthlyWelcomed.total.suppressed ? hidden : publishCount(scalars.welcomed, exact);

  const difficultyCounts = new Map(difficultyRows.map((r) => [r.difficulty, r.count]));
  const difficulties = publishGroup(
    psychologicalDifficulties.map((d) => ({ key: d, count: difficultyCounts.get(d) ?? 0 })),
    exact,
  );

  const delayCounted = publishCount(scalars.startedCount, exact);
  const delayShown = !delayCounted.suppressed && scalars.startedCount > 0;
  // Every ended accompaniment had started (a constraint), so the durations measured are exactly the exits.
  const durationShown = !exits.total.suppressed && scalars.durationMean !== null;

  const adherence = publishGroup(
    [
      { key: 'honoured', count: scalars.honoured },
      { key: 'other', count: scalars.planned - scalars.honoured },
    ],
    exact,
  );
  const honoured = adherence.cells[0]!.count;

  return {
    peopleWelcomed,
    activeCaseload: publishCount(scalars.active, exact),
    durationDays: {
      mean: durationShown ? round(scalars.durationMean, 2) : null,
      median: durationShown ? round(scalars.durationMedian, 2) : null,
      counted: exits.total,
    },
    exitsByReason: exits.cells.map((c) => ({ reason: c.key, count: c.count })),
    exitsTotal: exits.total,
    stabilisations: cellOf('STABILISATION' as ExitReason),
    pathEvolutions: cellOf('EVOLUTION' as ExitReason),
    psychologicalDifficulties: difficulties.cells.map((c) => ({ difficulty: c.key as PsychologicalDifficulty, count: c.count })),
    delayToFirstInterview: {
      meanDays: delayShown ? round(scalars.delayMean, 2) : null,
      medianDays: delayShown ? round(scalars.delayMedian, 2) : null,
      shareUnder30Days: delayShown ? round(scalars.delayShareUnder30, 4) : null,
      counted: delayCounted,
    },
    appointmentAdherence: {
      honoured,
      planned: adherence.total,
      rate: !honoured.suppressed && !adherence.total.suppressed && scalars.planned > 0 ? round(scalars.honoured / scalars.planned, 4) : null,
    },
    monthly: months.map((m, i) => ({
      month: m.month,
      peopleWelcomed: monthlyWelcomed.cells[i]!.count,
      activeCaseload: publishCount(m.active, exact),
      exits: monthlyExits.cells[i]!.count,
    })),
  };
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

/** Exits per territory and reason, suppressed as a table (rows: territories, columns: reasons). */
export async function exitsByTerritory(ctx: SubgraphContext, period: Period): Promise<Map<string, { reason: ExitReason; count: PublishedCount }[]>> {
  const rows = await new IndicatorsRepository(ctx.em).exitsByTerritoryAndReason(ctx.caller.departmentCode, period);
  const territories = [...new Set(rows.map((r) => r.territoryId ?? ''))].sort();
  const matrix = territories.map((t) => exitReasons.map((reason) => rows.find((r) => (r.territoryId ?? '') === t && r.reason === reason)?.count ?? 0));
  const exact = seesExactCounts(ctx.caller);
  const hiddenCells = exact ? matrix.map((row) => row.map(() => false)) : suppressMatrix(matrix);
  return new Map(
    territories.map((t, i) => [
      t,
      exitReasons.map((reason, j) => ({ reason, count: hiddenCells[i]![j] ? hidden : { value: matrix[i]![j]!, suppressed: false } })),
    ]),
  );
}

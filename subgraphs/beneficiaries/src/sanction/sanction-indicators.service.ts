import { assertCan, narrowsReach, NOTHING_PUBLISHED, parsePublishedPeriod, publishedYearOfReach, publishGroup, seesExactCounts, type PeriodInput, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { indicatorFilter } from '../indicators/indicators.service.js';
import type { IndicatorScopeInput } from '../indicators/indicators.type.js';
import { SanctionRepository } from './sanction.repository.js';
import type { SanctionIndicatorsType } from './sanction.type.js';

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
const shown = (count: PublishedCount): boolean => !count.suppressed && (count.value ?? 0) > 0;

/**
 * How many procedures and how long, for a grid period (ADR 0023) and a scope. Each measure's
 * counts per territory form a group whose total is the Département's figure, so that a hidden
 * territory cannot be recomputed by difference; a median is published only over a published count.
 *
 * Callers without exact counts read them for their whole reach over a closed calendar year only
 * (`publishedYearOfReach`, ADR 0023 « time »: never the current year cut at today, which grows by
 * a day's breaches from one day to the next); a territory is read only in the table beside the others.
 */
export async function sanctionIndicators(ctx: SubgraphContext, scope: IndicatorScopeInput | null | undefined, periodInput: PeriodInput): Promise<SanctionIndicatorsType> {
  const reach = assertCan(ctx.caller, 'sanctionIndicators:read');
  const exact = seesExactCounts(ctx.caller);
  const period = parsePublishedPeriod(periodInput, { exact });
  if (!publishedYearOfReach({ exact, period, scopeChosen: narrowsReach(reach, scope) })) {
    return { opened: NOTHING_PUBLISHED(), decided: NOTHING_PUBLISHED(), suspended: NOTHING_PUBLISHED(), lifted: NOTHING_PUBLISHED(), medianDurationMonths: null, medianDaysToLift: null, byTerritory: [] };
  }
  const rows = await new SanctionRepository(ctx.em).indicatorRows(indicatorFilter(ctx, scope), period);
  const all = rows.find((r) => r.all);
  const territories = rows.filter((r) => !r.all).sort((a, b) => (a.territoryId ?? '').localeCompare(b.territoryId ?? ''));
  const group = (measure: 'opened' | 'decided' | 'suspended' | 'lifted') => publishGroup(territories.map((t) => ({ key: t.territoryId, count: t[measure] })), exact);
  const opened = group('opened');
  const decided = group('decided');
  const suspended = group('suspended');
  const lifted = group('lifted');
  return {
    opened: opened.total,
    decided: decided.total,
    suspended: suspended.total,
    lifted: lifted.total,
    medianDurationMonths: shown(suspended.total) ? round(all?.medianMonths ?? null) : null,
    medianDaysToLift: shown(lifted.total) ? round(all?.medianDaysToLift ?? null) : null,
    byTerritory: territories.map((t, i) => ({ territoryId: t.territoryId, opened: opened.cells[i]!.count, suspended: suspended.cells[i]!.count, lifted: lifted.cells[i]!.count })),
  };
}

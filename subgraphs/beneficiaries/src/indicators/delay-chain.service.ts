import { NOTHING_PUBLISHED, publishGroup, type PublishedCount } from '@passerelles/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { definitionFor, delaySteps, targetDays, targetMonths, type DelayStep } from './delay-chain.definitions.js';
import { delayChainRows, trackCodes, type DelayRow } from './delay-chain.repository.js';
import type { DelayChainType, DelayStepStatsType } from './delay-chain.type.js';
import type { IndicatorFilter, Period } from './indicators.repository.js';

const round = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * The legal delay chain of a scope and a (validated) period, in one statement. Each step's counts
 * per track form a group whose total is the step's `counted` (a hidden track cannot be recomputed
 * by difference); medians, percentiles and shares are published only over a published count.
 * Off the Département's publication grid (`onGrid` false, ADR 0023) every count is « non publié à
 * ce niveau » and nothing is computed. `stored`: the rows the publication job stored with a closed
 * year (`storedDelayChain`), read instead of computed.
 */
export async function delayChain(em: EntityManager, filter: IndicatorFilter, period: Period, exact: boolean, onGrid = true, stored: DelayRow[] | null = null): Promise<DelayChainType> {
  const definition = definitionFor(period.to);
  const [rows, tracks] = await Promise.all([onGrid ? (stored ? Promise.resolve(stored) : delayChainRows(em, filter, period, definition)) : Promise.resolve([]), trackCodes(em)]);
  const key = (step: string, track: string | null): string => `${step}|${track ?? ''}`;
  const byKey = new Map(rows.map((r) => [key(r.step, r.track), r]));
  const stats = (step: DelayStep, row: DelayRow | undefined, counted: PublishedCount): DelayStepStatsType => {
    const target = targetDays(definition, step);
    const months = targetMonths(definition, step);
    const shown = !counted.suppressed && (row?.counted ?? 0) > 0;
    return {
      step,
      counted,
      medianDays: shown ? round(row!.median, 2) : null,
      p90Days: shown ? round(row!.p90, 2) : null,
      shareWithinTarget: shown && (target !== null || months !== null) ? round(row!.withinTarget, 4) : null,
      targetDays: target,
      targetMonths: months,
    };
  };
  const groups = delaySteps.map((step) =>
    onGrid
      ? publishGroup(tracks.map((track) => ({ key: track, count: byKey.get(key(step, track))?.counted ?? 0 })), exact)
      : { total: NOTHING_PUBLISHED(), cells: tracks.map((track) => ({ key: track, count: NOTHING_PUBLISHED() })) },
  );
  return {
    definitionVersion: definition.version,
    definitionLabel: definition.label,
    steps: delaySteps.map((step, i) => stats(step, byKey.get(key(step, null)), groups[i]!.total)),
    byTrack: tracks.map((track, j) => ({ track, steps: delaySteps.map((step, i) => stats(step, byKey.get(key(step, track)), groups[i]!.cells[j]!.count)) })),
  };
}

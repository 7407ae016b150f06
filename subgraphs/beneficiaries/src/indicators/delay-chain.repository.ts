import type { EntityManager } from '@mikro-orm/postgresql';
import type { IndicatorFilter, Period } from './indicators.repository.js';
import { DelayStep, delaySteps, targetDays, targetMonths, type DelayDefinition } from './delay-chain.definitions.js';

/** One step's figures, for all tracks (`track` null) or one track. */
export interface DelayRow {
  step: string;
  track: string | null;
  counted: number;
  median: number | null;
  p90: number | null;
  withinTarget: number | null;
}

/**
 * The legal delay chain's figures for a period, in one statement over the chains stored per person
 * (`beneficiaries.delay_chain`, kept on write: ADR 0030). Each person of the Département whose right
 * was opened on or after the definition's `rightsOpenedFrom` has one chain (the right opened:
 * `rights_opened_on` when an import gave it, else `rsa_entry_date`): their first orientation
 * (earliest decided), its notification, the chain's accompaniment — the first started on or after
 * the notification, or else their first started one — the first contract signed on or after the
 * notification (as contracts told it), and the first referral of that accompaniment the partner
 * accepted (answered ACCEPTED, then maybe DONE or NO_SHOW); `refresh_delay_chain` defines them. A
 * step is counted in the period when its end falls in it and it lasted 0 days or more (an
 * accompaniment started before the notification is not a delay). Scope: the person's territory (the
 * caller's territories, or `territoryId`); programme and operator those of the chain's
 * accompaniment. Grouping sets give each step over all tracks and per track of the first orientation;
 * a step with nothing counted has no row.
 */
export async function delayChainRows(em: EntityManager, filter: IndicatorFilter, period: Period, definition: DelayDefinition): Promise<DelayRow[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.territoryIds) {
    conditions.push('c.territory_id in (?)');
    params.push(filter.territoryIds.length ? [...filter.territoryIds] : ['']);
  }
  if (filter.programmeId) {
    conditions.push('c.programme_id = ?');
    params.push(filter.programmeId);
  }
  if (filter.operatorId) {
    conditions.push('c.operator_id = ?');
    params.push(filter.operatorId);
  }
  // Each step's figures are filtered aggregates over the same rows: one pass, no row per step (the unpivot cost 3× the rest).
  const targetParams: number[] = [];
  const figures = delaySteps.map((step, i) => {
    const [from, to] = STEP_SPANS[step].map((column) => `c.${column}`);
    const counted = `${to} between p.f and p.t and ${to} >= ${from}`;
    const months = targetMonths(definition, step);
    const days = targetDays(definition, step);
    let within = 'null::float8';
    if (months !== null) {
      within = `avg((${to} <= (${from} + make_interval(months => ?::int))::date)::int) filter (where ${counted})::float8`;
      targetParams.push(months);
    } else if (days !== null) {
      within = `avg((${to} - ${from} <= ?::int)::int) filter (where ${counted})::float8`;
      targetParams.push(days);
    }
    return `count(*) filter (where ${counted})::int as counted_${i},
            percentile_cont(array[0.5, 0.9]) within group (order by ${to} - ${from}) filter (where ${counted})::float8[] as quantiles_${i},
            ${within} as within_${i}`;
  });
  const groups = await em.execute<Record<string, unknown>[]>(
    `select c.track, grouping(c.track) = 1 as "allTracks", ${figures.join(',\n            ')}
       from (select ?::date as f, ?::date as t) p, beneficiaries.delay_chain c
      where c.department_code = ? and c.rights_opened_on >= ?::date ${conditions.map((condition) => `and ${condition}`).join(' ')}
      group by grouping sets ((), (c.track))`,
    [...targetParams, period.from, period.to, filter.departmentCode, definition.rightsOpenedFrom, ...params],
  );
  return groups.flatMap((g) =>
    delaySteps.flatMap((step, i) => {
      const counted = g[`counted_${i}`] as number;
      const quantiles = g[`quantiles_${i}`] as (number | null)[] | null;
      const track = g.allTracks ? null : (g.track as string);
      return counted > 0 ? [{ step, track, counted, median: quantiles?.[0] ?? null, p90: quantiles?.[1] ?? null, withinTarget: g[`within_${i}`] as number | null }] : [];
    }),
  );
}

/** Each step's span over the stored chain's columns: from the end of what it is measured from, to its own end (delay-chain.definitions.ts). */
const STEP_SPANS: Record<DelayStep, [string, string]> = {
  [DelayStep.ORIENTATION_DECIDED]: ['rights_opened_on', 'decided_on'],
  [DelayStep.ORIENTATION_NOTIFIED]: ['decided_on', 'notified_on'],
  [DelayStep.CONTRACT_SIGNED]: ['notified_on', 'contract_on'],
  [DelayStep.FIRST_INTERVIEW]: ['notified_on', 'started_on'],
  [DelayStep.FIRST_PARTNER_APPOINTMENT]: ['started_on', 'partner_on'],
};

/** The orientation tracks' codes, in their order (reference data): every track is listed, zeros included. */
export async function trackCodes(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ code: string }[]>('select code from beneficiaries.orientation_track order by position, code');
  return rows.map((r) => r.code);
}

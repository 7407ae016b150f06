import type { EntityManager } from '@mikro-orm/postgresql';
import type { IndicatorFilter, Period } from './indicators.repository.js';
import { delaySteps, targetDays, targetMonths, type DelayDefinition } from './delay-chain.definitions.js';

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
 * The legal delay chain in one statement. Each person of the Département whose right was opened on
 * or after the definition's `rightsOpenedFrom` has one chain (the right opened: `rights_opened_on`
 * when an import gave it, else `rsa_entry_date`): their first orientation (earliest
 * decided), its notification, the chain's accompaniment — the first started on or after the
 * notification, or else their first started one — the first contract signed on or after the
 * notification (as contracts told it), and the first referral of that accompaniment the partner
 * accepted (answered ACCEPTED, then maybe DONE or NO_SHOW). A step is counted in the
 * period when its end falls in it and it lasted 0 days or more (an accompaniment started before the
 * notification is not a delay). Scope: the person's territory (the caller's territories, or
 * `territoryId`); programme and operator those of the chain's accompaniment. Grouping sets give
 * each step over all tracks and per track of the first orientation. Each part of the chain (first
 * orientation, accompaniment, contract, accepted referral) is read in one pass, for the people with a chain only — those whose right opened since the definition's
 * date, a sixth of a Département's people at 160 000 (issue 15) — not for everyone oriented.
 */
export async function delayChainRows(em: EntityManager, filter: IndicatorFilter, period: Period, definition: DelayDefinition): Promise<DelayRow[]> {
  // The people's territory narrows who has a chain; programme and operator, the chain's accompaniment.
  const territory = filter.territoryIds ? 'and b.territory_id in (?)' : '';
  const territoryParams = filter.territoryIds ? [filter.territoryIds.length ? [...filter.territoryIds] : ['']] : [];
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.programmeId) {
    conditions.push('a.programme_id = ?');
    params.push(filter.programmeId);
  }
  if (filter.operatorId) {
    conditions.push('a.operator_id = ?');
    params.push(filter.operatorId);
  }
  const targets = delaySteps.map(() => '(?::text, ?::int, ?::int)').join(', ');
  const targetParams = delaySteps.flatMap((step) => [step, targetDays(definition, step), targetMonths(definition, step)]);
  return em.execute<DelayRow[]>(
    `with p as (select ?::date as f, ?::date as t),
     b as (select b.id, coalesce(b.rights_opened_on, b.rsa_entry_date) as rights_opened_on from beneficiaries.beneficiary b
            where b.department_code = ? and coalesce(b.rights_opened_on, b.rsa_entry_date) >= ?::date ${territory}),
     o as (select distinct on (o.beneficiary_id) o.beneficiary_id, o.track, o.decided_on, o.notified_on
             from beneficiaries.orientation o join b on b.id = o.beneficiary_id where o.department_code = ?
            order by o.beneficiary_id, o.decided_on, o.created_at, o.id),
     a1 as (select distinct on (a.beneficiary_id) a.beneficiary_id, a.id, a.started_on, a.programme_id, a.operator_id
              from beneficiaries.accompaniment a join o on o.beneficiary_id = a.beneficiary_id
             where a.department_code = ? and a.started_on is not null
             order by a.beneficiary_id, (a.started_on >= o.notified_on) desc nulls last, a.started_on, a.id),
     cs as (select cs.beneficiary_id, min(cs.signed_on) as contract_on
              from beneficiaries.contract_signature cs join o on o.beneficiary_id = cs.beneficiary_id
             where cs.department_code = ? and cs.signed_on >= o.notified_on group by cs.beneficiary_id),
     pr as (select r.accompaniment_id, min(r.answered_on) as partner_on from beneficiaries.referral r join a1 on a1.id = r.accompaniment_id
             where r.department_code = ? and r.status in ('ACCEPTED', 'DONE', 'NO_SHOW') group by r.accompaniment_id),
     c as (select o.track, b.rights_opened_on, o.decided_on, o.notified_on, a.started_on, cs.contract_on, pr.partner_on
             from b
             join o on o.beneficiary_id = b.id
             left join a1 a on a.beneficiary_id = b.id
             left join cs on cs.beneficiary_id = b.id
             left join pr on pr.accompaniment_id = a.id
            ${conditions.length ? `where ${conditions.join(' and ')}` : ''}),
     s as (select v.step, c.track, v.ends - v.starts as days, v.starts, v.ends
             from p, c cross join lateral (values
               ('ORIENTATION_DECIDED', c.rights_opened_on, c.decided_on),
               ('ORIENTATION_NOTIFIED', c.decided_on, c.notified_on),
               ('CONTRACT_SIGNED', c.notified_on, c.contract_on),
               ('FIRST_INTERVIEW', c.notified_on, c.started_on),
               ('FIRST_PARTNER_APPOINTMENT', c.started_on, c.partner_on)) as v(step, starts, ends)
            where v.ends between p.f and p.t and v.ends >= v.starts),
     target(step, days, months) as (values ${targets})
     select s.step, s.track, count(*)::int as counted,
            percentile_cont(0.5) within group (order by s.days)::float8 as median,
            percentile_cont(0.9) within group (order by s.days)::float8 as p90,
            (avg(case when target.months is not null then (s.ends <= (s.starts + make_interval(months => target.months))::date)::int
                      else (s.days <= target.days)::int end)
               filter (where target.days is not null or target.months is not null))::float8 as "withinTarget"
       from s join target on target.step = s.step
      group by grouping sets ((s.step), (s.step, s.track))`,
    [
      period.from,
      period.to,
      filter.departmentCode,
      definition.rightsOpenedFrom,
      ...territoryParams,
      ...Array<string>(4).fill(filter.departmentCode),
      ...params,
      ...targetParams,
    ],
  );
}

/** The orientation tracks' codes, in their order (reference data): every track is listed, zeros included. */
export async function trackCodes(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ code: string }[]>('select code from beneficiaries.orientation_track order by position, code');
  return rows.map((r) => r.code);
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '@passerelles/subgraph-kit';
import { REFERRAL_EXPIRES_AFTER_DAYS } from '../accompaniment/accompaniment.enums.js';

/** Which accompaniments an indicator counts: a Département, optionally narrowed. */
export interface IndicatorFilter {
  departmentCode: string;
  territoryIds: readonly string[] | null;
  programmeId: string | null;
  operatorId: string | null;
}

export interface Period {
  from: string;
  to: string;
}

/** The counts of people of a period (`IndicatorsRepository.people`), its months in order. */
export interface PeopleOfPeriod {
  accompanied: number;
  welcomed: number;
  months: { welcomed: number; active: number }[];
}

/** Months of `people` per statement: one bit each of a bigint, bit 62 meaning « after them ». */
const MONTHS_PER_STATEMENT = 62;

/**
 * The day an accompaniment (`a`) stops counting: its exit, or never while it is open. « Active on
 * D » is `started_on <= D and UNTIL > D`, « accompanied during [F, T] » is `started_on <= T and
 * UNTIL >= F`: one range of `accompaniment_department_until_idx`, read from the index alone
 * (Migration20261212090000), where `ended_on is null or ended_on >= F` is two.
 */
const UNTIL = `coalesce(a.ended_on, 'infinity'::date)`;

/** Whether the scope narrows the Département (a territory, programme or operator). */
const narrowed = (filter: IndicatorFilter): boolean => filter.territoryIds !== null || filter.programmeId !== null || filter.operatorId !== null;

/** The scope as a condition on `a` (beneficiaries.accompaniment) and its parameters. */
function scope(filter: IndicatorFilter): { sql: string; params: unknown[] } {
  const parts = ['a.department_code = ?'];
  const params: unknown[] = [filter.departmentCode];
  if (filter.territoryIds) {
    parts.push('a.territory_id in (?)');
    params.push(filter.territoryIds.length ? [...filter.territoryIds] : ['']);
  }
  if (filter.programmeId) {
    parts.push('a.programme_id = ?');
    params.push(filter.programmeId);
  }
  if (filter.operatorId) {
    parts.push('a.operator_id = ?');
    params.push(filter.operatorId);
  }
  return { sql: parts.join(' and '), params };
}

/**
 * Named aggregate queries of the steering indicators, all in SQL. Definitions (docs/beneficiaries.md):
 * welcomed = distinct people whose accompaniment started (first interview held) in the period;
 * active at a day D = started on or before D and not ended on or before D; duration = end − start
 * of the accompaniments that ended in the period; delay = start − prescription of those that
 * started in the period; adherence = appointments dated in the period, honoured among them.
 */
export class IndicatorsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The counts of people of a period, in one pass over its accompaniments (ADR 0034): people
   * accompanied (started on or before the last day, not ended before the first), people welcomed
   * (an accompaniment started in the period) in it and per month, and people in active caseload on
   * each month's counted day (`months[k].to`, the last day of the month within the period; the last
   * one is the period's end). Each person is one row, with one bit per month: active on that
   * month's day in any of their accompaniments, welcomed in that month. `width_bucket` over the
   * days after the counted ones gives, for a date, how many counted days are before it: an
   * accompaniment [started, until) is active on the days numbered from the count before its start
   * to the count before its end. A bigint holds 62 months (bit 62 marks « after them »): a longer
   * period is read in as many statements as it has 62 months, each with every person again.
   */
  async people(filter: IndicatorFilter, period: Period, months: readonly Period[]): Promise<PeopleOfPeriod> {
    const s = scope(filter);
    const result: PeopleOfPeriod = { accompanied: 0, welcomed: 0, months: months.map(() => ({ welcomed: 0, active: 0 })) };
    for (let first = 0; first < months.length; first += MONTHS_PER_STATEMENT) {
      const window = months.slice(first, first + MONTHS_PER_STATEMENT);
      const after = `{${window.map((m) => addDays(m.to, 1)).join(',')}}`;
      const rows = await this.em.execute<{ k: number; active: number; welcomed: number }[]>(
        `with person as (
           select bit_or((1::int8 << width_bucket(${UNTIL}, ?::date[])) - (1::int8 << width_bucket(a.started_on, ?::date[]))) as active,
                  bit_or(case when a.started_on >= ?::date then 1::int8 << width_bucket(a.started_on, ?::date[]) else 0 end) as welcomed,
                  bool_or(a.started_on >= ?::date) as "welcomedInPeriod"
             from beneficiaries.accompaniment a
            where ${s.sql} and a.started_on <= ?::date and ${UNTIL} >= ?::date
            group by a.beneficiary_id),
         masks as (select active, welcomed, "welcomedInPeriod", count(*) as n from person group by 1, 2, 3)
         select k, coalesce(sum(n) filter (where active & (1::int8 << k) <> 0), 0)::int as active,
                coalesce(sum(n) filter (where welcomed & (1::int8 << k) <> 0), 0)::int as welcomed
           from masks cross join generate_series(0, ? - 1) k group by k
         union all
         select -1, coalesce(sum(n), 0)::int, coalesce(sum(n) filter (where "welcomedInPeriod"), 0)::int from masks`,
        [after, after, window[0]!.from, after, period.from, ...s.params, period.to, period.from, window.length],
      );
      for (const r of rows) {
        if (r.k >= 0) result.months[first + r.k] = { welcomed: r.welcomed, active: r.active };
        else if (first === 0) Object.assign(result, { accompanied: r.active, welcomed: r.welcomed });
      }
    }
    return result;
  }

  /** Mean and median days from start to exit of the accompaniments that ended in the period. */
  async durations(filter: IndicatorFilter, period: Period): Promise<{ mean: number | null; median: number | null }> {
    const s = scope(filter);
    const rows = await this.em.execute<{ mean: number | null; median: number | null }[]>(
      `select avg(a.ended_on - a.started_on)::float8 as mean, percentile_cont(0.5) within group (order by a.ended_on - a.started_on)::float8 as median
         from beneficiaries.accompaniment a where ${s.sql} and a.ended_on between ?::date and ?::date`,
      [...s.params, period.from, period.to],
    );
    return rows[0] ?? { mean: null, median: null };
  }

  /** Days from prescription to first interview of the accompaniments that started in the period. */
  async delays(filter: IndicatorFilter, period: Period): Promise<{ counted: number; mean: number | null; median: number | null; shareUnder30: number | null }> {
    const s = scope(filter);
    const rows = await this.em.execute<{ counted: number; mean: number | null; median: number | null; shareUnder30: number | null }[]>(
      `select count(*)::int as counted, avg(a.started_on - a.prescribed_on)::float8 as mean,
              percentile_cont(0.5) within group (order by a.started_on - a.prescribed_on)::float8 as median,
              avg(case when a.started_on - a.prescribed_on < 30 then 1 else 0 end)::float8 as "shareUnder30"
         from beneficiaries.accompaniment a where ${s.sql} and a.started_on between ?::date and ?::date`,
      [...s.params, period.from, period.to],
    );
    return rows[0] ?? { counted: 0, mean: null, median: null, shareUnder30: null };
  }

  /**
   * Referrals sent in the period from the accompaniments in scope: how many, how many the partner
   * answered (accepted or refused), the median and 90th percentile of days from sending to the
   * answer, and how many expired unanswered (sent more than 30 days before `today`, still SENT).
   */
  async referralDecisions(filter: IndicatorFilter, period: Period, today: string): Promise<{ sent: number; answered: number; expired: number; median: number | null; p90: number | null }> {
    const s = scope(filter);
    const joined = narrowed(filter);
    const rows = await this.em.execute<{ sent: number; answered: number; expired: number; median: number | null; p90: number | null }[]>(
      `select count(*)::int as sent,
              count(r.answered_on)::int as answered,
              count(*) filter (where r.status = 'SENT' and r.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} < ?::date)::int as expired,
              percentile_cont(0.5) within group (order by r.answered_on - r.sent_on) filter (where r.answered_on is not null)::float8 as median,
              percentile_cont(0.9) within group (order by r.answered_on - r.sent_on) filter (where r.answered_on is not null)::float8 as p90
         from beneficiaries.referral r
        where r.department_code = ? and r.sent_on between ?::date and ?::date
          ${joined ? `and exists (select 1 from beneficiaries.accompaniment a where a.id = r.accompaniment_id and ${s.sql})` : ''}`,
      [today, filter.departmentCode, period.from, period.to, ...(joined ? s.params : [])],
    );
    return rows[0] ?? { sent: 0, answered: 0, expired: 0, median: null, p90: null };
  }

  /**
   * Appointments dated in the period whose outcome is recorded (honoured, missed, excused), those
   * honoured, and those of past days still left « planned » (on `today`). Planned appointments to
   * come and cancelled ones count nowhere. A whole Département is read from its tally per day and
   * status (ADR 0033); a narrowed scope from the appointments, joined to the accompaniments.
   */
  async adherence(filter: IndicatorFilter, period: Period, today: string): Promise<{ closed: number; honoured: number; leftOpen: number }> {
    const joined = narrowed(filter);
    if (!joined) return this.adherenceTallied(filter.departmentCode, period, today);
    const s = scope(filter);
    const rows = await this.em.execute<{ closed: number; honoured: number; leftOpen: number }[]>(
      `select count(*) filter (where ap.status in ('HONOURED', 'MISSED', 'EXCUSED'))::int as closed,
              count(*) filter (where ap.status = 'HONOURED')::int as honoured,
              count(*) filter (where ap.status = 'PLANNED' and ap.scheduled_on < ?::date)::int as "leftOpen"
         from beneficiaries.appointment ap
        where ap.department_code = ? and ap.scheduled_on between ?::date and ?::date
          ${joined ? `and exists (select 1 from beneficiaries.accompaniment a where a.id = ap.accompaniment_id and ${s.sql})` : ''}`,
      [today, filter.departmentCode, period.from, period.to, ...(joined ? s.params : [])],
    );
    return rows[0] ?? { closed: 0, honoured: 0, leftOpen: 0 };
  }

  /** `adherence` of a whole Département, from `beneficiaries.appointment_tally` (the same figures: appointment-tally.test.ts). */
  async adherenceTallied(departmentCode: string, period: Period, today: string): Promise<{ closed: number; honoured: number; leftOpen: number }> {
    const rows = await this.em.execute<{ closed: number; honoured: number; leftOpen: number }[]>(
      `select coalesce(sum(t.n) filter (where t.status in ('HONOURED', 'MISSED', 'EXCUSED')), 0)::int as closed,
              coalesce(sum(t.n) filter (where t.status = 'HONOURED'), 0)::int as honoured,
              coalesce(sum(t.n) filter (where t.status = 'PLANNED' and t.scheduled_on < ?::date), 0)::int as "leftOpen"
         from beneficiaries.appointment_tally t
        where t.department_code = ? and t.scheduled_on between ?::date and ?::date`,
      [today, departmentCode, period.from, period.to],
    );
    return rows[0] ?? { closed: 0, honoured: 0, leftOpen: 0 };
  }

  /**
   * Exits per month of the period: counted per day first (a date groups cheaply), then the few
   * hundred days per month (`date_trunc` on each exit cast it to a timestamp with time zone: twice
   * the time at 160 000 people).
   */
  exitsByMonth(filter: IndicatorFilter, period: Period): Promise<{ month: string; count: number }[]> {
    const s = scope(filter);
    return this.em.execute(
      `select to_char(x.day, 'YYYY-MM') as month, sum(x.n)::int as count from (
         select a.ended_on as day, count(*) as n from beneficiaries.accompaniment a
          where ${s.sql} and a.ended_on between ?::date and ?::date group by 1) x
        group by 1`,
      [...s.params, period.from, period.to],
    );
  }

  /** Exits in the period per reason (reasons with no exit are absent). */
  exitsByReason(filter: IndicatorFilter, period: Period): Promise<{ reason: string; count: number }[]> {
    const s = scope(filter);
    return this.em.execute(
      `select coalesce(a.exit_reason, 'OTHER') as reason, count(*)::int as count from beneficiaries.accompaniment a
        where ${s.sql} and a.ended_on between ?::date and ?::date group by 1`,
      [...s.params, period.from, period.to],
    );
  }

  /** Exits in the period per territory and reason, over every territory of the scope (cross-territory suppression needs every cell). */
  exitsByTerritoryAndReason(filter: IndicatorFilter, period: Period): Promise<{ territoryId: string | null; reason: string; count: number }[]> {
    const s = scope(filter);
    return this.em.execute(
      `select a.territory_id as "territoryId", coalesce(a.exit_reason, 'OTHER') as reason, count(*)::int as count from beneficiaries.accompaniment a
        where ${s.sql} and a.ended_on between ?::date and ?::date group by 1, 2`,
      [...s.params, period.from, period.to],
    );
  }

  /**
   * Per territory, in one pass over the accompaniments of the period: people welcomed (started in
   * it), accompanied (during it) and in active caseload on its last day — the definitions above.
   * Each person of a territory is one row first (one grouping, not one sort per distinct count).
   */
  peopleByTerritory(filter: IndicatorFilter, period: Period): Promise<{ territoryId: string | null; welcomed: number; accompanied: number; active: number }[]> {
    const s = scope(filter);
    return this.em.execute(
      `select "territoryId", count(*) filter (where welcomed)::int as welcomed, count(*)::int as accompanied, count(*) filter (where active)::int as active
         from (select a.territory_id as "territoryId", a.beneficiary_id,
                      bool_or(a.started_on >= ?::date) as welcomed, bool_or(${UNTIL} > ?::date) as active
                 from beneficiaries.accompaniment a
                where ${s.sql} and a.started_on <= ?::date and ${UNTIL} >= ?::date
                group by a.territory_id, a.beneficiary_id) people
        group by "territoryId"`,
      [period.from, period.to, ...s.params, period.to, period.from],
    );
  }

  /** The territories of a Département (reference data), or only the given ones, by name. */
  territories(departmentCode: string, territoryIds: readonly string[] | null): Promise<{ id: string }[]> {
    return this.em.execute(
      `select t.id from ref.territory t where t.department_code = ? ${territoryIds ? 'and t.id in (?)' : ''} order by t.name, t.id`,
      territoryIds ? [departmentCode, territoryIds.length ? [...territoryIds] : ['']] : [departmentCode],
    );
  }

  /** People welcomed (started) in the period per territory, for the whole Département. */
  welcomedByTerritory(departmentCode: string, period: Period): Promise<{ territoryId: string | null; count: number }[]> {
    return this.em.execute(
      `select territory_id as "territoryId", count(distinct beneficiary_id)::int as count from beneficiaries.accompaniment
        where department_code = ? and started_on between ?::date and ?::date group by territory_id`,
      [departmentCode, period.from, period.to],
    );
  }

  /**
   * People accompanied at some point of the period, per psychological difficulty type. The people
   * are grouped by their set of difficulties first (a few hundred sets): each set is then unnested
   * once, not each person's (a sort of one row per person and difficulty, 12 % of the statement).
   */
  difficulties(filter: IndicatorFilter, period: Period): Promise<{ difficulty: string; count: number }[]> {
    const s = scope(filter);
    return this.em.execute(
      `select d as difficulty, sum(people.n)::int as count
         from (select b.psychological_difficulties as difficulties, count(*) as n
                 from beneficiaries.beneficiary b
                where b.department_code = ? and b.psychological_difficulties <> '{}'
                  and exists (select 1 from beneficiaries.accompaniment a
                               where a.beneficiary_id = b.id and ${s.sql} and a.started_on <= ?::date and ${UNTIL} >= ?::date)
                group by 1) people
        cross join lateral unnest(people.difficulties) d
        group by d`,
      [filter.departmentCode, ...s.params, period.to, period.from],
    );
  }
}

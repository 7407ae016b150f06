import type { EntityManager } from '@mikro-orm/postgresql';

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

export interface ScalarIndicators {
  welcomed: number;
  active: number;
  durationMean: number | null;
  durationMedian: number | null;
  startedCount: number;
  delayMean: number | null;
  delayMedian: number | null;
  delayShareUnder30: number | null;
  planned: number;
  honoured: number;
}

export interface MonthRow {
  month: string;
  welcomed: number;
  active: number;
  exits: number;
}

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

  async scalars(filter: IndicatorFilter, period: Period): Promise<ScalarIndicators> {
    const s = scope(filter);
    const rows = await this.em.execute<Record<string, string | number | null>[]>(
      `with p as (select ?::date as f, ?::date as t),
       s as (select a.* from beneficiaries.accompaniment a where ${s.sql}),
       started as (select s.* from s, p where s.started_on between p.f and p.t),
       ended as (select s.* from s, p where s.ended_on between p.f and p.t),
       ap as (select ap.status from beneficiaries.appointment ap join s on s.id = ap.accompaniment_id, p
               where ap.department_code = ? and ap.scheduled_on between p.f and p.t)
       select
         (select count(distinct beneficiary_id) from started)::int as welcomed,
         (select count(distinct beneficiary_id) from s, p where s.started_on <= p.t and (s.ended_on is null or s.ended_on > p.t))::int as active,
         (select avg(ended_on - started_on)::float8 from ended) as "durationMean",
         (select percentile_cont(0.5) within group (order by ended_on - started_on)::float8 from ended) as "durationMedian",
         (select count(*) from started)::int as "startedCount",
         (select avg(started_on - prescribed_on)::float8 from started) as "delayMean",
         (select percentile_cont(0.5) within group (order by started_on - prescribed_on)::float8 from started) as "delayMedian",
         (select avg(case when started_on - prescribed_on < 30 then 1 else 0 end)::float8 from started) as "delayShareUnder30",
         (select count(*) from ap)::int as planned,
         (select count(*) from ap where status = 'HONOURED')::int as honoured`,
      [period.from, period.to, ...s.params, filter.departmentCode],
    );
    const r = rows[0]!;
    const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
    return {
      welcomed: Number(r.welcomed),
      active: Number(r.active),
      durationMean: num(r.durationMean),
      durationMedian: num(r.durationMedian),
      startedCount: Number(r.startedCount),
      delayMean: num(r.delayMean),
      delayMedian: num(r.delayMedian),
      delayShareUnder30: num(r.delayShareUnder30),
      planned: Number(r.planned),
      honoured: Number(r.honoured),
    };
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

  /** Exits in the period per territory and reason, for the whole Département (cross-territory suppression needs every cell). */
  exitsByTerritoryAndReason(departmentCode: string, period: Period): Promise<{ territoryId: string | null; reason: string; count: number }[]> {
    return this.em.execute(
      `select territory_id as "territoryId", coalesce(exit_reason, 'OTHER') as reason, count(*)::int as count from beneficiaries.accompaniment
        where department_code = ? and ended_on between ?::date and ?::date group by 1, 2`,
      [departmentCode, period.from, period.to],
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

  /** People accompanied at some point of the period, per psychological difficulty type. */
  difficulties(filter: IndicatorFilter, period: Period): Promise<{ difficulty: string; count: number }[]> {
    const s = scope(filter);
    return this.em.execute(
      `with people as (
         select distinct a.beneficiary_id from beneficiaries.accompaniment a
          where ${s.sql} and a.started_on <= ?::date and (a.ended_on is null or a.ended_on >= ?::date))
       select d as difficulty, count(*)::int as count
         from people join beneficiaries.beneficiary b on b.id = people.beneficiary_id and b.department_code = ?
         cross join lateral unnest(b.psychological_difficulties) d
        group by d`,
      [...s.params, period.to, period.from, filter.departmentCode],
    );
  }

  /** Per calendar month of the period (clipped to it): people welcomed, active at the month's last day, exits. */
  monthly(filter: IndicatorFilter, period: Period): Promise<MonthRow[]> {
    const s = scope(filter);
    return this.em.execute(
      `with p as (select ?::date as f, ?::date as t),
       s as (select a.beneficiary_id, a.started_on, a.ended_on from beneficiaries.accompaniment a where ${s.sql}),
       m as (select to_char(g, 'YYYY-MM') as month, greatest(g::date, p.f) as ms, least((g + interval '1 month' - interval '1 day')::date, p.t) as me
               from p, generate_series(date_trunc('month', p.f), date_trunc('month', p.t), interval '1 month') g)
       select m.month,
              (select count(distinct beneficiary_id) from s where s.started_on between m.ms and m.me)::int as welcomed,
              (select count(distinct beneficiary_id) from s where s.started_on <= m.me and (s.ended_on is null or s.ended_on > m.me))::int as active,
              (select count(*) from s where s.ended_on between m.ms and m.me)::int as exits
         from m order by m.month`,
      [period.from, period.to, ...s.params],
    );
  }
}

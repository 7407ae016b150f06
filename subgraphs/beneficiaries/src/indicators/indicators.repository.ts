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

  /**
   * Per calendar month of the period (clipped to it): people welcomed, active at the month's last
   * day, exits. Linear in the rows: each person's accompaniments are merged into disjoint spans
   * (gaps and islands), so the active caseload is a running sum of span starts and ends.
   */
  monthly(filter: IndicatorFilter, period: Period): Promise<MonthRow[]> {
    const s = scope(filter);
    return this.em.execute(
      `with p as (select ?::date as f, ?::date as t),
       s as (select a.beneficiary_id, a.started_on, a.ended_on from beneficiaries.accompaniment a, p where ${s.sql} and a.started_on <= p.t),
       m as (select to_char(g, 'YYYY-MM') as month from p, generate_series(date_trunc('month', p.f), date_trunc('month', p.t), interval '1 month') g),
       ordered as (
         select beneficiary_id, started_on, ended_on,
                max(coalesce(ended_on, 'infinity'::date)) over (partition by beneficiary_id order by started_on, ended_on nulls last
                                                                rows between unbounded preceding and 1 preceding) as prev_end
           from s),
       marked as (
         select beneficiary_id, started_on, ended_on,
                sum(case when prev_end is null or prev_end <= started_on then 1 else 0 end)
                  over (partition by beneficiary_id order by started_on, ended_on nulls last rows unbounded preceding) as island
           from ordered),
       spans as (select min(started_on) as d_start, max(coalesce(ended_on, 'infinity'::date)) as d_end from marked group by beneficiary_id, island),
       events as (select d_start as d, 1 as delta from spans
                  union all select d_end, -1 from spans, p where d_end <= p.t),
       bucketed as (select greatest(to_char(d, 'YYYY-MM'), (select min(month) from m)) as month, sum(delta) as delta from events group by 1),
       active as (select m.month, sum(coalesce(b.delta, 0)) over (order by m.month) as n from m left join bucketed b on b.month = m.month),
       welcomed as (select to_char(started_on, 'YYYY-MM') as month, count(distinct beneficiary_id) as n from s, p where s.started_on >= p.f group by 1),
       exits as (select to_char(ended_on, 'YYYY-MM') as month, count(*) as n from s, p where s.ended_on between p.f and p.t group by 1)
       select m.month, coalesce(w.n, 0)::int as welcomed, coalesce(a.n, 0)::int as active, coalesce(e.n, 0)::int as exits
         from m left join welcomed w on w.month = m.month left join active a on a.month = m.month left join exits e on e.month = m.month
        order by m.month`,
      [period.from, period.to, ...s.params],
    );
  }
}

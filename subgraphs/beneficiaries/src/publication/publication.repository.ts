import type { EntityManager } from '@mikro-orm/postgresql';
import { leafKey, type StoredPublication } from '@passerelles/subgraph-kit';

interface PublicationRow {
  department_code: string;
  as_of: string;
  computed_at: Date | string;
  grid: StoredPublication['grid'];
  first_month: string | null;
  shown: Record<string, number>;
  hidden: StoredPublication['hidden'];
  tried: StoredPublication['tried'];
  report: StoredPublication['report'];
}

/** The leaves of a Département's publication and the stored publications themselves. */
export class PublicationRepository {
  constructor(private readonly em: EntityManager) {}

  /** Départements with at least one accompaniment started (those the job publishes). */
  async departments(): Promise<string[]> {
    const rows = await this.em.execute<{ code: string }[]>('select distinct department_code as code from beneficiaries.accompaniment where started_on is not null order by 1');
    return rows.map((r) => r.code);
  }

  /**
   * Accompaniments started, and ended per reason, per territory × programme × operator × month,
   * up to `asOf` (an exit after it is not known yet): the leaves of `LinkedPublication`. A
   * territory unknown is ''.
   */
  async leaves(departmentCode: string, asOf: string): Promise<Map<string, number>> {
    const rows = await this.em.execute<{ kind: 'S' | 'X'; territory: string; programme: string; operator: string; month: string; reason: string | null; n: number }[]>(
      `select 'S' as kind, coalesce(territory_id, '') as territory, programme_id::text as programme, operator_id::text as operator, to_char(started_on, 'YYYY-MM') as month, null as reason, count(*)::int as n
         from beneficiaries.accompaniment where department_code = ? and started_on <= ?::date group by 2, 3, 4, 5
       union all
       select 'X', coalesce(territory_id, ''), programme_id::text, operator_id::text, to_char(ended_on, 'YYYY-MM'), exit_reason, count(*)::int
         from beneficiaries.accompaniment where department_code = ? and started_on <= ?::date and ended_on <= ?::date group by 2, 3, 4, 5, 6`,
      [departmentCode, asOf, departmentCode, asOf, asOf],
    );
    return new Map(rows.map((r) => [leafKey(r.kind, r.territory, r.programme, r.operator, r.month, r.reason ?? ''), r.n]));
  }

  /** The Département's territories (reference data). */
  async territories(departmentCode: string): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>('select id from ref.territory where department_code = ? order by id', [departmentCode]);
    return rows.map((r) => r.id);
  }

  /** Replaces the Département's publication. */
  async save(p: StoredPublication): Promise<void> {
    await this.em.execute(
      `insert into beneficiaries.publication (department_code, as_of, computed_at, grid, first_month, shown, hidden, tried, report)
       values (?, ?::date, ?::timestamptz, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)
       on conflict (department_code) do update set as_of = excluded.as_of, computed_at = excluded.computed_at, grid = excluded.grid, first_month = excluded.first_month,
         shown = excluded.shown, hidden = excluded.hidden, tried = excluded.tried, report = excluded.report`,
      [p.departmentCode, p.asOf, p.computedAt, JSON.stringify(p.grid), p.firstMonth, JSON.stringify(p.shown), JSON.stringify(p.hidden), JSON.stringify(p.tried), JSON.stringify(p.report)],
    );
  }

  async find(departmentCode: string): Promise<StoredPublication | null> {
    const rows = await this.em.execute<PublicationRow[]>(`select department_code, to_char(as_of, 'YYYY-MM-DD') as as_of, computed_at, grid, first_month, shown, hidden, tried, report
         from beneficiaries.publication where department_code = ?`, [departmentCode]);
    const r = rows[0];
    if (!r) return null;
    return {
      departmentCode: r.department_code,
      asOf: r.as_of,
      computedAt: new Date(r.computed_at).toISOString(),
      grid: r.grid,
      firstMonth: r.first_month,
      shown: r.shown,
      hidden: r.hidden,
      tried: r.tried,
      report: r.report,
    };
  }
}

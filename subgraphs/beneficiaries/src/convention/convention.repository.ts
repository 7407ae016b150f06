import type { EntityManager } from '@mikro-orm/postgresql';

/** What an active caseload counts: the people of some conventions on a day, in some territories (null: all). */
export interface CaseloadScope {
  key: string;
  date: string;
  territoryIds: readonly string[] | null;
  conventionIds: readonly string[];
}

export class ConventionCaseloadRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The active caseload of each scope, in one statement: distinct people with an accompaniment
   * under one of its conventions started on or before its day and not ended on or before it (the
   * same rule as the indicators' « file active »), in its territories when narrowed.
   */
  async activeAt(departmentCode: string, scopes: readonly CaseloadScope[]): Promise<Map<string, number>> {
    const rows = scopes.flatMap((s) => s.conventionIds.map((conventionId) => ({ key: s.key, day: s.date, conventionId, territories: s.territoryIds === null ? null : [...s.territoryIds] })));
    if (rows.length === 0) return new Map();
    // ISO days order as strings: the earliest and latest days asked bound the accompaniments read,
    // a range of `accompaniment_department_until_idx` (not the Département's whole history).
    const days = rows.map((r) => r.day).sort();
    const scoped = `jsonb_to_recordset(?::jsonb) as k(key text, day date, "conventionId" uuid, territories text[])
         join beneficiaries.accompaniment a
           on a.department_code = ? and coalesce(a.ended_on, 'infinity'::date) > ?::date and a.started_on <= ?::date
          and a.convention_id = k."conventionId"
          and (k.territories is null or a.territory_id = any(k.territories))`;
    // One day for every scope (the Pilotage page's, a convention's today): the range read is that
    // day, nothing is left to test per scope, and each person is grouped once per scope by a hash
    // (13 territories at 160 000 people: 21 → 14 ms). Several days (conventions' closing days):
    // each scope's day is tested in the join, whose default selectivity makes the planner expect
    // a hundred rows and sort — cheaper there than hashing every accompaniment of the whole range.
    const oneDay = days[0] === days[days.length - 1];
    const counts: { key: string; n: number }[] = await this.em.execute(
      oneDay
        ? `select key, count(*)::int as n from (select k.key, a.beneficiary_id from ${scoped} group by 1, 2) people group by key`
        : `select k.key, count(distinct a.beneficiary_id)::int as n from ${scoped}
              and a.started_on <= k.day and coalesce(a.ended_on, 'infinity'::date) > k.day
            group by k.key`,
      [JSON.stringify(rows), departmentCode, days[0], days[days.length - 1]],
    );
    return new Map(counts.map((c) => [c.key, Number(c.n)]));
  }

  /** Distinct people ever accompanied (accompaniment started) under each convention. */
  async accompaniedBy(departmentCode: string, conventionIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { convention_id: string; people: string }[] = await this.em.execute(
      `select convention_id, count(distinct beneficiary_id) as people
         from beneficiaries.accompaniment
        where department_code = ? and convention_id in (?) and started_on is not null
        group by convention_id`,
      [departmentCode, [...conventionIds]],
    );
    return new Map(rows.map((r) => [r.convention_id, Number(r.people)]));
  }
}

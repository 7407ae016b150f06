import type { EntityManager } from '@mikro-orm/postgresql';

export interface PlacesShare {
  conventionId: string;
  territoryPlaces: number;
  conventionPlaces: number;
}

export class CommitmentRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Amount committed to each group of convention shares, prorated by places: a convention's
   * commitment counts for a territory in proportion of the places it holds there. Rounded to the
   * cent per (group, convention) pair, in SQL.
   */
  async proratedTotals(departmentCode: string, groups: readonly (readonly PlacesShare[])[]): Promise<number[]> {
    const flat = groups.flatMap((shares, group) => shares.map((s) => ({ group, ...s })));
    if (flat.length === 0) return groups.map(() => 0);
    const rows: { grp: number; total: string }[] = await this.em.execute(
      `select s.grp, coalesce(sum(round(c.amount_cents::numeric * s.territory_places / s.convention_places)), 0) as total
         from jsonb_to_recordset(?::jsonb) as s(grp int, "conventionId" uuid, territory_places int, convention_places int)
         join funding.funding_commitment c on c.convention_id = s."conventionId" and c.department_code = ?
        where s.convention_places > 0
        group by s.grp`,
      [
        JSON.stringify(flat.map((f) => ({ grp: f.group, conventionId: f.conventionId, territory_places: f.territoryPlaces, convention_places: f.conventionPlaces }))),
        departmentCode,
      ],
    );
    const totals = groups.map(() => 0);
    for (const row of rows) totals[row.grp] = Number(row.total);
    return totals;
  }

  totalsByProgramme(departmentCode: string, programmeIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select programme_id as key, sum(amount_cents) as count from funding.funding_commitment
        where department_code = ? and programme_id in (?) group by programme_id`,
      [departmentCode, [...programmeIds]],
    );
  }

  async totalInYear(departmentCode: string, budgetYear: number): Promise<number> {
    const rows: { cents: string | null }[] = await this.em.execute(
      `select sum(amount_cents) as cents from funding.funding_commitment where department_code = ? and budget_year = ?`,
      [departmentCode, budgetYear],
    );
    return Number(rows[0]?.cents ?? 0);
  }

  /** Paid per programme: payments of the conventions the programme funds. */
  paidByProgramme(departmentCode: string, programmeIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select c.programme_id as key, sum(p.amount_cents) as count
         from (select distinct programme_id, convention_id from funding.funding_commitment where department_code = ? and programme_id in (?)) c
         join funding.payment p on p.department_code = ? and p.convention_id = c.convention_id and p.status = 'PAID'
        group by c.programme_id`,
      [departmentCode, [...programmeIds], departmentCode],
    );
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';

export class CommitmentRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Money committed to the conventions in force on `on` that serve each territory, prorated by the
   * places each holds there (funding's copy of contracts' places, ADR 0028): a convention's
   * commitment counts for a territory in proportion of the places it holds there, rounded to the
   * cent per commitment, in SQL. One statement for all the territories.
   */
  committedByTerritory(departmentCode: string, territoryIds: readonly string[], on: string): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select tp.territory_id as key, sum(round(c.amount_cents::numeric * tp.places / cp.places)) as count
         from funding.convention_territory_places tp
         join funding.convention_places cp on cp.department_code = tp.department_code and cp.convention_id = tp.convention_id
         join funding.funding_commitment c on c.department_code = tp.department_code and c.convention_id = tp.convention_id
        where tp.department_code = ? and tp.territory_id in (?) and cp.starts_on <= ?::date and cp.ends_on >= ?::date and cp.places > 0
        group by tp.territory_id`,
      [departmentCode, [...territoryIds], on, on],
    );
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

import type { EntityManager } from '@mikro-orm/postgresql';

export interface ConventionCaseload {
  conventionId: string;
  activeCaseload: number;
  peopleAccompanied: number;
}

export class ConventionCaseloadRepository {
  constructor(private readonly em: EntityManager) {}

  /** Per convention: people with an accompaniment started and not ended, and distinct people ever accompanied. */
  async byConventions(departmentCode: string, conventionIds: readonly string[]): Promise<ConventionCaseload[]> {
    const rows: { convention_id: string; active: string; people: string }[] = await this.em.execute(
      `select convention_id,
              count(distinct beneficiary_id) filter (where started_on is not null and ended_on is null) as active,
              count(distinct beneficiary_id) filter (where started_on is not null) as people
         from beneficiaries.accompaniment
        where department_code = ? and convention_id in (?)
        group by convention_id`,
      [departmentCode, [...conventionIds]],
    );
    return rows.map((r) => ({ conventionId: r.convention_id, activeCaseload: Number(r.active), peopleAccompanied: Number(r.people) }));
  }
}

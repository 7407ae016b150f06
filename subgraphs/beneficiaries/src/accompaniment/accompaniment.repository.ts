import type { EntityManager } from '@mikro-orm/postgresql';
import { ACCOMPANIMENT_COLUMNS, type AccompanimentRecord } from './accompaniment.record.js';

export class AccompanimentRepository {
  constructor(private readonly em: EntityManager) {}

  byId(departmentCode: string, id: string): Promise<AccompanimentRecord | undefined> {
    return this.em
      .execute<AccompanimentRecord[]>(`select ${ACCOMPANIMENT_COLUMNS} from beneficiaries.accompaniment a where a.department_code = ? and a.id = ?`, [departmentCode, id])
      .then((rows) => rows[0]);
  }

  /** Accompaniments of the given people, in one query (callers have already checked who may see them). */
  byBeneficiaries(departmentCode: string, beneficiaryIds: readonly string[]): Promise<AccompanimentRecord[]> {
    return this.em.execute(
      `select ${ACCOMPANIMENT_COLUMNS} from beneficiaries.accompaniment a where a.department_code = ? and a.beneficiary_id in (?) order by a.prescribed_on, a.id`,
      [departmentCode, [...beneficiaryIds]],
    );
  }

  hasOpen(departmentCode: string, beneficiaryId: string, programmeId: string): Promise<boolean> {
    return this.em
      .execute<{ n: number }[]>(
        `select count(*)::int as n from beneficiaries.accompaniment where department_code = ? and beneficiary_id = ? and programme_id = ? and ended_on is null`,
        [departmentCode, beneficiaryId, programmeId],
      )
      .then((rows) => (rows[0]?.n ?? 0) > 0);
  }

  /** People currently accompanied (started, not ended) under each convention. */
  activeCaseloadByConvention(departmentCode: string, conventionIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select convention_id as key, count(distinct beneficiary_id) as count from beneficiaries.accompaniment
        where department_code = ? and convention_id in (?) and started_on is not null and ended_on is null group by convention_id`,
      [departmentCode, [...conventionIds]],
    );
  }
}

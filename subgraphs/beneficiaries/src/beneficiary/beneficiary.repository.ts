import type { EntityManager } from '@mikro-orm/postgresql';
import { BeneficiaryEntity, type Beneficiary } from './beneficiary.entity.js';

export class BeneficiaryRepository {
  constructor(private readonly em: EntityManager) {}

  byIds(departmentCode: string, ids: readonly string[]): Promise<Beneficiary[]> {
    return this.em.find(BeneficiaryEntity, { departmentCode, id: { $in: [...ids] } });
  }

  /** People with an accompaniment started and not ended, per territory of the accompaniment. */
  activeCaseloadByTerritory(departmentCode: string, territoryIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select territory_id as key, count(distinct beneficiary_id) as count
         from beneficiaries.accompaniment
        where department_code = ? and territory_id in (?) and started_on is not null and ended_on is null
        group by territory_id`,
      [departmentCode, [...territoryIds]],
    );
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { TerritoryEntity, type Territory } from './territory.entity.js';

/** Named queries on territories (reference data, scoped by Département). */
export class TerritoryRepository {
  constructor(private readonly em: EntityManager) {}

  inDepartment(departmentCode: string): Promise<Territory[]> {
    return this.em.find(TerritoryEntity, { departmentCode }, { orderBy: { name: 'asc' } });
  }

  byIds(departmentCode: string, ids: readonly string[]): Promise<Territory[]> {
    return this.em.find(TerritoryEntity, { departmentCode, id: { $in: [...ids] } });
  }

  communeCounts(departmentCode: string, ids: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select territory_id as key, count(*) as count from ref.territory_commune
        where department_code = ? and territory_id in (?) group by territory_id`,
      [departmentCode, [...ids]],
    );
  }
}

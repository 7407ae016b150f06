import type { EntityManager } from '@mikro-orm/postgresql';
import { ProgrammeEntity, type Programme } from './programme.entity.js';

export class ProgrammeRepository {
  constructor(private readonly em: EntityManager) {}

  byIds(departmentCode: string, ids: readonly string[]): Promise<Programme[]> {
    return this.em.find(ProgrammeEntity, { departmentCode, id: { $in: [...ids] } });
  }

  inDepartment(departmentCode: string): Promise<Programme[]> {
    return this.em.find(ProgrammeEntity, { departmentCode }, { orderBy: { name: 'asc' } });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { DepartmentEntity, type Department } from './department.entity.js';

export class DepartmentRepository {
  constructor(private readonly em: EntityManager) {}

  byCodes(codes: readonly string[]): Promise<Department[]> {
    return this.em.find(DepartmentEntity, { code: { $in: [...codes] } });
  }
}

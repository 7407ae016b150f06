import type { EntityManager } from '@mikro-orm/postgresql';
import { PermanenceEntity, type Permanence } from './permanence.entity.js';

/** Named queries on permanences. */
export class PermanenceRepository {
  constructor(private readonly em: EntityManager) {}

  ofServices(departmentCode: string, serviceIds: readonly string[]): Promise<Permanence[]> {
    return this.em.find(PermanenceEntity, { departmentCode, serviceId: { $in: [...serviceIds] } }, { orderBy: [{ placeName: 'asc' }, { id: 'asc' }] });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { PartnerEntity, type Partner } from './partner.entity.js';

/** Named queries on partner structures. */
export class PartnerRepository {
  constructor(private readonly em: EntityManager) {}

  byIds(departmentCode: string, ids: readonly string[]): Promise<Partner[]> {
    return this.em.find(PartnerEntity, { departmentCode, id: { $in: [...ids] } });
  }

  /** A page in (name, id) order, after the given position. */
  page(departmentCode: string, first: number, after: { name: string; id: string } | null): Promise<Partner[]> {
    const where = after
      ? { departmentCode, $or: [{ name: { $gt: after.name } }, { name: after.name, id: { $gt: after.id } }] }
      : { departmentCode };
    return this.em.find(PartnerEntity, where, { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: first });
  }

  countsByTerritory(departmentCode: string, territoryIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select tc.territory_id as key, count(*) as count
         from partners.partner p
         join ref.territory_commune tc on tc.department_code = p.department_code and tc.commune_code = p.commune_code
        where p.department_code = ? and tc.territory_id in (?)
        group by tc.territory_id`,
      [departmentCode, [...territoryIds]],
    );
  }
}

/** Listings of a Département whose freshness date is before `before` (ISO date), oldest first. */
export function staleQuery(em: EntityManager, departmentCode: string, before: string): Promise<Partner[]> {
  return em.find(PartnerEntity, { departmentCode, archivedAt: null, listingUpdatedOn: { $lt: before } }, { orderBy: [{ listingUpdatedOn: 'asc' }, { id: 'asc' }] });
}

/** Whether a commune code exists in the reference geography. */
export async function communeExists(em: EntityManager, code: string): Promise<boolean> {
  const rows: unknown[] = await em.execute('select 1 from ref.commune where code = ?', [code]);
  return rows.length > 0;
}

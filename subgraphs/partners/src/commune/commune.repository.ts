import type { EntityManager } from '@mikro-orm/postgresql';
import { CommuneEntity, type Commune } from './commune.entity.js';

/** Named queries on communes (reference data). */
export class CommuneRepository {
  constructor(private readonly em: EntityManager) {}

  byCodes(departmentCode: string, codes: readonly string[]): Promise<Commune[]> {
    return this.em.find(CommuneEntity, { departmentCode, code: { $in: [...codes] } });
  }

  /**
   * Communes of a Département whose name starts with the text, accents, case, hyphens and
   * apostrophes ignored (« saint omer » finds Saint-Omer); exact names first, then by name.
   */
  byNamePrefix(departmentCode: string, text: string, limit: number): Promise<Commune[]> {
    const folded = `regexp_replace(partners.f_unaccent(lower(c.name)), '[^a-z0-9]+', ' ', 'g')`;
    return this.em.execute(
      `select c.code, c.name, c.department_code as "departmentCode", c.epci_code as "epciCode", c.population, c.latitude, c.longitude
         from ref.commune c, (select trim(regexp_replace(partners.f_unaccent(lower(?)), '[^a-z0-9]+', ' ', 'g')) as t) q
        where c.department_code = ? and q.t <> '' and ${folded} like q.t || '%'
        order by (${folded} = q.t) desc, c.name, c.code
        limit ?`,
      [text, departmentCode, limit],
    );
  }

  /** Communes of the given territories, with the territory id, by name. */
  ofTerritories(departmentCode: string, territoryIds: readonly string[]): Promise<(Commune & { territory_id: string })[]> {
    return this.em.execute(
      `select tc.territory_id, c.code, c.name, c.department_code as "departmentCode", c.epci_code as "epciCode", c.population, c.latitude, c.longitude
         from ref.territory_commune tc join ref.commune c on c.code = tc.commune_code
        where tc.department_code = ? and tc.territory_id in (?) order by c.name, c.code`,
      [departmentCode, [...territoryIds]],
    );
  }

  populations(departmentCode: string, territoryIds: readonly string[]): Promise<{ key: string; count: string | null }[]> {
    return this.em.execute(
      `select tc.territory_id as key, sum(c.population) as count
         from ref.territory_commune tc join ref.commune c on c.code = tc.commune_code
        where tc.department_code = ? and tc.territory_id in (?) group by tc.territory_id`,
      [departmentCode, [...territoryIds]],
    );
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { ConventionEntity, type Convention } from './convention.entity.js';

export interface TerritoryConventionPlaces {
  territoryId: string;
  conventionId: string;
  territoryPlaces: number;
  conventionPlaces: number;
}

export class ConventionRepository {
  constructor(private readonly em: EntityManager) {}

  byIds(departmentCode: string, ids: readonly string[]): Promise<Convention[]> {
    return this.em.find(ConventionEntity, { departmentCode, id: { $in: [...ids] } });
  }

  /** Places of the conventions in force on `on`, per territory they serve. */
  async placesInForce(departmentCode: string, territoryIds: readonly string[], on: string): Promise<TerritoryConventionPlaces[]> {
    const rows: { territory_id: string; convention_id: string; territory_places: number; convention_places: number }[] =
      await this.em.execute(
        `select ct.territory_id, ct.convention_id, ct.places as territory_places, c.places as convention_places
           from contracts.convention_territory ct
           join contracts.convention c on c.id = ct.convention_id
          where ct.department_code = ? and ct.territory_id in (?) and c.starts_on <= ?::date and c.ends_on >= ?::date
          order by ct.territory_id, ct.convention_id`,
        [departmentCode, [...territoryIds], on, on],
      );
    return rows.map((r) => ({
      territoryId: r.territory_id,
      conventionId: r.convention_id,
      territoryPlaces: Number(r.territory_places),
      conventionPlaces: Number(r.convention_places),
    }));
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConventionAccess } from '../convention/convention.repository.js';

export interface ConventionScope {
  programmeId: string | null;
  operatorId: string | null;
  territoryId: string | null;
}

/** One convention's places in one territory (`territoryId` null for a convention serving no territory yet). */
export interface PlacesRow {
  conventionId: string;
  territoryId: string | null;
  territoryPlaces: number;
  conventionPlaces: number;
  inForceAtEnd: boolean;
}

export class ConventionIndicatorsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The places of the conventions in force at some day of the period, per convention and territory
   * served (one statement; a few rows per convention). A territory-limited caller, or a territory
   * scope, keeps only those territories' places.
   */
  async placesOfPeriod(access: ConventionAccess, scope: ConventionScope, from: string, to: string): Promise<PlacesRow[]> {
    const parts = ['c.department_code = ?', 'c.starts_on <= ?::date', 'c.ends_on >= ?::date'];
    const params: unknown[] = [access.departmentCode, to, from];
    const where = (condition: string, value: unknown): void => {
      parts.push(condition);
      params.push(value);
    };
    if (access.operatorId !== undefined) where('c.operator_id = ?', access.operatorId);
    if (scope.operatorId) where('c.operator_id = ?', scope.operatorId);
    if (scope.programmeId) where('c.programme_id = ?', scope.programmeId);
    if (access.territoryIds && access.territoryIds.length > 0) where('ct.territory_id in (?)', [...access.territoryIds]);
    if (scope.territoryId !== null) where('ct.territory_id = ?', scope.territoryId);
    // Narrowed to territories: only the places held there; otherwise conventions serving none count too.
    const narrowed = (access.territoryIds?.length ?? 0) > 0 || scope.territoryId !== null;
    const rows: { convention_id: string; territory_id: string | null; territory_places: number; convention_places: number; in_force_at_end: boolean }[] = await this.em.execute(
      `select c.id as convention_id, ct.territory_id, coalesce(ct.places, c.places) as territory_places, c.places as convention_places, c.ends_on >= ?::date as in_force_at_end
         from contracts.convention c
         ${narrowed ? 'join' : 'left join'} contracts.convention_territory ct on ct.department_code = c.department_code and ct.convention_id = c.id
        where ${parts.join(' and ')}
        order by c.id, ct.territory_id`,
      [to, ...params],
    );
    return rows.map((r) => ({
      conventionId: r.convention_id,
      territoryId: r.territory_id,
      territoryPlaces: Number(r.territory_places),
      conventionPlaces: Number(r.convention_places),
      inForceAtEnd: r.in_force_at_end,
    }));
  }
}

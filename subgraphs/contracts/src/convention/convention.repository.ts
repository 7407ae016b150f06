import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ConventionAmendmentEntity,
  ConventionEntity,
  ConventionObjectiveEntity,
  ConventionTerritoryEntity,
  type Convention,
  type ConventionAmendment,
  type ConventionObjective,
  type ConventionTerritory,
} from './convention.entity.js';

/** A convention as in force on a day (after the amendments signed on or before it), with the places it holds per territory. */
export interface ConventionInForce {
  conventionId: string;
  places: number;
  startsOn: string;
  endsOn: string;
  /** Current places per territory (territories have no history of their own). */
  territories: { territoryId: string; places: number }[];
  /** Current places of the convention, to scale the territories' places to those in force. */
  currentPlaces: number;
}

export interface TerritoryConventionPlaces {
  territoryId: string;
  conventionId: string;
  territoryPlaces: number;
  conventionPlaces: number;
}

/** Which conventions a caller may see, as decided by the service. */
export interface ConventionAccess {
  departmentCode: string;
  operatorId?: string;
  territoryIds?: readonly string[];
}

export interface ConventionFilter {
  inForceOn?: string | null;
  operatorId?: string | null;
  programmeId?: string | null;
  territoryId?: string | null;
}

function accessSql(access: ConventionAccess): { sql: string; params: unknown[] } {
  const parts = ['c.department_code = ?'];
  const params: unknown[] = [access.departmentCode];
  if (access.operatorId !== undefined) {
    parts.push('c.operator_id = ?');
    params.push(access.operatorId);
  }
  if (access.territoryIds && access.territoryIds.length > 0) {
    parts.push('exists (select 1 from contracts.convention_territory ct where ct.department_code = c.department_code and ct.convention_id = c.id and ct.territory_id in (?))');
    params.push([...access.territoryIds]);
  }
  return { sql: parts.join(' and '), params };
}

export class ConventionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Conventions by id among those the caller may see, in one statement. */
  async byIds(access: ConventionAccess, ids: readonly string[]): Promise<Convention[]> {
    const operator = access.operatorId !== undefined ? { operatorId: access.operatorId } : {};
    if (!access.territoryIds || access.territoryIds.length === 0) {
      return this.em.find(ConventionEntity, { departmentCode: access.departmentCode, ...operator, id: { $in: [...ids] } });
    }
    // Territory-limited callers: the territories a convention serves live in another table.
    const w = accessSql(access);
    const rows: { id: string }[] = await this.em.execute(`select c.id from contracts.convention c where ${w.sql} and c.id in (?)`, [...w.params, [...ids]]);
    if (rows.length === 0) return [];
    return this.em.find(ConventionEntity, { departmentCode: access.departmentCode, id: { $in: rows.map((r) => r.id) } });
  }

  /** A page in (name, id) order after `after`, with the filter. */
  async page(access: ConventionAccess, filter: ConventionFilter, first: number, after: [string, string] | null): Promise<Convention[]> {
    const w = accessSql(access);
    const parts = [w.sql];
    const params = [...w.params];
    if (filter.inForceOn) {
      parts.push('c.starts_on <= ?::date and c.ends_on >= ?::date');
      params.push(filter.inForceOn, filter.inForceOn);
    }
    if (filter.operatorId) {
      parts.push('c.operator_id = ?');
      params.push(filter.operatorId);
    }
    if (filter.programmeId) {
      parts.push('c.programme_id = ?');
      params.push(filter.programmeId);
    }
    if (filter.territoryId) {
      parts.push('exists (select 1 from contracts.convention_territory ct where ct.department_code = c.department_code and ct.convention_id = c.id and ct.territory_id = ?)');
      params.push(filter.territoryId);
    }
    if (after) {
      parts.push('(c.name, c.id) > (?, ?::uuid)');
      params.push(after[0], after[1]);
    }
    const rows: { id: string }[] = await this.em.execute(`select c.id from contracts.convention c where ${parts.join(' and ')} order by c.name, c.id limit ?`, [...params, first]);
    if (rows.length === 0) return [];
    const found = await this.em.find(ConventionEntity, { departmentCode: access.departmentCode, id: { $in: rows.map((r) => r.id) } });
    const index = new Map(found.map((c) => [c.id, c]));
    return rows.map((r) => index.get(r.id)!);
  }

  /** Conventions of these operators (in force on `on`, when given), newest first. */
  async byOperators(access: ConventionAccess, operatorIds: readonly string[], on: string | null): Promise<Convention[]> {
    const w = accessSql(access);
    const rows: { id: string }[] = await this.em.execute(
      `select c.id from contracts.convention c where ${w.sql} and c.operator_id in (?) and (?::date is null or (c.starts_on <= ?::date and c.ends_on >= ?::date))
        order by c.starts_on desc, c.name, c.id`,
      [...w.params, [...operatorIds], on, on, on],
    );
    if (rows.length === 0) return [];
    const found = await this.em.find(ConventionEntity, { departmentCode: access.departmentCode, id: { $in: rows.map((r) => r.id) } });
    const index = new Map(found.map((c) => [c.id, c]));
    return rows.map((r) => index.get(r.id)!);
  }

  /** Conventions in force on `on` whose last day is at most `withinDays` days later. */
  async endingSoon(access: ConventionAccess, on: string, withinDays: number): Promise<{ id: string; daysLeft: number }[]> {
    const w = accessSql(access);
    const rows: { id: string; days_left: number }[] = await this.em.execute(
      `select c.id, (c.ends_on - ?::date) as days_left from contracts.convention c
        where ${w.sql} and c.starts_on <= ?::date and c.ends_on >= ?::date and c.ends_on <= ?::date + ?::int
        order by c.ends_on, c.name, c.id`,
      [on, ...w.params, on, on, on, withinDays],
    );
    return rows.map((r) => ({ id: r.id, daysLeft: Number(r.days_left) }));
  }

  territories(departmentCode: string, conventionIds: readonly string[]): Promise<ConventionTerritory[]> {
    return this.em.find(ConventionTerritoryEntity, { departmentCode, convention: { $in: [...conventionIds] } }, { orderBy: [{ territoryId: 'asc' }] });
  }

  objectives(departmentCode: string, conventionIds: readonly string[]): Promise<ConventionObjective[]> {
    return this.em.find(ConventionObjectiveEntity, { departmentCode, conventionId: { $in: [...conventionIds] } }, { orderBy: [{ conventionId: 'asc' }, { position: 'asc' }] });
  }

  amendments(departmentCode: string, conventionIds: readonly string[]): Promise<ConventionAmendment[]> {
    return this.em.find(ConventionAmendmentEntity, { departmentCode, conventionId: { $in: [...conventionIds] } }, { orderBy: [{ conventionId: 'asc' }, { number: 'asc' }] });
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

  /**
   * The conventions as in force on `on`, in one statement: the values after the last amendment
   * signed on or before that day, or before the first one when all were signed later, or the
   * convention's own when it has none.
   */
  async inForceOn(access: ConventionAccess, conventionIds: readonly string[], on: string): Promise<ConventionInForce[]> {
    const w = accessSql(access);
    const rows: { id: string; places: number; starts_on: string; ends_on: string; current_places: number; territories: { territoryId: string; places: number }[] }[] = await this.em.execute(
      `select c.id,
              coalesce(l.places_after, f.places_before, c.places) as places,
              coalesce(l.starts_on_after, f.starts_on_before, c.starts_on)::text as starts_on,
              coalesce(l.ends_on_after, f.ends_on_before, c.ends_on)::text as ends_on,
              c.places as current_places,
              coalesce((select json_agg(json_build_object('territoryId', ct.territory_id, 'places', ct.places) order by ct.territory_id)
                          from contracts.convention_territory ct where ct.department_code = c.department_code and ct.convention_id = c.id), '[]'::json) as territories
         from contracts.convention c
         left join lateral (select a.places_after, a.starts_on_after, a.ends_on_after from contracts.convention_amendment a
                             where a.department_code = c.department_code and a.convention_id = c.id and a.signed_on <= ?::date
                             order by a.number desc limit 1) l on true
         left join lateral (select a.places_before, a.starts_on_before, a.ends_on_before from contracts.convention_amendment a
                             where a.department_code = c.department_code and a.convention_id = c.id
                             order by a.number limit 1) f on true
        where ${w.sql} and c.id in (?)`,
      [on, ...w.params, [...conventionIds]],
    );
    return rows.map((r) => ({
      conventionId: r.id,
      places: Number(r.places),
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      currentPlaces: Number(r.current_places),
      territories: r.territories.map((t) => ({ territoryId: t.territoryId, places: Number(t.places) })),
    }));
  }
}

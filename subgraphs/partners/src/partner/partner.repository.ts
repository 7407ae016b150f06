import type { EntityManager } from '@mikro-orm/postgresql';
import {
  correctedQuery,
  distanceOf,
  fragment,
  hasServiceFilters,
  join,
  keyset,
  numberOrNull,
  partnerConditions,
  pointOf,
  rankOf,
  serviceConditions,
  type Fragment,
  type SearchAfter,
  type SearchCriteria,
  type SearchOrder,
} from '../directory/search.sql.js';
import { PartnerEntity, type Partner } from './partner.entity.js';

/** One structure found by the directory search. */
export interface PartnerSearchRow {
  id: string;
  name: string;
  /** Best relevance among its own text and its matching services; null without a query. */
  rank: number | null;
  /** Nearest of its own place and its matching services; null without `near`. */
  distance_km: number | null;
  /** Its live services that match, best first (empty when it matched by its own text only). */
  service_ids: string[];
}

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

  /**
   * The structures of the directory search: those with a live service matching every criterion,
   * and, when no criterion is about services, those whose own name or description matches too
   * (a structure without a service is still found). Same order and keyset as the service search,
   * over the structure's name, best rank and nearest distance. Returns a page and the total count.
   */
  async search(c: SearchCriteria, order: SearchOrder, after: SearchAfter | null, limit: number): Promise<{ rows: PartnerSearchRow[]; total: number }> {
    const tsq = await correctedQuery(this.em, c.departmentCode, c.query);
    const point = pointOf(c.near);
    const viaServices = join(
      [
        fragment('select p.id, p.name, s.id as service_id, s.name as service_name,'),
        join([rankOf('s.search_vector', tsq), distanceOf('public.ll_to_earth(s.geo_latitude, s.geo_longitude)', point)], ', '),
        fragment('from partners.service s join partners.partner p on p.id = s.partner_id and p.department_code = s.department_code where'),
        join([fragment('s.department_code = ?', c.departmentCode), ...partnerConditions(c), ...serviceConditions(c), ...(tsq === null ? [] : [fragment('s.search_vector @@ ?::tsquery', tsq)])], ' and '),
      ],
      ' ',
    );
    const parts: Fragment[] = [viaServices];
    if (!hasServiceFilters(c)) {
      parts.push(
        join(
          [
            fragment('select p.id, p.name, null::uuid, null::text,'),
            join([rankOf('p.search_vector', tsq), distanceOf('public.ll_to_earth(coalesce(p.latitude, c.latitude), coalesce(p.longitude, c.longitude))', point)], ', '),
            fragment('from partners.partner p left join ref.commune c on c.code = p.commune_code where'),
            join([fragment('p.department_code = ?', c.departmentCode), ...partnerConditions(c), ...(tsq === null ? [] : [fragment('p.search_vector @@ ?::tsquery', tsq)])], ' and '),
          ],
          ' ',
        ),
      );
    }
    const grouped = join(
      [
        fragment(`select g.id, g.name, max(g.rank) as rank, min(g.distance_km) as distance_km,
                         coalesce(array_agg(g.service_id order by g.rank desc nulls last, g.service_name, g.service_id) filter (where g.service_id is not null), '{}') as service_ids
                    from (`),
        join(parts, ' union all '),
        fragment(') g group by g.id, g.name'),
      ],
      ' ',
    );
    const page = keyset(order, after);
    const found = join(
      [fragment('select * from ('), grouped, fragment(') found'), ...(page.where ? [fragment('where'), page.where] : []), fragment(`order by ${page.orderBy} limit ?`, limit)],
      ' ',
    );
    const rows = await this.em.execute<PartnerSearchRow[]>(found.sql, found.params);
    // Counted over the whole result, not the page the keyset keeps.
    const counted = await this.em.execute<{ total: string }[]>(`select count(*) as total from (${grouped.sql}) counted`, grouped.params);
    return {
      rows: rows.map((r) => ({ id: r.id, name: r.name, rank: numberOrNull(r.rank), distance_km: numberOrNull(r.distance_km), service_ids: r.service_ids })),
      total: Number(counted[0]?.total ?? 0),
    };
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

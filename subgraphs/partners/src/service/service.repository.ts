import type { EntityManager } from '@mikro-orm/postgresql';
import {
  correctedQuery,
  distanceOf,
  fragment,
  join,
  keyset,
  numberOrNull,
  partnerConditions,
  pointOf,
  rankOf,
  serviceConditions,
  type SearchAfter,
  type SearchCriteria,
  type SearchOrder,
} from '../directory/search.sql.js';
import { ServiceEntity, type Service } from './service.entity.js';

export type { SearchAfter, SearchCriteria, SearchOrder } from '../directory/search.sql.js';

export interface SearchRow {
  id: string;
  partner_id: string;
  name: string;
  rank: number | null;
  distance_km: number | null;
}

/** Named queries on services, including the directory search. */
export class ServiceRepository {
  constructor(private readonly em: EntityManager) {}

  byIds(departmentCode: string, ids: readonly string[]): Promise<Service[]> {
    return this.em.find(ServiceEntity, { departmentCode, id: { $in: [...ids] } });
  }

  /** Live services of the given partners, by name. */
  ofPartners(departmentCode: string, partnerIds: readonly string[]): Promise<Service[]> {
    return this.em.find(ServiceEntity, { departmentCode, partnerId: { $in: [...partnerIds] }, archivedAt: null }, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  /**
   * The directory search: French full text (accents and case ignored, typos corrected against the
   * vocabulary), filters, eligibility of a commune (its code, EPCI, Département or `france` in the
   * service's zone; no zone means the listing's Département), distance by earthdistance on the
   * service's point, keyset pagination on (order key, id).
   */
  async search(c: SearchCriteria, order: SearchOrder, after: SearchAfter | null, limit: number): Promise<SearchRow[]> {
    const tsq = await correctedQuery(this.em, c.departmentCode, c.query);
    const point = pointOf(c.near);
    const where = [fragment('s.department_code = ?', c.departmentCode), ...partnerConditions(c), ...serviceConditions(c)];
    if (tsq !== null) where.push(fragment('s.search_vector @@ ?::tsquery', tsq));
    const select = join([fragment('s.id, s.partner_id, s.name'), rankOf('s.search_vector', tsq), distanceOf('public.ll_to_earth(s.geo_latitude, s.geo_longitude)', point)], ', ');
    const page = keyset(order, after);
    const found = join(
      [
        fragment('select * from (select'),
        select,
        fragment('from partners.service s join partners.partner p on p.id = s.partner_id and p.department_code = s.department_code where'),
        join(where, ' and '),
        fragment(') found'),
        ...(page.where ? [fragment('where'), page.where] : []),
        fragment(`order by ${page.orderBy} limit ?`, limit),
      ],
      ' ',
    );
    const rows: SearchRow[] = await this.em.execute(found.sql, found.params);
    return rows.map((r) => ({ ...r, rank: numberOrNull(r.rank), distance_km: numberOrNull(r.distance_km) }));
  }

  /**
   * Recomputes what search reads: the text (service, structure, description), the point (own,
   * else the structure's, else the commune centroid) for the given services, and adds their words
   * to the vocabulary (words are never removed: a stale word only corrects to no result).
   */
  async refreshSearchColumns(departmentCode: string, serviceIds: readonly string[]): Promise<void> {
    if (serviceIds.length === 0) return;
    await this.em.execute(
      `update partners.service s
          set search_text = concat_ws(' ', s.name, p.name, s.description),
              geo_latitude = coalesce(s.latitude, case when s.commune_code is null or s.commune_code = p.commune_code then p.latitude end, c.latitude),
              geo_longitude = coalesce(s.longitude, case when s.commune_code is null or s.commune_code = p.commune_code then p.longitude end, c.longitude)
         from partners.partner p, ref.commune c
        where p.id = s.partner_id and c.code = coalesce(s.commune_code, p.commune_code)
          and s.department_code = ? and s.id in (?)`,
      [departmentCode, [...serviceIds]],
    );
    await this.em.execute(
      `insert into partners.search_word (department_code, word)
       select distinct s.department_code, w from partners.service s, regexp_split_to_table(s.search_norm, '[^a-z0-9]+') w
        where s.department_code = ? and s.id in (?) and length(w) >= 3
       on conflict do nothing`,
      [departmentCode, [...serviceIds]],
    );
  }

  /** The hours that apply to each service: its own, else its structure's. */
  effectiveHours(departmentCode: string, serviceIds: readonly string[]): Promise<{ id: string; hours: string | null }[]> {
    return this.em.execute(
      `select s.id, coalesce(s.opening_hours, p.opening_hours) as hours
         from partners.service s join partners.partner p on p.id = s.partner_id
        where s.department_code = ? and s.id in (?)`,
      [departmentCode, [...serviceIds]],
    );
  }

  async setOpenWeeks(departmentCode: string, weeks: { id: string; week: string | null }[]): Promise<void> {
    if (weeks.length === 0) return;
    await this.em.execute(
      `update partners.service s set open_week = w.week::int4multirange
         from jsonb_to_recordset(?::jsonb) as w(id uuid, week text)
        where s.department_code = ? and s.id = w.id`,
      [JSON.stringify(weeks), departmentCode],
    );
  }

  serviceIdsOfPartners(departmentCode: string, partnerIds: readonly string[]): Promise<{ id: string }[]> {
    return this.em.execute(`select id from partners.service where department_code = ? and partner_id in (?)`, [departmentCode, [...partnerIds]]);
  }
}

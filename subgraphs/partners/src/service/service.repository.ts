import type { EntityManager } from '@mikro-orm/postgresql';
import { ServiceEntity, type Service } from './service.entity.js';

export interface SearchCriteria {
  departmentCode: string;
  query: string | null;
  themes: string[] | null;
  kinds: string[] | null;
  types: string[] | null;
  publics: string[] | null;
  receptionModes: string[] | null;
  free: boolean;
  stepFreeAccess: boolean;
  signLanguage: boolean;
  language: string | null;
  openAtMinute: number | null;
  eligibleFor: string | null;
  near: { communeCode: string } | { latitude: number; longitude: number } | null;
}

export type SearchOrder = 'distance' | 'rank' | 'name';
/** The position after which a page starts, in the order's own sort key. */
export type SearchAfter = { order: 'distance'; missing: number; km: number; id: string } | { order: 'rank'; rank: number; id: string } | { order: 'name'; name: string; id: string };

export interface SearchRow {
  id: string;
  partner_id: string;
  name: string;
  rank: number | null;
  distance_km: number | null;
}

/** A list parameter: MikroORM expands JS arrays into `(?, ?, …)`, so arrays travel as JSON. */
const textArray = '(select coalesce(array_agg(v), \'{}\') from jsonb_array_elements_text(?::jsonb) v)';

/**
 * The words of a query, unaccented and lower-cased, each replaced by its nearest word (trigram
 * distance) in the Département's vocabulary when one is similar enough (pg_trgm's `%`), then read
 * as a web search (all words must match; quotes and `-` work). Short words are kept as typed.
 */
const CORRECTED_QUERY = `select websearch_to_tsquery('french', coalesce(string_agg(
    case when length(w.word) < 4 then w.word
         else coalesce((select v.word from partners.search_word v where v.department_code = ? and v.word % w.word order by v.word <-> w.word, v.word limit 1), w.word)
    end, ' ' order by w.n), ''))::text as tsq
  from regexp_split_to_table(partners.f_unaccent(lower(?)), '[^a-z0-9]+') with ordinality as w(word, n)
 where w.word <> ''`;

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
    const where: string[] = ['s.department_code = ?', 's.archived_at is null', 'p.archived_at is null'];
    const params: unknown[] = [];
    const point =
      c.near === null
        ? null
        : 'communeCode' in c.near
          ? { sql: '(select public.ll_to_earth(latitude, longitude) from ref.commune where code = ? and latitude is not null)', params: [c.near.communeCode] }
          : { sql: 'public.ll_to_earth(?::float8, ?::float8)', params: [c.near.latitude, c.near.longitude] };
    const select: string[] = ['s.id', 's.partner_id', 's.name'];
    const selectParams: unknown[] = [];
    if (c.query) {
      // The corrected query first, on its own: inside the search it would be re-planned per row.
      const [corrected] = (await this.em.execute(CORRECTED_QUERY, [c.departmentCode, c.query])) as [{ tsq: string }];
      select.push('ts_rank(s.search_vector, ?::tsquery)::float8 as rank');
      selectParams.push(corrected.tsq);
      where.push('s.search_vector @@ ?::tsquery');
      params.push(corrected.tsq);
    } else {
      select.push('null::float8 as rank');
    }
    if (point) {
      select.push(`(public.earth_distance(public.ll_to_earth(s.geo_latitude, s.geo_longitude), ${point.sql}) / 1000)::float8 as distance_km`);
      selectParams.push(...point.params);
    } else {
      select.push('null::float8 as distance_km');
    }
    const list = (column: string, values: string[] | null): void => {
      if (values) {
        where.push(`${column} && ${textArray}`);
        params.push(JSON.stringify(values));
      }
    };
    list('s.themes', c.themes);
    list('array[s.type]', c.types);
    list('s.publics', c.publics);
    list('s.reception_modes', c.receptionModes);
    list('array[p.kind]', c.kinds);
    if (c.free) where.push(`s.fee = 'gratuit'`);
    if (c.stepFreeAccess) where.push('p.step_free_access');
    if (c.signLanguage) where.push('p.sign_language');
    if (c.language) {
      where.push('? = any(p.languages)');
      params.push(c.language);
    }
    if (c.openAtMinute !== null) {
      where.push('s.open_week @> ?::int');
      params.push(c.openAtMinute);
    }
    if (c.eligibleFor) {
      where.push(
        `coalesce(s.eligibility_zone, array[s.department_code]) && (select array[code, coalesce(epci_code, ''), department_code, 'france', '99100'] from ref.commune where code = ?)`,
      );
      params.push(c.eligibleFor);
    }
    const keyset: string[] = [];
    const keysetParams: unknown[] = [];
    let orderBy: string;
    if (order === 'distance') {
      orderBy = '(distance_km is null), distance_km, id';
      if (after?.order === 'distance') {
        keyset.push(
          after.missing
            ? '(distance_km is null and id > ?::uuid)'
            : '(distance_km is null or distance_km > ? or (distance_km = ? and id > ?::uuid))',
        );
        keysetParams.push(...(after.missing ? [after.id] : [after.km, after.km, after.id]));
      }
    } else if (order === 'rank') {
      orderBy = 'rank desc, id';
      if (after?.order === 'rank') {
        keyset.push('(rank < ? or (rank = ? and id > ?::uuid))');
        keysetParams.push(after.rank, after.rank, after.id);
      }
    } else {
      orderBy = 'name, id';
      if (after?.order === 'name') {
        keyset.push('(name > ? or (name = ? and id > ?::uuid))');
        keysetParams.push(after.name, after.name, after.id);
      }
    }
    const sql = `select * from (
        select ${select.join(', ')}
          from partners.service s join partners.partner p on p.id = s.partner_id and p.department_code = s.department_code
         where ${where.join(' and ')}
      ) found
      ${keyset.length > 0 ? `where ${keyset.join(' and ')}` : ''}
      order by ${orderBy}
      limit ?`;
    const rows: SearchRow[] = await this.em.execute(sql, [...selectParams, c.departmentCode, ...params, ...keysetParams, limit]);
    return rows.map((r) => ({ ...r, rank: r.rank === null ? null : Number(r.rank), distance_km: r.distance_km === null ? null : Number(r.distance_km) }));
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

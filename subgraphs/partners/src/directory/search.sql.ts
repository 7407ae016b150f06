// SQL pieces shared by the two directory searches (services, and structures derived from them):
// the query correction, the filters, the point distances are measured from, and keyset ordering.
import type { EntityManager } from '@mikro-orm/postgresql';

/** What a directory search asks for, in the database's own vocabulary (data·inclusion slugs). */
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

/** A piece of SQL with its positional (`?`) parameters, in order. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export const fragment = (sql: string, ...params: unknown[]): Fragment => ({ sql, params });

/** Joins fragments with a separator, keeping their parameters in order. */
export function join(parts: readonly Fragment[], separator: string): Fragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
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

/**
 * The corrected query as a `tsquery` text, or null without words. Run on its own: inside the
 * search it would be re-planned per row.
 */
export async function correctedQuery(em: EntityManager, departmentCode: string, query: string | null): Promise<string | null> {
  if (!query) return null;
  const [corrected] = (await em.execute(CORRECTED_QUERY, [departmentCode, query])) as [{ tsq: string }];
  return corrected.tsq;
}

/** The point distances are measured from, as an `earth` value; null without `near`. */
export function pointOf(near: SearchCriteria['near']): Fragment | null {
  if (near === null) return null;
  return 'communeCode' in near
    ? fragment('(select public.ll_to_earth(latitude, longitude) from ref.commune where code = ? and latitude is not null)', near.communeCode)
    : fragment('public.ll_to_earth(?::float8, ?::float8)', near.latitude, near.longitude);
}

/** Whether the criteria filter on something only services have (then structures are found through their services only). */
export function hasServiceFilters(c: SearchCriteria): boolean {
  return Boolean(c.themes || c.types || c.publics || c.receptionModes || c.free || c.openAtMinute !== null || c.eligibleFor);
}

/** Conditions on the structure (`p`): its kind and its accessibility. */
export function partnerConditions(c: SearchCriteria): Fragment[] {
  const where: Fragment[] = [fragment('p.archived_at is null')];
  if (c.kinds) where.push(fragment(`array[p.kind] && ${textArray}`, JSON.stringify(c.kinds)));
  if (c.stepFreeAccess) where.push(fragment('p.step_free_access'));
  if (c.signLanguage) where.push(fragment('p.sign_language'));
  if (c.language) where.push(fragment('? = any(p.languages)', c.language));
  return where;
}

/** Conditions on the service (`s`): what it offers, to whom, how, when, and where it is open to. */
export function serviceConditions(c: SearchCriteria): Fragment[] {
  const where: Fragment[] = [fragment('s.archived_at is null')];
  const list = (column: string, values: string[] | null): void => {
    if (values) where.push(fragment(`${column} && ${textArray}`, JSON.stringify(values)));
  };
  list('s.themes', c.themes);
  list('array[s.type]', c.types);
  list('s.publics', c.publics);
  list('s.reception_modes', c.receptionModes);
  if (c.free) where.push(fragment(`s.fee = 'gratuit'`));
  if (c.openAtMinute !== null) where.push(fragment('s.open_week @> ?::int', c.openAtMinute));
  if (c.eligibleFor) {
    where.push(
      fragment(
        `coalesce(s.eligibility_zone, array[s.department_code]) && (select array[code, coalesce(epci_code, ''), department_code, 'france', '99100'] from ref.commune where code = ?)`,
        c.eligibleFor,
      ),
    );
  }
  return where;
}

/** `order by` and the keyset condition after a position, over the columns `distance_km`, `rank`, `name`, `id`. */
export function keyset(order: SearchOrder, after: SearchAfter | null): { orderBy: string; where: Fragment | null } {
  if (order === 'distance') {
    const where =
      after?.order !== 'distance'
        ? null
        : after.missing
          ? fragment('(distance_km is null and id > ?::uuid)', after.id)
          : fragment('(distance_km is null or distance_km > ? or (distance_km = ? and id > ?::uuid))', after.km, after.km, after.id);
    return { orderBy: '(distance_km is null), distance_km, id', where };
  }
  if (order === 'rank') {
    return { orderBy: 'rank desc, id', where: after?.order === 'rank' ? fragment('(rank < ? or (rank = ? and id > ?::uuid))', after.rank, after.rank, after.id) : null };
  }
  return { orderBy: 'name, id', where: after?.order === 'name' ? fragment('(name > ? or (name = ? and id > ?::uuid))', after.name, after.name, after.id) : null };
}

/** The column `rank`: relevance of a text search vector to the corrected query, or null without a query. */
export const rankOf = (vector: string, tsq: string | null): Fragment =>
  tsq === null ? fragment('null::float8 as rank') : fragment(`ts_rank(${vector}, ?::tsquery)::float8 as rank`, tsq);

/** The column `distance_km`: distance in km from an `earth` point to the searched point, or null without `near`. */
export const distanceOf = (earth: string, point: Fragment | null): Fragment =>
  point === null ? fragment('null::float8 as distance_km') : { sql: `(public.earth_distance(${earth}, ${point.sql}) / 1000)::float8 as distance_km`, params: point.params };

/** Numbers as numbers (PostgreSQL's float8 may come back as strings through some drivers). */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

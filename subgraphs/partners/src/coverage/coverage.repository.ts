import type { EntityManager } from '@mikro-orm/postgresql';

/** One commune of an area, with the figures of the commune and of its area (repeated on each row). */
export interface CoverageRow {
  area_id: string;
  code: string;
  name: string;
  epci_code: string | null;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
  department_code: string;
  services_eligible: number;
  nearest_km: number | null;
  /** True when the nearest distance was computed now (not read from the cache). */
  computed: boolean;
  area_eligible: number;
  area_places: number | null;
}

/** The area a coverage is computed on: territories (by id) or the whole Département (area id = its code). */
export type CoverageArea = { territoryIds: readonly string[] } | { department: true };

/**
 * Coverage of an offer theme, in one SQL statement. A service is eligible in a commune when its
 * zone holds the commune's code, its EPCI, its Département or `france` (no zone: the Département
 * of the listing). Services open to the whole Département are counted once, apart, so that no
 * join fans out over every commune. Distances go to the nearest eligible in-person service (no
 * stated mode counts as in person) by a nearest-neighbour scan of the GiST index of service points,
 * cached per commune under the Département's directory version (bumped by triggers on any write).
 * Places: services located in the area and eligible in at least one of its communes.
 */
export class CoverageRepository {
  constructor(private readonly em: EntityManager) {}

  async rows(department: string, theme: string, area: CoverageArea): Promise<CoverageRow[]> {
    // Read before the coverage statement: a write committed in between only leaves a cache entry
    // under an old version, which is never read.
    const [{ version }] = (await this.em.execute(
      'select coalesce((select version from partners.directory_version where department_code = ?), 0)::text as version',
      [department],
    )) as [{ version: string }];
    const communes =
      'territoryIds' in area
        ? {
            sql: `select tc.territory_id as area_id, c.code, c.name, c.epci_code, c.latitude, c.longitude, c.population, c.department_code
                    from ref.territory_commune tc join ref.commune c on c.code = tc.commune_code
                   where tc.department_code = ? and tc.territory_id in (?)`,
            params: [department, [...area.territoryIds]],
          }
        : {
            sql: `select c.department_code as area_id, c.code, c.name, c.epci_code, c.latitude, c.longitude, c.population, c.department_code
                    from ref.commune c where c.department_code = ?`,
            params: [department],
          };
    const rows: CoverageRow[] = await this.em.execute(
      `with svc as materialized (
              select s.id, s.capacity_places, coalesce(s.commune_code, p.commune_code) as commune_code,
                     coalesce(s.eligibility_zone, array[s.department_code]) as zone,
                     coalesce(s.eligibility_zone, array[s.department_code]) && array[?, 'france', '99100'] as wide
                from partners.service s join partners.partner p on p.id = s.partner_id
               where s.department_code = ? and s.archived_at is null and p.archived_at is null and s.themes @> array[?]),
            wide_count as (select count(*)::int as n from svc where wide),
            loc as materialized (select distinct svc.id, z.code from svc, unnest(svc.zone) z(code) where not svc.wide),
            cm as materialized (${communes.sql}),
            -- Per commune, |S(commune) ∪ S(EPCI)| = |S(commune)| + |S(EPCI)| − |both|: counting by code
            -- never fans a zone out over the communes of its EPCI.
            by_key as (select code, count(*)::int as n from loc group by code),
            both_keys as (select z.code, count(distinct svc.id)::int as n
                            from svc cross join lateral unnest(svc.zone) z(code)
                            cross join lateral (select epci_code from ref.commune where code = z.code) c
                           where not svc.wide and c.epci_code = any(svc.zone)
                           group by z.code),
            area_keys as (select area_id, code as key from cm union select area_id, epci_code from cm where epci_code is not null),
            area_ids as materialized (select distinct ak.area_id, loc.id from area_keys ak join loc on loc.code = ak.key),
            area_local as (select area_id, count(*)::int as n from area_ids group by area_id),
            located as (select cm.area_id, sum(svc.capacity_places)::int as places
                          from (select distinct area_id, code from cm) cm join svc on svc.commune_code = cm.code
                         where svc.wide or exists (select 1 from area_ids a where a.area_id = cm.area_id and a.id = svc.id)
                         group by cm.area_id)
       select cm.area_id, cm.code, cm.name, cm.epci_code, cm.latitude, cm.longitude, cm.population, cm.department_code,
              ((select n from wide_count) + coalesce(k1.n, 0) + coalesce(k2.n, 0) - coalesce(kb.n, 0))::int as services_eligible,
              case when cached.commune_code is null then nearest.km else cached.nearest_km end as nearest_km,
              cached.commune_code is null as computed,
              ((select n from wide_count) + coalesce(al.n, 0))::int as area_eligible,
              pl.places as area_places
         from cm
         left join by_key k1 on k1.code = cm.code
         left join by_key k2 on k2.code = cm.epci_code
         left join both_keys kb on kb.code = cm.code
         left join area_local al on al.area_id = cm.area_id
         left join located pl on pl.area_id = cm.area_id
         left join partners.coverage_nearest cached
           on cached.department_code = ? and cached.theme = ? and cached.commune_code = cm.code and cached.version = ?::bigint
         left join lateral (
           select (public.earth_distance(public.ll_to_earth(s.geo_latitude, s.geo_longitude), public.ll_to_earth(cm.latitude, cm.longitude)) / 1000)::float8 as km
             from partners.service s join partners.partner p on p.id = s.partner_id
            where cm.latitude is not null and cached.commune_code is null
              and s.department_code = ? and s.archived_at is null and p.archived_at is null and s.geo_latitude is not null
              and s.themes @> array[?]
              and (s.reception_modes is null or 'en-presentiel' = any(s.reception_modes))
              and coalesce(s.eligibility_zone, array[s.department_code]) && array[cm.code, coalesce(cm.epci_code, ''), ?, 'france', '99100']
            order by public.ll_to_earth(s.geo_latitude, s.geo_longitude) <-> public.ll_to_earth(cm.latitude, cm.longitude)
            limit 1) nearest on true
        order by cm.area_id, cm.name, cm.code`,
      [department, department, theme, ...communes.params, department, theme, version, department, theme, department],
    );
    const computed = new Map(rows.filter((r) => r.computed).map((r) => [r.code, r.nearest_km === null ? null : Number(r.nearest_km)]));
    if (computed.size > 0) {
      await this.em.execute(
        `insert into partners.coverage_nearest (department_code, theme, commune_code, version, nearest_km)
         select ?, ?, c.code, ?::bigint, c.km from jsonb_to_recordset(?::jsonb) as c(code text, km float8)
         on conflict (department_code, theme, commune_code) do update set version = excluded.version, nearest_km = excluded.nearest_km`,
        [department, theme, version, JSON.stringify([...computed].map(([code, km]) => ({ code, km })))],
      );
    }
    return rows.map((r) => ({ ...r, nearest_km: r.nearest_km === null ? null : Number(r.nearest_km), area_places: r.area_places === null ? null : Number(r.area_places) }));
  }

  /**
   * Ids of the live services of a theme eligible in at least one commune of each area (same
   * eligibility rule as `rows`), at most `limit` per area, by name: one statement for all areas.
   */
  async eligibleServiceIds(department: string, theme: string, area: CoverageArea, limit: number): Promise<{ area_id: string; id: string }[]> {
    const areas = 'territoryIds' in area ? [...area.territoryIds] : [department];
    return this.em.execute(
      `with keys as (
              select tc.territory_id as area_id, c.code as key from ref.territory_commune tc join ref.commune c on c.code = tc.commune_code
               where tc.department_code = ? and tc.territory_id in (?)
              union
              select tc.territory_id, c.epci_code from ref.territory_commune tc join ref.commune c on c.code = tc.commune_code
               where tc.department_code = ? and tc.territory_id in (?) and c.epci_code is not null),
            svc as materialized (
              select s.id, s.name, coalesce(s.eligibility_zone, array[s.department_code]) as zone
                from partners.service s join partners.partner p on p.id = s.partner_id
               where s.department_code = ? and s.archived_at is null and p.archived_at is null and s.themes @> array[?]),
            hits as (
              select a.area_id, svc.id, svc.name from unnest(array[?]::text[]) a(area_id) join svc
                on a.area_id = ? or svc.zone && array[?, 'france', '99100']
                or exists (select 1 from keys k where k.area_id = a.area_id and k.key = any(svc.zone))),
            ranked as (select area_id, id, name, row_number() over (partition by area_id order by name, id) as n from hits)
       select area_id, id from ranked where n <= ? order by area_id, name, id`,
      [department, areas, department, areas, department, theme, areas, department, department, limit],
    );
  }
}

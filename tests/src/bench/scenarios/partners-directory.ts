import type { BenchContext, Scenario } from '../harness.js';

const DEPARTMENT = '62';
const SERVICES = 20_000;
const STRUCTURES = 2_000;

/**
 * 20 000 synthetic services (2 000 structures) for Pas-de-Calais, on top of the demo: names and
 * descriptions drawn from the directory's vocabulary, one or two thèmes each, zones by commune,
 * EPCI, Département or none, structures spread over the communes. Written once, in SQL, with the
 * same derived search columns as the subgraph writes.
 */
async function prepare(ctx: BenchContext): Promise<void> {
  const [existing] = (await ctx.query(`select count(*)::int as n from partners.service where source = 'bench'`)) as [{ n: number }];
  if (existing.n >= SERVICES) return;
  await ctx.query(
    `with c as (select array_agg(code order by code) as codes from ref.commune where department_code = $1 and latitude is not null)
     insert into partners.partner (id, department_code, name, kind, commune_code, source, source_id, listing_updated_on)
     select gen_random_uuid(), $1,
            (array['Association', 'CCAS', 'Centre de santé', 'Maison de santé', 'CMP', 'CSAPA', 'Espace social'])[1 + g % 7] || ' synthétique ' || g,
            (array['ASSOCIATION', 'CCAS', 'HEALTH_CENTRE', 'HEALTH_CENTRE', 'CMP', 'CSAPA', 'CMS'])[1 + g % 7],
            c.codes[1 + (g * 7919) % cardinality(c.codes)], 'bench', 'bench-' || g, current_date
       from generate_series(1, $2::int) g, c`,
    [DEPARTMENT, STRUCTURES],
  );
  await ctx.query(
    `with p as (select array_agg(id order by source_id) as ids from partners.partner where source = 'bench' and department_code = $1),
          c as (select array_agg(code order by code) as codes, array_agg(coalesce(epci_code, code) order by code) as epcis
                  from ref.commune where department_code = $1)
     insert into partners.service (id, department_code, partner_id, source, source_id, name, description, type, themes, fee, publics,
                                   reception_modes, eligibility_zone, capacity_places, capacity_fte, capacity_updated_at)
     select gen_random_uuid(), $1, p.ids[1 + g % cardinality(p.ids)], 'bench', 'bench-' || g,
            (array['Accompagnement', 'Consultation', 'Atelier', 'Permanence', 'Bilan', 'Soutien', 'Accueil', 'Groupe de parole'])[1 + g % 8] || ' ' ||
            (array['santé mentale', 'addictions', 'accès aux soins', 'accès aux droits', 'bien-être', 'dossier MDPH'])[1 + (g / 8) % 6],
            'Service pour les personnes accompagnées : ' ||
            (array['écoute et soutien psychologique', 'réduction des risques et soins en addictologie', 'ouverture des droits santé',
                   'aide aux démarches administratives', 'confiance en soi et estime de soi', 'constitution du dossier de handicap'])[1 + (g / 8) % 6] ||
            ', sur rendez-vous ou en accueil libre.',
            (array['accompagnement', 'atelier', 'information'])[1 + g % 3],
            case when g % 5 = 0 then array[(array['sante--sante-mentale', 'sante--addictions', 'sante--acces-aux-soins',
                   'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits', 'remobilisation--bien-etre-confiance-en-soi',
                   'sante--constituer-un-dossier-mdph-invalidite'])[1 + (g / 8) % 6], 'sante--acces-aux-soins']
                 else array[(array['sante--sante-mentale', 'sante--addictions', 'sante--acces-aux-soins',
                   'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits', 'remobilisation--bien-etre-confiance-en-soi',
                   'sante--constituer-un-dossier-mdph-invalidite'])[1 + (g / 8) % 6]] end,
            case when g % 3 = 0 then 'payant' else 'gratuit' end,
            array['beneficiaires-des-minimas-sociaux'],
            case when g % 10 = 0 then array['a-distance'] else array['en-presentiel'] end,
            case g % 4 when 0 then array[c.codes[1 + (g * 31) % cardinality(c.codes)]]
                       when 1 then array[c.epcis[1 + (g * 31) % cardinality(c.epcis)]]
                       when 2 then array[$1]
                       else null end,
            10 + g % 80, 1, now()
       from generate_series(1, $2::int) g, p, c`,
    [DEPARTMENT, SERVICES],
  );
  await ctx.query(
    `update partners.service s
        set search_text = concat_ws(' ', s.name, p.name, s.description),
            geo_latitude = coalesce(s.latitude, p.latitude, c.latitude),
            geo_longitude = coalesce(s.longitude, p.longitude, c.longitude)
       from partners.partner p, ref.commune c
      where p.id = s.partner_id and c.code = coalesce(s.commune_code, p.commune_code) and s.source = 'bench'`,
  );
  await ctx.query(
    `insert into partners.search_word (department_code, word)
     select distinct s.department_code, w from partners.service s, regexp_split_to_table(s.search_norm, '[^a-z0-9]+') w
      where length(w) >= 3 on conflict do nothing`,
  );
  await ctx.query('analyze partners.partner');
  await ctx.query('analyze partners.service');
}

const SEARCH = `{ searchServices(query: "consultation sante mentale", filters: { themes: [SANTE__SANTE_MENTALE], free: true },
  eligibleFor: "62041", near: { communeCode: "62041" }, first: 20) {
  edges { service { id name themes capacity { places } } partner { id name kind } distanceKm rank } pageInfo { endCursor hasNextPage } } }`;

const TYPO = `{ searchServices(query: "adictologie", first: 20) { edges { service { id name } partner { name } rank } pageInfo { hasNextPage } } }`;

interface SearchResult {
  data?: { searchServices: { edges: { distanceKm: number; service: { themes: string[] } }[] } };
  errors?: unknown[];
}

/** The référent's search over 20 000 services of one Département, through the gateway. */
export const partnersSearch: Scenario = {
  name: 'directory search, 20 000 services (62), gateway',
  description: 'searchServices: French full text + theme and free filters + eligibility for Arras + distance order, first 20, through the gateway',
  async run(ctx) {
    return ctx.graphql(SEARCH);
  },
  async verify(ctx) {
    await prepare(ctx);
    const result = (await ctx.graphql(SEARCH)) as SearchResult;
    const edges = result.data?.searchServices.edges ?? [];
    if (result.errors || edges.length !== 20) throw new Error(`Unexpected search result: ${JSON.stringify(result).slice(0, 500)}`);
    if (edges.some((e, i) => i > 0 && e.distanceKm < edges[i - 1]!.distanceKm) || edges.some((e) => !e.service.themes.includes('SANTE__SANTE_MENTALE'))) {
      throw new Error('Search results are not in distance order or break the theme filter');
    }
  },
};

/** A typo-tolerant search (trigram word similarity) over the same 20 000 services. */
export const partnersTypoSearch: Scenario = {
  name: 'directory search with a typo, 20 000 services (62), gateway',
  description: 'searchServices(query: "adictologie"): trigram word similarity and relevance order, first 20, through the gateway',
  run: (ctx) => ctx.graphql(TYPO),
  async verify(ctx) {
    await prepare(ctx);
    const result = (await ctx.graphql(TYPO)) as SearchResult;
    if (result.errors || (result.data?.searchServices.edges.length ?? 0) === 0) throw new Error(`Unexpected search result: ${JSON.stringify(result).slice(0, 500)}`);
  },
};

const COVERAGE = `{ territories { id coverage(theme: SANTE__SANTE_MENTALE) { servicesEligible places placesPer1000Rsa uncoveredCommuneCount
  communes { commune { code } servicesEligible nearestServiceKm covered } } } }`;

/** Coverage of every territory of Pas-de-Calais (890 communes) for one theme, over 20 000 services, through the gateway. */
export const partnersCoverage: Scenario = {
  name: 'coverage of all territories, 20 000 services (62), gateway',
  description:
    'territories { coverage(theme: SANTE__SANTE_MENTALE) { … communes { servicesEligible nearestServiceKm } } }: 9 territories, every commune, need count from beneficiaries (@requires)',
  run: (ctx) => ctx.graphql(COVERAGE),
  async verify(ctx) {
    await prepare(ctx);
    const result = (await ctx.graphql(COVERAGE)) as { data?: { territories: { coverage: { communes: unknown[] } }[] }; errors?: unknown[] };
    const communes = (result.data?.territories ?? []).reduce((n, t) => n + t.coverage.communes.length, 0);
    const [{ n }] = (await ctx.query(`select count(*)::int as n from ref.territory_commune where department_code = $1`, [DEPARTMENT])) as [{ n: number }];
    if (result.errors || communes !== n) throw new Error(`Coverage covers ${communes} communes, expected ${n}: ${JSON.stringify(result).slice(0, 500)}`);
  },
};

/** The same coverage with the per-commune distance cache invalidated before every run (a write just happened). */
export const partnersCoverageCold: Scenario = {
  name: 'coverage of all territories after a write, 20 000 services (62), gateway',
  description: 'the same coverage query, the directory version bumped before each run so every nearest distance is recomputed (includes the one-row UPDATE)',
  async run(ctx) {
    await ctx.query(`update partners.directory_version set version = version + 1 where department_code = $1`, [DEPARTMENT]);
    return ctx.graphql(COVERAGE);
  },
  verify: (ctx) => partnersCoverage.verify!(ctx),
};

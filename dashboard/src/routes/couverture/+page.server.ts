import type {
  CommuneCoverageQuery,
  CoverageDepartmentQuery,
  CoverageTerritoriesQuery,
  TerritoryConventionsQuery,
  TerritoryCoverageQuery,
  TerritoryOfferQuery,
} from '#lib/graphql/operations.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { DEPARTMENT_SCOPE, loadPublicationLimits } from '#lib/server/publication.ts';
import { loadPublishedCaseload, NOT_PUBLISHED_COUNT, type PublishedCaseload, type PublishedCount } from '#lib/server/published-caseload.ts';
import type { Panel } from '#lib/server/panel.ts';
import { measureFor, type Level } from '#lib/coverage.ts';
import { themeFromParam, THEMES } from '#lib/themes.ts';
import { parisToday } from '#lib/days.ts';
import type { PageServerLoad } from './$types';
import communesDocument from './couverture-communes.graphql?raw';
import territoriesCoverageDocument from './couverture-territoires.graphql?raw';
import conventionsDocument from './conventions.graphql?raw';
import departmentDocument from './departement.graphql?raw';
import offerDocument from './panneau.graphql?raw';
import territoriesDocument from './territoires.graphql?raw';

/** Nothing to load for this panel on this view. */
const skipped = Promise.resolve(null);

/**
 * The map's data: the territories' figures, the coverage of the chosen theme at the level drawn
 * (territories, or every commune of the Département in one statement), and, for the territory
 * whose panel is open, its offer and conventions. Each is its own panel: one failing leaves the rest.
 * No geometry: `+page.ts` adds the map, a module of its own that the browser caches.
 */
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/couverture');
  const level: Level = url.searchParams.get('niveau') === 'communes' ? 'communes' : 'territoires';
  const measure = measureFor(url.searchParams.get('mesure'), level);
  const theme = themeFromParam(url.searchParams.get('theme'));
  const selected = url.searchParams.get('territoire');
  const byTheme = { theme: theme.value };

  // The territories' figures (four subgraphs) serve the territory measures and the open panel;
  // the communes map alone needs only the Département's name.
  const withTerritories = level === 'territoires' || selected !== null;
  // The people accompanied (a measure, and the territory's panel) are read from the publication: before its first run, the page says why they are not published.
  const withPeople = measure.id === 'accompagnes' || selected !== null;
  // A caller without exact counts reads each territory's caseload as published at a period's end (today's is not published); an administrator, today's.
  const exact = user.actions.includes('counts:readExact');
  const asPublished = withPeople && !exact;
  const [loaded, department, territoriesCoverage, communesCoverage, offer, conventions, limits, caseload] = await Promise.all([
    withTerritories ? loadPanel<CoverageTerritoriesQuery>(fetch, 'territoires', territoriesDocument, { live: exact }) : skipped,
    withTerritories ? skipped : loadPanel<CoverageDepartmentQuery>(fetch, 'Département', departmentDocument),
    level === 'territoires' ? loadPanel<TerritoryCoverageQuery>(fetch, 'couverture de l’offre', territoriesCoverageDocument, byTheme) : skipped,
    level === 'communes' && measure.source === 'coverage' ? loadPanel<CommuneCoverageQuery>(fetch, 'couverture de l’offre', communesDocument, byTheme) : skipped,
    selected ? loadPanel<TerritoryOfferQuery>(fetch, 'offre du territoire', offerDocument, { ...byTheme, territoryId: selected }) : skipped,
    selected ? loadPanel<TerritoryConventionsQuery>(fetch, 'conventions', conventionsDocument, { territoryId: selected, inForceOn: parisToday() }) : skipped,
    withPeople ? loadPublicationLimits(fetch, user, DEPARTMENT_SCOPE, null) : skipped,
    asPublished ? loadPublishedCaseload(fetch, user) : skipped,
  ]);
  const territories = caseload ? withPublishedCaseload(loaded, caseload) : loaded;
  const notYetPublished = limits?.nothingPublished ? limits.notice : null;

  // The geometry is not part of this data: `+page.ts` adds the Département's map module.
  // Whose caseload the people measure shows: null for today's (an administrator), else as published (its date) or the sentence said instead.
  const publishedCaseload = caseload && caseload.kind !== 'live' ? (caseload.kind === 'published' ? { kind: caseload.kind, label: caseload.label, period: caseload.period } : caseload) : null;
  return {
    departmentCode: user.departmentCode,
    department,
    level,
    measure,
    theme,
    themes: THEMES,
    selected,
    territories,
    territoriesCoverage,
    communesCoverage,
    offer,
    conventions,
    notYetPublished,
    publishedCaseload,
  };
};

/**
 * The territories' figures with each one's caseload as published (not asked with them for a caller
 * without exact counts): a territory outside the caller's reach is not published to it; null when
 * the counts could not be read (the measure's shapes are then « donnée indisponible »).
 */
function withPublishedCaseload(panel: Panel<CoverageTerritoriesQuery> | null, caseload: PublishedCaseload): Panel<CoverageTerritoriesQuery> | null {
  if (!panel?.ok || caseload.kind === 'live') return panel;
  const countOf = (id: string): PublishedCount | null =>
    caseload.kind === 'published' ? (caseload.byTerritory[id] ?? NOT_PUBLISHED_COUNT) : caseload.kind === 'not-published' ? NOT_PUBLISHED_COUNT : null;
  return { ...panel, data: { ...panel.data, territories: panel.data.territories.map((t) => ({ ...t, activeCaseload: countOf(t.id) })) } };
}

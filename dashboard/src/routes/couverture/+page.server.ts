import { requireSection } from '#lib/server/guard.ts';
import { departmentMap } from '#lib/server/geo.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { measureFor, type Level } from '#lib/coverage.ts';
import { themeFromParam, THEMES } from '#lib/themes.ts';
import type { PageServerLoad } from './$types';
import conventionsDocument from './conventions.graphql?raw';
import coverageDocument from './couverture.graphql?raw';
import territoriesDocument from './territoires.graphql?raw';

interface TerritoryRow {
  id: string;
  name: string;
  communeCount: number;
  partnerCount: number | null;
  activeBeneficiaries: number | null;
  placesContracted: number | null;
  fundingCommitted: number | null;
}

interface CoverageRow {
  id: string;
  coverage: {
    servicesEligible: number;
    placesPer1000Rsa: number | null;
    uncoveredCommunes: { code: string }[];
    communes: { commune: { code: string; name: string }; servicesEligible: number; nearestServiceKm: number | null; covered: boolean }[];
  } | null;
}

interface ConventionRow {
  id: string;
  name: string;
  places: number;
  funding: { committedCents: number; paidCents: number; balanceDueCents: number } | null;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/couverture');
  const level: Level = url.searchParams.get('niveau') === 'communes' ? 'communes' : 'territoires';
  const measure = measureFor(url.searchParams.get('mesure'), level);
  const theme = themeFromParam(url.searchParams.get('theme'));
  const selected = url.searchParams.get('territoire');

  const [map, territories, coverage, conventions] = await Promise.all([
    departmentMap(user.departmentCode),
    loadPanel<{ department: { code: string; name: string } | null; territories: TerritoryRow[] }>(fetch, 'territoires', territoriesDocument),
    measure.source === 'coverage' || selected
      ? loadPanel<{ territories: CoverageRow[] }>(fetch, 'couverture de l’offre', coverageDocument, { theme: theme.value })
      : Promise.resolve(null),
    selected
      ? loadPanel<{ conventions: { nodes: ConventionRow[] } }>(fetch, 'conventions', conventionsDocument, { territoryId: selected })
      : Promise.resolve(null),
  ]);

  // Only the shapes the chosen level draws go to the page (the communes' paths weigh ~300 kB).
  const shapes = map && (level === 'territoires' ? { ...map, communes: [] } : { ...map, territories: [] });
  return { map: shapes, level, measure, theme, themes: THEMES, selected, territories, coverage, conventions };
};

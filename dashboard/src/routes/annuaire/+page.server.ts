import type { DirectoryCommunesQuery, DirectorySearchQuery } from '#lib/graphql/operations.ts';
import { markerMap } from '#lib/server/geo.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { PageServerLoad } from './$types';
import communesDocument from './communes.graphql?raw';
import { chooseCommune, parseFilters, searchVariables, type CommuneChoice } from './filters.ts';
import searchDocument from './recherche.graphql?raw';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/annuaire');
  const filters = parseFilters(url.searchParams);
  // The person's commune first: the search needs its code (eligibility, distances).
  const communes = filters.commune ? await loadPanel<DirectoryCommunesQuery>(fetch, 'communes', communesDocument, { name: filters.commune }) : null;
  const commune: CommuneChoice = communes?.ok ? chooseCommune(filters.commune, communes.data.communes) : { chosen: null, suggestions: [] };
  const results = await loadPanel<DirectorySearchQuery>(fetch, 'recherche dans l’annuaire', searchDocument, { ...searchVariables(filters, commune.chosen?.code ?? null) });
  const edges = results.ok ? results.data.searchPartners.edges : [];
  const map = await markerMap(
    user.departmentCode,
    edges.map((e) => ({ id: e.partner.id, label: e.partner.name, communeCode: e.partner.communeCode })),
    commune.chosen?.code ?? null,
  );
  return {
    filters,
    commune,
    communesMessage: communes && !communes.ok ? communes.message : null,
    results,
    map,
  };
};

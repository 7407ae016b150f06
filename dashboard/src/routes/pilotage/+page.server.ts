import { requireSection } from '#lib/server/guard.ts';
import { filterParams, loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const filters = parseFilters(url, user);
  const view = pilotageView(await loadPilotage(fetch, filters), user);
  const bilan = filterParams(filters);
  bilan.delete('du');
  bilan.delete('au');
  bilan.set('annee', filters.from.slice(0, 4));
  return { view, query: filterParams(filters).toString(), bilanQuery: bilan.toString() };
};

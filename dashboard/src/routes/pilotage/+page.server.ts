import { requireSection } from '#lib/server/guard.ts';
import { filterParams, loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import type { PageServerLoad } from './$types';
import { loadSanctionFigures } from './sanctions.ts';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const filters = parseFilters(url, user);
  const [pilotage, sanctions] = await Promise.all([loadPilotage(fetch, filters), loadSanctionFigures(fetch, filters, user.actions)]);
  const view = pilotageView(pilotage, user);
  const bilan = filterParams(filters);
  bilan.delete('du');
  bilan.delete('au');
  bilan.set('annee', filters.from.slice(0, 4));
  return { view, sanctions, query: filterParams(filters).toString(), bilanQuery: bilan.toString() };
};

import { publishedPeriods, reachOf } from '#lib/publication.ts';
import { requireSection } from '#lib/server/guard.ts';
import { filterParams, loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import { loadPublicationLimits } from '#lib/server/publication.ts';
import type { PageServerLoad } from './$types';
import { loadSanctionFigures } from './sanctions.ts';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const filters = parseFilters(url, user);
  const [pilotage, sanctions, limits] = await Promise.all([
    loadPilotage(fetch, filters, user),
    loadSanctionFigures(fetch, filters, user.actions, reachOf(user)),
    // The grid's notice, or « pas encore publiés » before the job's first run; null for an administrator.
    loadPublicationLimits(fetch, user, filters, filters.period),
  ]);
  const view = pilotageView(pilotage, user);
  if (limits) view.options.periods = publishedPeriods(view.options.periods, limits.finest, filters.period);
  const bilan = filterParams(filters);
  bilan.delete('du');
  bilan.delete('au');
  bilan.set('annee', filters.from.slice(0, 4));
  return { view, sanctions, limits, query: filterParams(filters).toString(), bilanQuery: bilan.toString() };
};

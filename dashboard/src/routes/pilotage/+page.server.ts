import { latestClosed, publishedPeriods, reachOf } from '#lib/publication.ts';
import { requireSection } from '#lib/server/guard.ts';
import { filterParams, loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import { loadPublication, loadPublicationLimits } from '#lib/server/publication.ts';
import type { PageServerLoad } from './$types';
import { loadSanctionFigures } from './sanctions.ts';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  // A caller without exact counts reads by default the most recent period published: the publication says which (not asked for an administrator).
  const filters = parseFilters(url, user, undefined, await loadPublication(fetch, user));
  const [pilotage, sanctions, limits] = await Promise.all([
    loadPilotage(fetch, filters, user),
    loadSanctionFigures(fetch, filters, user.actions, reachOf(user)),
    // The grid's notice, or « pas encore publiés » before the job's first run; null for an administrator.
    loadPublicationLimits(fetch, user, filters, filters.period),
  ]);
  const view = pilotageView(pilotage, user);
  // Only the periods published: closed (ending with the publication's last month or before), no finer than the grid.
  if (limits) view.options.periods = publishedPeriods(view.options.periods, limits.finest, filters.period, limits.throughMonth);
  // The review of the period's year; for a caller without exact counts, of the last closed year when that one is not.
  const year = filters.from.slice(0, 4);
  const bilanYear = limits && `${year}-12` > limits.throughMonth ? latestClosed('YEAR', limits.throughMonth) : year;
  const bilan = filterParams(filters);
  bilan.delete('du');
  bilan.delete('au');
  bilan.set('annee', bilanYear);
  return { view, sanctions, limits, query: filterParams(filters).toString(), bilanQuery: bilan.toString(), bilanYear };
};

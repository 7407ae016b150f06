import { publicationLimits, publishedPeriods } from '#lib/publication.ts';
import type { PilotagePublicationQuery } from '#lib/graphql/operations.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { filterParams, loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import type { PageServerLoad } from './$types';
import publicationDocument from './publication.graphql?raw';
import { loadSanctionFigures } from './sanctions.ts';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const filters = parseFilters(url, user);
  const [pilotage, sanctions, publication] = await Promise.all([
    loadPilotage(fetch, filters),
    loadSanctionFigures(fetch, filters, user.actions),
    loadPanel<PilotagePublicationQuery>(fetch, 'publication', publicationDocument),
  ]);
  const view = pilotageView(pilotage, user);
  // Not published yet (null) or not answering: the figures carry per-query suppression, as before.
  const limits = publicationLimits(publication.ok ? publication.data.publication : null, filters, filters.period, user.actions.includes('counts:readExact'));
  if (limits) view.options.periods = publishedPeriods(view.options.periods, limits.finest, filters.period);
  const bilan = filterParams(filters);
  bilan.delete('du');
  bilan.delete('au');
  bilan.set('annee', filters.from.slice(0, 4));
  return { view, sanctions, limits, query: filterParams(filters).toString(), bilanQuery: bilan.toString() };
};

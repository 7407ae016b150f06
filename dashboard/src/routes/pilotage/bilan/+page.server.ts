import { formatDay, parisToday } from '#lib/days.ts';
import type { PilotageDepartmentQuery } from '#lib/graphql/operations.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { filterParams, loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import { closedThrough, latestClosed } from '#lib/publication.ts';
import { loadPublication, loadPublicationLimits } from '#lib/server/publication.ts';
import type { PageServerLoad } from './$types';
import departmentDocument from './departement.graphql?raw';

/**
 * The annual review (« bilan »): every figure of a year (`annee`) for the page's programme, territory
 * and operator, printable. Default: last year; for a caller without exact counts, the last year
 * published — closed (ten days after its end) and held by the publication.
 */
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const requested = Number(url.searchParams.get('annee') ?? url.searchParams.get('du')?.slice(0, 4));
  const today = parisToday();
  const publication = await loadPublication(fetch, user);
  const exact = user.actions.includes('counts:readExact');
  const lastYear = exact ? Number(today.slice(0, 4)) - 1 : Number(latestClosed('YEAR', publication?.throughMonth ?? closedThrough(today)));
  const year = Number.isInteger(requested) && requested > 2000 && requested < 2100 ? requested : lastYear;
  const filters = { ...parseFilters(url, user, today, publication), from: `${year}-01-01`, to: `${year}-12-31`, period: String(year) };
  const [data, department, limits] = await Promise.all([
    loadPilotage(fetch, filters, user),
    loadPanel<PilotageDepartmentQuery>(fetch, 'Département', departmentDocument),
    // Printed with the review: the grid and its date, or « pas encore publiés » (null: an administrator's exact figures).
    loadPublicationLimits(fetch, user, filters, filters.period),
  ]);
  const view = pilotageView(data, user);
  // « All » is the viewer's reach (its territories, its structure), named as on the page.
  const lowerFirst = (label: string): string => label.charAt(0).toLocaleLowerCase('fr-FR') + label.slice(1);
  const nameOf = (options: { id: string; name: string }[], chosen: string, all: string): string => (chosen ? (options.find((o) => o.id === chosen)?.name ?? chosen) : lowerFirst(all));
  return {
    year,
    view,
    limits,
    department: department.ok && department.data.department ? `${department.data.department.name} (${department.data.department.code})` : `Département ${user.departmentCode}`,
    scope: [
      ['Période', `du ${formatDay(filters.from)} au ${formatDay(filters.to)}`],
      ['Programme', nameOf(view.options.programmes, filters.programmeId ?? '', 'Tous les programmes')],
      ['Territoire', nameOf(view.options.territories, view.options.chosenTerritory, view.options.everyTerritory)],
      ['Opérateur', nameOf(view.options.operators, view.options.chosenOperator, view.options.everyOperator)],
    ] as [string, string][],
    editedOn: formatDay(parisToday()),
    query: filterParams(filters).toString(),
  };
};

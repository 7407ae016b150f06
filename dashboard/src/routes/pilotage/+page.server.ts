import { requireSection } from '#lib/server/guard.ts';
import { filterParams, loadPilotage, parseFilters, pilotageTables } from '#lib/server/pilotage.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/pilotage');
  const filters = parseFilters(url);
  const data = await loadPilotage(fetch, filters);
  return { ...data, tables: pilotageTables(data), query: filterParams(filters).toString() };
};

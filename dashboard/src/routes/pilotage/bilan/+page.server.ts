import { requireSection } from '#lib/server/guard.ts';
import { loadPilotage, parseFilters, pilotageTables } from '#lib/server/pilotage.ts';
import type { PageServerLoad } from './$types';

/** The annual review (« bilan »): the year of `du` (default: last year), printable. */
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const requested = Number(url.searchParams.get('annee') ?? url.searchParams.get('du')?.slice(0, 4));
  const year = Number.isInteger(requested) && requested > 2000 && requested < 2100 ? requested : new Date().getUTCFullYear() - 1;
  const base = parseFilters(url);
  const filters = { ...base, from: `${year}-01-01`, to: `${year}-12-31` };
  const data = await loadPilotage(fetch, filters);
  const unavailable = [data.indicators, data.funding, data.contracts, data.territories].flatMap((p) => (p.ok ? [] : [p.message]));
  return { year, departmentCode: user.departmentCode, tables: pilotageTables(data), unavailable };
};

// CSV / XLSX export of one table of the Pilotage page or of the annual review, with their filters.
import { error } from '@sveltejs/kit';
import { exportTable, parseFormat } from '#lib/server/export.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPilotage, parseFilters, pilotageView } from '#lib/server/pilotage.ts';
import { loadPublication, loadPublicationLimits, publicationLines } from '#lib/server/publication.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/pilotage');
  const format = parseFormat(url.searchParams.get('format'));
  if (!format) error(400, 'Format d’export inconnu : choisissez csv ou xlsx.');
  const filters = parseFilters(url, user, undefined, await loadPublication(fetch, user));
  const [data, limits] = await Promise.all([loadPilotage(fetch, filters, user), loadPublicationLimits(fetch, user, filters, filters.period)]);
  const table = pilotageView(data, user).tables.find((t) => t.id === url.searchParams.get('tableau'));
  if (!table) error(404, 'Ce tableau est inconnu ou ses données sont momentanément indisponibles.');
  // A file handed out says which publication its figures are (or that none is yet), as the page does.
  return exportTable(table, format, `pilotage-${filters.from}-${filters.to}`, publicationLines(limits));
};

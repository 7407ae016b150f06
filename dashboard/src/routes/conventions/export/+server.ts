// CSV / XLSX export of the conventions table: every convention the caller may see.
import { error } from '@sveltejs/kit';
import { exportTable, parseFormat } from '#lib/server/export.ts';
import { requireSection } from '#lib/server/guard.ts';
import { parisToday } from '#lib/days.ts';
import type { RequestHandler } from './$types';
import { loadAllConventions } from '../rows.server.ts';
import { conventionsTable } from '../rows.ts';

export const GET: RequestHandler = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/conventions');
  const format = parseFormat(url.searchParams.get('format'));
  if (!format) error(400, 'Format d’export inconnu : choisissez csv ou xlsx.');
  const rows = await loadAllConventions(fetch);
  if (!rows) error(503, 'Les conventions sont momentanément indisponibles : réessayez dans quelques instants.');
  return exportTable(conventionsTable(rows), format, `passerelles-${parisToday()}`);
};

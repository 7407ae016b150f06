// CSV export of the access log, with the page's filters: every matching line, not only the page shown.
import { error } from '@sveltejs/kit';
import { stringify } from 'csv-stringify/sync';
import { parisToday } from '#lib/days.ts';
import type { AccessLogQuery } from '#lib/graphql/operations.ts';
import { labelOf, ROLES } from '#lib/labels.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import { OPERATIONS, parseFilters, RECORD_TYPES } from '../filters.ts';
import journalDocument from '../journal.graphql?raw';
import type { RequestHandler } from './$types';

/** The API's largest page. */
const PAGE_SIZE = 200;
/** Beyond this, the administrator narrows the filters (a year of a large Département's log is more). */
const MAX_LINES = 50_000;

const parisMoment = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });

const COLUMNS = ['date_heure_paris', 'utilisateur', 'identifiant_utilisateur', 'role', 'operation', 'type_dossier', 'dossiers', 'identifiant_ligne'];

export const GET: RequestHandler = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/administration');
  const filters = parseFilters(url.searchParams);
  if (!filters.ok) error(400, `Filtres invalides : ${Object.values(filters.errors).join(' ')}`);
  const rows: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const panel: Panel<AccessLogQuery> = await loadPanel<AccessLogQuery>(fetch, 'journal des accès', journalDocument, { ...filters.variables, first: PAGE_SIZE, after });
    if (!panel.ok) error(503, panel.message);
    const { nodes, hasNextPage, endCursor }: AccessLogQuery['accessLog'] = panel.data.accessLog;
    for (const line of nodes) {
      rows.push([
        parisMoment.format(new Date(line.at)),
        line.userDisplayName ?? '',
        line.userId,
        labelOf(ROLES, line.role),
        labelOf(OPERATIONS, line.operation),
        labelOf(RECORD_TYPES, line.recordType),
        line.recordIds.join(' '),
        line.id,
      ]);
    }
    if (rows.length > MAX_LINES) error(413, `Plus de ${MAX_LINES.toLocaleString('fr-FR')} lignes : précisez les filtres (période, personne ou utilisateur) pour exporter.`);
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  // Semicolons and a BOM for spreadsheets set to French; a cell starting with = + - @ is escaped
  // so that a name typed by someone cannot become a formula in the administrator's spreadsheet.
  const csv = stringify([COLUMNS, ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows', escape_formulas: true });
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="journal-des-acces-${parisToday()}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
};

// One page of conventions (contracts, with occupancy from beneficiaries and money from funding)
// and, in an operation of its own, the names of their operators and programmes (partners,
// funding): a subgraph down blanks only what it owns.
import type { ConventionOperatorsQuery, ConventionProgrammesQuery, ConventionsQuery } from '#lib/graphql/operations.ts';
import { parisToday } from '#lib/days.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import conventionsDocument from './conventions.graphql?raw';
import operatorsDocument from './operateurs.graphql?raw';
import programmesDocument from './programmes.graphql?raw';
import { toRow, type ConventionRow } from './rows.ts';

export const PAGE_SIZE = 50;
/** Export: every page, up to this many conventions (a Département has a few dozen). */
const MAX_EXPORT_PAGES = 20;

export interface ConventionsPage {
  conventions: Panel<{ rows: ConventionRow[]; endCursor: string | null; hasNextPage: boolean }>;
  /** Why the operators' names are missing, if they are. */
  namesMessage: string | null;
}

/** Names by convention id from one of the naming operations, or null when it failed. */
function namesOf<T extends { conventions: { nodes: { id: string }[] } }>(panel: Panel<T>, name: (node: T['conventions']['nodes'][number]) => string): Map<string, string> | null {
  return panel.ok ? new Map(panel.data.conventions.nodes.map((n) => [n.id, name(n)])) : null;
}

/**
 * One page of the table. The programmes' names (funding) are read only for the export: the page
 * does not show them, and a funding subgraph down must not hide the operators' names.
 */
export async function loadConventionsPage(fetch: typeof globalThis.fetch, after: string | null, withProgrammes = false): Promise<ConventionsPage> {
  const variables = { first: PAGE_SIZE, after };
  const [main, operators, programmes] = await Promise.all([
    // Occupancy today, as every other page shows it.
    loadPanel<ConventionsQuery>(fetch, 'conventions', conventionsDocument, { ...variables, on: parisToday() }),
    loadPanel<ConventionOperatorsQuery>(fetch, 'opérateurs', operatorsDocument, variables),
    withProgrammes ? loadPanel<ConventionProgrammesQuery>(fetch, 'programmes', programmesDocument, variables) : Promise.resolve(null),
  ]);
  if (!main.ok) return { conventions: main, namesMessage: null };
  const names = { operators: namesOf(operators, (n) => n.operator.name), programmes: programmes ? namesOf(programmes, (n) => n.programme.name) : null };
  const { nodes, pageInfo } = main.data.conventions;
  return {
    conventions: { ok: true, partial: main.partial, data: { rows: nodes.map((c) => toRow(c, names)), endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage } },
    namesMessage: operators.ok ? null : operators.message,
  };
}

/** Every convention the caller may see, for the export. */
export async function loadAllConventions(fetch: typeof globalThis.fetch): Promise<ConventionRow[] | null> {
  const rows: ConventionRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_EXPORT_PAGES; page++) {
    const { conventions }: ConventionsPage = await loadConventionsPage(fetch, after, true);
    if (!conventions.ok) return null;
    rows.push(...conventions.data.rows);
    if (!conventions.data.hasNextPage) break;
    after = conventions.data.endCursor;
  }
  return rows;
}

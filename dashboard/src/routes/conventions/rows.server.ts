// One page of conventions (contracts, with occupancy from beneficiaries and money from funding)
// and, in an operation of its own, the names of their operators and programmes (partners,
// funding): a subgraph down blanks only what it owns.
import type { ConventionOperatorsQuery, ConventionsQuery } from '#lib/graphql/operations.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import conventionsDocument from './conventions.graphql?raw';
import operatorsDocument from './operateurs.graphql?raw';
import { toRow, type ConventionRow } from './rows.ts';

export const PAGE_SIZE = 50;
/** Export: every page, up to this many conventions (a Département has a few dozen). */
const MAX_EXPORT_PAGES = 20;

export interface ConventionsPage {
  conventions: Panel<{ rows: ConventionRow[]; endCursor: string | null; hasNextPage: boolean }>;
  /** Why operators' and programmes' names are missing, if they are. */
  namesMessage: string | null;
}

/** One page of the table. */
export async function loadConventionsPage(fetch: typeof globalThis.fetch, after: string | null, exactCounts: boolean): Promise<ConventionsPage> {
  const variables = { first: PAGE_SIZE, after };
  const [main, names] = await Promise.all([
    loadPanel<ConventionsQuery>(fetch, 'conventions', conventionsDocument, variables),
    loadPanel<ConventionOperatorsQuery>(fetch, 'opérateurs et programmes', operatorsDocument, variables),
  ]);
  if (!main.ok) return { conventions: main, namesMessage: null };
  const byId = names.ok ? new Map(names.data.conventions.nodes.map((n) => [n.id, { operator: n.operator.name, programme: n.programme.name }])) : null;
  const { nodes, pageInfo } = main.data.conventions;
  return {
    conventions: { ok: true, partial: main.partial, data: { rows: nodes.map((c) => toRow(c, byId, exactCounts)), endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage } },
    namesMessage: names.ok ? null : names.message,
  };
}

/** Every convention the caller may see, for the export. */
export async function loadAllConventions(fetch: typeof globalThis.fetch, exactCounts: boolean): Promise<ConventionRow[] | null> {
  const rows: ConventionRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_EXPORT_PAGES; page++) {
    const { conventions }: ConventionsPage = await loadConventionsPage(fetch, after, exactCounts);
    if (!conventions.ok) return null;
    rows.push(...conventions.data.rows);
    if (!conventions.data.hasNextPage) break;
    after = conventions.data.endCursor;
  }
  return rows;
}


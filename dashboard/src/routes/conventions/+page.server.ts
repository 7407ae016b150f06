import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { PageServerLoad } from './$types';
import conventionsDocument from './conventions.graphql?raw';

interface ConventionRow {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  places: number;
  /** Active caseload ÷ places (1 = full). */
  occupancy: number | null;
  operator: { id: string; name: string } | null;
  funding: {
    committedCents: number;
    paidCents: number;
    balanceDueCents: number;
    finalReport: { dueOn: string; receivedOn: string | null; overdue: boolean } | null;
  } | null;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/conventions');
  const conventions = await loadPanel<{ conventions: { nodes: ConventionRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
    fetch,
    'conventions',
    conventionsDocument,
    { first: 50, after: url.searchParams.get('apres') || null },
  );
  return { conventions };
};

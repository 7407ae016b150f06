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
  occupancy: { filled: number | null; rate: number | null } | null;
  operator: { id: string; name: string } | null;
  funding: { committedCents: number; paidCents: number; balanceDueCents: number } | null;
  payments: { id: string; paidOn: string; amountCents: number }[];
  finalReport: { submittedOn: string | null; status: string } | null;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/conventions');
  const conventions = await loadPanel<{ conventions: { nodes: ConventionRow[]; endCursor: string | null; hasNextPage: boolean } }>(
    fetch,
    'conventions',
    conventionsDocument,
    { first: 50, after: url.searchParams.get('apres') || null },
  );
  return { conventions };
};

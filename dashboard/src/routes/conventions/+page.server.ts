import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { ConventionsQuery, ConventionsQueryVariables } from '#lib/graphql/operations.ts';
import type { PageServerLoad } from './$types';
import conventionsDocument from './conventions.graphql?raw';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/conventions');
  const variables: ConventionsQueryVariables = { first: 50, after: url.searchParams.get('apres') || null };
  const conventions = await loadPanel<ConventionsQuery>(fetch, 'conventions', conventionsDocument, variables);
  return { conventions };
};

import { error } from '@sveltejs/kit';
import type { ConventionDetailQuery, ConventionFundingQuery, ConventionNamesQuery } from '#lib/graphql/operations.ts';
import { parisToday } from '#lib/days.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { PageServerLoad } from './$types';
import conventionDocument from './convention.graphql?raw';
import fundingDocument from './financement.graphql?raw';
import namesDocument from './noms.graphql?raw';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireSection(locals.user, '/conventions');
  // The API answers null for a convention the caller may not see (another operator's): a 404 too.
  if (!UUID.test(params.id)) error(404, 'Cette convention est introuvable.');
  const variables = { id: params.id };
  const [convention, names, funding] = await Promise.all([
    loadPanel<ConventionDetailQuery>(fetch, 'convention', conventionDocument, { ...variables, on: parisToday() }),
    loadPanel<ConventionNamesQuery>(fetch, 'opérateur et territoires', namesDocument, variables),
    loadPanel<ConventionFundingQuery>(fetch, 'financement', fundingDocument, variables),
  ]);
  if (!convention.ok && convention.notFound) error(404, 'Cette convention est introuvable, ou ne fait pas partie de votre périmètre.');
  return { convention, names, funding };
};

import { requireSection } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';
import { loadConventionsPage } from './rows.server.ts';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/conventions');
  const after = url.searchParams.get('apres') || null;
  return { ...(await loadConventionsPage(fetch, after)), after };
};

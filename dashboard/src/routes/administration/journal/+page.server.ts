import type { AccessLogQuery, AdminUsersQuery } from '#lib/graphql/operations.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import usersDocument from '../utilisateurs.graphql?raw';
import { parseFilters } from './filters.ts';
import journalDocument from './journal.graphql?raw';
import type { PageServerLoad } from './$types';

/** Lines per page of the log. */
const PAGE_SIZE = 50;
const CURSOR = /^\d{1,19}$/;

/**
 * « Journal des accès »: who read or wrote which records, when, with which role, filtered by
 * person, user and days. The gateway decides who may read it (`accessLog:read`) and scopes it to
 * the administrator's Département; the section guard answers other roles with a French 403.
 */
export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/administration');
  const filters = parseFilters(url.searchParams);
  const after = url.searchParams.get('apres');
  const users = loadPanel<AdminUsersQuery>(fetch, 'utilisateurs', usersDocument);
  const log: Promise<Panel<AccessLogQuery> | null> = filters.ok
    ? loadPanel<AccessLogQuery>(fetch, 'journal des accès', journalDocument, { ...filters.variables, first: PAGE_SIZE, after: after && CURSOR.test(after) ? after : null })
    : Promise.resolve(null);
  return { filters, log: await log, users: await users, paged: Boolean(after) };
};

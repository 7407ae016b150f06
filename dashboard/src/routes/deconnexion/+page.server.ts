import { redirect } from '@sveltejs/kit';
import { authUrl, SESSION_COOKIE, sessionHeaders } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** Ends the session at the gateway (so the token is useless anywhere), then forgets the cookie. */
  default: async ({ cookies, locals, getClientAddress }) => {
    await fetch(authUrl('logout'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessionHeaders(locals.sessionToken, getClientAddress()) },
      body: '{}',
    }).catch(() => undefined);
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/connexion');
  },
};

import { redirect } from '@sveltejs/kit';
import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit/hooks';
import { serverEnv } from '#lib/server/env.ts';
import { currentUser, SESSION_COOKIE, sessionHeaders } from '#lib/server/session.ts';

/** Pages anyone may open without a session. */
const PUBLIC_PATHS = ['/connexion', '/invitation'];

/** Every page needs a signed-in user, except the login page; the user is known to every load. */
export const handle: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE) ?? null;
  event.locals.sessionToken = token;
  event.locals.user = await currentUser(token, event.getClientAddress());
  if (!event.locals.user) {
    if (token) event.cookies.delete(SESSION_COOKIE, { path: '/' });
    const path = event.url.pathname;
    if (!PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) {
      redirect(303, `/connexion?redirection=${encodeURIComponent(path + event.url.search)}`);
    }
  }
  const response = await resolve(event);
  // A page drawn for one user is never stored by a shared cache (proxy, CDN) to be served to another.
  if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
  return response;
};

/** Requests from load functions to the gateway carry the user's session. */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  if (new URL(request.url).origin === new URL(serverEnv.gatewayUrl).origin) {
    for (const [name, value] of Object.entries(sessionHeaders(event.locals.sessionToken, event.getClientAddress()))) {
      request.headers.set(name, value);
    }
  }
  return fetch(request);
};

/** French messages for the errors SvelteKit raises itself (unknown route, wrong method…). */
function frameworkMessage(status: number): string {
  switch (status) {
    case 404:
      return "Cette page n'existe pas.";
    case 405:
      return "Cette action n'est pas autorisée sur cette page.";
    default:
      return "La requête n'a pas pu aboutir.";
  }
}

export const handleError: HandleServerError = ({ kind, error, event }) => {
  switch (kind) {
    case 'app':
      // Thrown with `error(...)`: the message is already written for users, in French.
      return;
    case 'framework':
      return { message: frameworkMessage(error.status) };
    case 'validation':
      return { message: 'La requête est invalide.' };
    case 'unknown':
      console.error(`[dashboard] unexpected error on ${event.request.method} ${event.url.pathname}`, error);
      return { message: 'Une erreur inattendue est survenue.' };
  }
};

import { error, redirect } from '@sveltejs/kit';
import { authUrl, SESSION_COOKIE, sessionFromResponse, sessionHeaders } from '#lib/server/session.ts';
import type { RequestHandler } from './$types';

/**
 * OIDC (ProConnect): without `code`, asks the gateway for the provider's authorization URL and
 * sends the browser there; back from the provider (the registered redirect URI is this page), hands
 * the whole callback URL to the gateway, which checks state, nonce and PKCE and opens a session.
 */
export const GET: RequestHandler = async ({ url, cookies, getClientAddress }) => {
  const headers = { 'content-type': 'application/json', ...sessionHeaders(null, getClientAddress()) };
  if (!url.searchParams.has('code') && !url.searchParams.has('error')) {
    const response = await fetch(authUrl('oidc/start'), { method: 'POST', headers, body: JSON.stringify({ returnTo: '/' }) });
    if (!response.ok) error(503, 'La connexion par fournisseur d’identité est indisponible.');
    redirect(303, ((await response.json()) as { authorizationUrl: string }).authorizationUrl);
  }
  const response = await fetch(authUrl('oidc/callback'), { method: 'POST', headers, body: JSON.stringify({ url: url.href }) });
  if (!response.ok) error(401, 'Connexion refusée : aucun compte actif ne correspond à cette identité.');
  const { returnTo } = (await response.json()) as { returnTo: string };
  const session = sessionFromResponse(response);
  if (!session) error(503, 'La connexion par fournisseur d’identité est indisponible.');
  cookies.set(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: session.expires });
  redirect(303, returnTo.startsWith('/') ? returnTo : '/');
};

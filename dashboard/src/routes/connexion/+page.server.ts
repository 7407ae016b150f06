import { fail, redirect } from '@sveltejs/kit';
import { authUrl, SESSION_COOKIE, sessionFromResponse, sessionHeaders } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

/** Only local paths: a login link must not send the user to another site. */
function safeRedirection(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  if (locals.user) redirect(303, safeRedirection(url.searchParams.get('redirection')));
  const oidc = await fetch(authUrl('oidc'))
    .then(async (r) => (r.ok ? ((await r.json()) as { enabled: boolean }).enabled : false))
    .catch(() => false);
  return { oidcEnabled: oidc, redirection: safeRedirection(url.searchParams.get('redirection')) };
};

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, message: 'Saisissez votre adresse e-mail et votre mot de passe.' });
    let response: Response;
    try {
      response = await fetch(authUrl('login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sessionHeaders(null, getClientAddress()) },
        body: JSON.stringify({ email, password }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return fail(503, { email, message: 'Le service de connexion est momentanément indisponible.' });
    }
    if (response.status === 429) return fail(429, { email, message: 'Trop de tentatives. Réessayez dans quelques minutes.' });
    if (!response.ok) return fail(401, { email, message: 'Adresse e-mail ou mot de passe incorrect.' });
    await response.body?.cancel();
    const session = sessionFromResponse(response);
    if (!session) return fail(503, { email, message: 'Le service de connexion est momentanément indisponible.' });
    cookies.set(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      expires: session.expires,
    });
    redirect(303, safeRedirection(form.get('redirection')?.toString() ?? null));
  },
};

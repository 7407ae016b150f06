import { fail } from '@sveltejs/kit';
import { authUrl, sessionHeaders } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

/** Same rule as the gateway (`MIN_PASSWORD_LENGTH`), checked here to answer at once. */
const MIN_PASSWORD_LENGTH = 12;

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
  /** Accepts an invitation: the person chooses their password, then signs in. */
  default: async ({ params, request, getClientAddress }) => {
    const form = await request.formData();
    const password = String(form.get('password') ?? '');
    const confirmation = String(form.get('confirmation') ?? '');
    if (password.length < MIN_PASSWORD_LENGTH) return fail(400, { message: `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.` });
    if (password !== confirmation) return fail(400, { message: 'Les deux mots de passe ne sont pas identiques.' });
    let response: Response;
    try {
      response = await fetch(authUrl('invitations/accept'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sessionHeaders(null, getClientAddress()) },
        body: JSON.stringify({ token: params.token, password }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return fail(503, { message: 'Le service de connexion est momentanément indisponible.' });
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      return fail(400, { message: body?.message ?? 'Invitation inconnue, déjà utilisée ou expirée.' });
    }
    return { accepted: true };
  },
};

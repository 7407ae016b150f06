import { fail } from '@sveltejs/kit';
import { gatewayQuery, GatewayUnavailableError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { Actions, PageServerLoad } from './$types';
import deactivateDocument from './desactiver.graphql?raw';
import confirmDocument from './import-confirmer.graphql?raw';
import previewDocument from './import-apercu.graphql?raw';
import inviteDocument from './inviter.graphql?raw';
import territoriesDocument from './territoires.graphql?raw';
import usersDocument from './utilisateurs.graphql?raw';

interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: string;
  territoryIds: string[];
  active: boolean;
  lastLoginAt: string | null;
}

const ROLES = ['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER'];
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async ({ fetch, locals }) => {
  requireSection(locals.user, '/administration');
  const [users, territories] = await Promise.all([
    loadPanel<{ users: UserRow[] }>(fetch, 'utilisateurs', usersDocument),
    loadPanel<{ territories: { id: string; name: string; kind: string; communeCount: number }[] }>(fetch, 'territoires', territoriesDocument),
  ]);
  return { users, territories };
};

async function run<T>(fetch: typeof globalThis.fetch, document: string, variables: Record<string, unknown>): Promise<{ data: T | null; message: string | null }> {
  try {
    const { data, errors } = await gatewayQuery<T>(fetch, document, variables);
    return { data, message: data ? null : (errors[0]?.message ?? 'service indisponible') };
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) return { data: null, message: 'le service de données ne répond pas' };
    throw cause;
  }
}

export const actions: Actions = {
  inviter: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const displayName = String(form.get('displayName') ?? '').trim();
    const role = String(form.get('role') ?? '');
    const errors: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors['email'] = 'Saisissez une adresse e-mail valide.';
    if (!displayName) errors['displayName'] = 'Saisissez le nom de la personne.';
    if (!ROLES.includes(role)) errors['role'] = 'Choisissez un rôle.';
    if (Object.keys(errors).length > 0) return fail(400, { action: 'inviter', errors, email, displayName });
    const { data, message } = await run<{ inviteUser: { ok: boolean; error: string | null; invitationToken: string | null } }>(fetch, inviteDocument, {
      input: { email, displayName, role },
    });
    if (!data) return fail(503, { action: 'inviter', errors: { général: `L’invitation a échoué : ${message}.` }, email, displayName });
    if (!data.inviteUser.ok) return fail(400, { action: 'inviter', errors: { général: data.inviteUser.error ?? 'L’invitation a été refusée.' }, email, displayName });
    return { action: 'inviter', invited: email, invitationToken: data.inviteUser.invitationToken };
  },
  desactiver: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const id = String((await request.formData()).get('id') ?? '');
    const { data, message } = await run<{ deactivateUser: { ok: boolean; error: string | null } }>(fetch, deactivateDocument, { id });
    if (!data?.deactivateUser.ok) return fail(400, { action: 'desactiver', errors: { général: data?.deactivateUser.error ?? `La désactivation a échoué : ${message}.` } });
    return { action: 'desactiver', deactivated: id };
  },
  apercu: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const form = await request.formData();
    const file = form.get('fichier');
    const kind = String(form.get('kind') ?? '');
    if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'apercu', errors: { fichier: 'Choisissez un fichier CSV ou data·inclusion (JSON).' } });
    if (file.size > MAX_IMPORT_BYTES) return fail(400, { action: 'apercu', errors: { fichier: 'Le fichier dépasse 5 Mo.' } });
    if (kind !== 'BENEFICIARIES_CSV' && kind !== 'DATA_INCLUSION') return fail(400, { action: 'apercu', errors: { kind: 'Choisissez le type de fichier.' } });
    const { data, message } = await run<{
      previewImport: { ok: boolean; error: string | null; importId: string | null; acceptedRows: number; rejectedRows: { line: number; reason: string }[] };
    }>(fetch, previewDocument, { input: { kind, fileName: file.name, content: await file.text() } });
    if (!data) return fail(503, { action: 'apercu', errors: { général: `L’import n’est pas disponible : ${message}.` } });
    if (!data.previewImport.ok) return fail(400, { action: 'apercu', errors: { général: data.previewImport.error ?? 'Le fichier a été refusé.' } });
    return { action: 'apercu', preview: data.previewImport, fileName: file.name };
  },
  confirmer: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const id = String((await request.formData()).get('importId') ?? '');
    const { data, message } = await run<{ confirmImport: { ok: boolean; error: string | null; importedRows: number } }>(fetch, confirmDocument, { id });
    if (!data?.confirmImport.ok) return fail(400, { action: 'confirmer', errors: { général: data?.confirmImport.error ?? `La confirmation a échoué : ${message}.` } });
    return { action: 'confirmer', importedRows: data.confirmImport.importedRows };
  },
};

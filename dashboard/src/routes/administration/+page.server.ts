import { fail, type ActionFailure } from '@sveltejs/kit';
import { gatewayQuery, GatewayUnavailableError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { Actions, PageServerLoad } from './$types';
import deactivateDocument from './desactiver.graphql?raw';
import beneficiariesImportDocument from './import-apercu.graphql?raw';
import dataInclusionImportDocument from './import-confirmer.graphql?raw';
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

interface ImportReport {
  kind: 'BENEFICIARIES_CSV' | 'DATA_INCLUSION';
  ok: boolean;
  /** What was (or would be) written, in French. */
  summary: string;
  rejected: { line: string; reason: string }[];
}

interface BeneficiariesReport {
  ok: boolean;
  rowsRead: number;
  beneficiariesWritten: number;
  accompanimentsWritten: number;
  rejected: { line: number; column: string; reason: string }[];
}

interface DataInclusionReport {
  ok: boolean;
  structuresCreated: number;
  structuresUpdated: number;
  servicesCreated: number;
  servicesUpdated: number;
  errors: { recordType: string; index: number; id: string | null; messages: string[] }[];
}

const fileText = async (value: FormDataEntryValue | null): Promise<string | null> =>
  value instanceof File ? (value.size > 0 && value.size <= MAX_IMPORT_BYTES ? await value.text() : null) : typeof value === 'string' && value ? value : null;

/** Preview (`dryRun`) or import of a beneficiaries CSV or of data·inclusion structures and services. */
type ImportOutcome = { action: string; report?: ImportReport; sent?: Record<string, string>; errors?: Record<string, string> };

async function importAction(
  fetch: typeof globalThis.fetch,
  locals: App.Locals,
  form: FormData,
  dryRun: boolean,
): Promise<ImportOutcome | ActionFailure<ImportOutcome>> {
  requireSection(locals.user, '/administration');
  const action = dryRun ? 'apercu' : 'confirmer';
  const kind = String(form.get('kind') ?? '');
  if (kind !== 'BENEFICIARIES_CSV' && kind !== 'DATA_INCLUSION') return fail(400, { action, errors: { kind: 'Choisissez le type de fichier.' } });
  const content = await fileText(form.get('fichier'));
  if (!content) return fail(400, { action, errors: { fichier: 'Choisissez un fichier CSV ou data·inclusion (JSON) de 5 Mo au plus.' } });
  let report: ImportReport;
  let sent: Record<string, string>;
  if (kind === 'BENEFICIARIES_CSV') {
    const { data, message } = await run<{ importBeneficiaries: BeneficiariesReport }>(fetch, beneficiariesImportDocument, { csv: content, dryRun });
    if (!data) return fail(503, { action, errors: { général: `L’import n’est pas disponible : ${message}.` } });
    const r = data.importBeneficiaries;
    report = {
      kind,
      ok: r.ok,
      summary: `${r.rowsRead} lignes lues : ${r.beneficiariesWritten} personnes et ${r.accompanimentsWritten} accompagnements ${dryRun ? 'à importer' : 'importés'}.`,
      rejected: r.rejected.map((x) => ({ line: `ligne ${x.line}, colonne ${x.column}`, reason: x.reason })),
    };
    sent = { fichier: content };
  } else {
    const services = await fileText(form.get('fichierServices'));
    if (!services) return fail(400, { action, errors: { fichier: 'Joignez aussi le fichier des services data·inclusion (JSON).' } });
    const { data, message } = await run<{ importDataInclusion: DataInclusionReport }>(fetch, dataInclusionImportDocument, { structures: content, services, dryRun });
    if (!data) return fail(503, { action, errors: { général: `L’import n’est pas disponible : ${message}.` } });
    const r = data.importDataInclusion;
    report = {
      kind,
      ok: r.ok,
      summary: `Structures : ${r.structuresCreated} créées, ${r.structuresUpdated} mises à jour ; services : ${r.servicesCreated} créés, ${r.servicesUpdated} mis à jour${dryRun ? ' (aperçu, rien n’est encore écrit)' : ''}.`,
      rejected: r.errors.map((x) => ({ line: `${x.recordType === 'SERVICE' ? 'service' : 'structure'} n° ${x.index + 1}${x.id ? ` (${x.id})` : ''}`, reason: x.messages.join(' ; ') })),
    };
    sent = { fichier: content, fichierServices: services };
  }
  if (!dryRun && !report.ok) return fail(400, { action, report, errors: { général: 'Le fichier a été refusé : rien n’a été importé.' } });
  return dryRun ? { action, report, sent } : { action, report };
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
  /** Checks the file(s) with `dryRun: true`: nothing is written; the page shows the report. */
  apercu: async ({ fetch, locals, request }) => importAction(fetch, locals, await request.formData(), true),
  /** Writes the same file(s), sent back by the preview's form (all or nothing on the gateway's side). */
  confirmer: async ({ fetch, locals, request }) => importAction(fetch, locals, await request.formData(), false),
};

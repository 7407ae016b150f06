import { fail, type ActionFailure } from '@sveltejs/kit';
import type {
  AdminPartnersQuery,
  AdminTerritoriesQuery,
  AdminUsersQuery,
  ChangeUserRoleMutation,
  DeactivateUserMutation,
  ImportBeneficiariesMutation,
  ImportDataInclusionMutation,
  InviteUserMutation,
  ResendInvitationMutation,
  RevokeInvitationMutation,
  UserRole,
} from '#lib/graphql/operations.ts';
import { ROLES } from '#lib/labels.ts';
import { gatewayQuery, GatewayUnavailableError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import type { Actions, PageServerLoad } from './$types';
import changeRoleDocument from './changer-role.graphql?raw';
import deactivateDocument from './desactiver.graphql?raw';
import dataInclusionImportDocument from './import-data-inclusion.graphql?raw';
import beneficiariesImportDocument from './import-personnes.graphql?raw';
import { beneficiaryReason, dataInclusionReason } from './import-reasons.ts';
import inviteDocument from './inviter.graphql?raw';
import partnersDocument from './partenaires.graphql?raw';
import resendDocument from './renvoyer-invitation.graphql?raw';
import revokeDocument from './revoquer-invitation.graphql?raw';
import territoriesDocument from './territoires.graphql?raw';
import usersDocument from './utilisateurs.graphql?raw';

/**
 * The file(s) travel inside one GraphQL body, escaped as a JSON string, which the gateway takes up
 * to 8 MiB from an administrator; the preview sends them back in its page for « Confirmer ».
 * 2 MiB holds a year of a large Département's people (about 15 000 CSV lines). Larger exports
 * are imported with the command line (`npm run import`, README).
 */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const TOO_LARGE = 'de 2 Mo au plus ; un fichier plus gros s’importe avec la commande d’import (voir la documentation)';
const MAX_PARTNER_PAGES = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Partners = AdminPartnersQuery['partners']['nodes'];

/** Every structure of the Département (an operator account works for one), a page at a time. */
async function loadPartners(fetch: typeof globalThis.fetch): Promise<Panel<Partners>> {
  const nodes: Partners = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PARTNER_PAGES; page++) {
    const panel: Panel<AdminPartnersQuery> = await loadPanel<AdminPartnersQuery>(fetch, 'structures', partnersDocument, { after });
    if (!panel.ok) return panel;
    nodes.push(...panel.data.partners.nodes);
    if (!panel.data.partners.hasNextPage) break;
    after = panel.data.partners.endCursor;
  }
  return { ok: true, partial: false, data: nodes };
}

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const user = requireSection(locals.user, '/administration');
  const [users, territories, partners] = await Promise.all([
    loadPanel<AdminUsersQuery>(fetch, 'utilisateurs', usersDocument),
    loadPanel<AdminTerritoriesQuery>(fetch, 'territoires', territoriesDocument),
    loadPartners(fetch),
  ]);
  return { users, territories, partners, me: user.id };
};

/** Runs a mutation; `message` (French) says why there is no data. */
async function run<T>(fetch: typeof globalThis.fetch, document: string, variables: Record<string, unknown>): Promise<{ data: T | null; message: string | null }> {
  try {
    const { data, errors } = await gatewayQuery<T>(fetch, document, variables);
    if (!data) console.warn(`[dashboard] administration: ${errors.map((e) => e.message).join('; ')}`);
    const forbidden = errors.some((e) => e.extensions?.['code'] === 'FORBIDDEN');
    return { data, message: data ? null : forbidden ? 'votre rôle ne le permet pas' : 'le service ne répond pas, réessayez dans quelques instants' };
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) return { data: null, message: 'le service de données ne répond pas' };
    throw cause;
  }
}

/** The gateway's user-management refusals (English), in French. */
/** A refusal of the API (`MutationError`), in French, on the form field it names. */
function accountErrors(error: { code: string; field: string | null } | null): Record<string, string> {
  switch (error?.code) {
    case 'EMAIL_TAKEN':
      return { email: 'Cette adresse e-mail est déjà celle d’un compte.' };
    case 'PARTNER_REQUIRED':
      return { partnerId: 'Choisissez la structure pour laquelle travaille l’opérateur.' };
    case 'UNKNOWN_TERRITORY':
      return { général: 'Un des territoires choisis n’est pas un territoire du Département.' };
    case 'OWN_ACCOUNT':
      return { général: 'Vous ne pouvez pas désactiver votre propre compte.' };
    case 'NOT_FOUND':
      return { général: 'Ce compte n’existe pas, ou plus, dans votre Département.' };
    case 'NOT_PENDING':
      return { général: 'Cette invitation n’est plus en attente : elle a été acceptée ou révoquée, ou le compte a été désactivé.' };
    case 'BAD_USER_INPUT':
      if (error.field === 'input.email') return { email: 'Saisissez une adresse e-mail valide.' };
      if (error.field === 'input.displayName') return { displayName: 'Saisissez le nom de la personne.' };
      return { général: 'La demande a été refusée : vérifiez les informations saisies.' };
    default:
      return { général: 'La demande a été refusée.' };
  }
}

const isRole = (value: string): value is UserRole => Object.hasOwn(ROLES, value);

/** Role and scope from a form: territories for référents and prescribers, a structure for operators. */
function readScope(form: FormData, errors: Record<string, string>): { role: UserRole | null; territoryIds: string[]; partnerId: string | null } {
  const role = String(form.get('role') ?? '');
  if (!isRole(role)) {
    errors['role'] = 'Choisissez un rôle.';
    return { role: null, territoryIds: [], partnerId: null };
  }
  const territoryIds = role === 'REFERENT' || role === 'PRESCRIBER' ? form.getAll('territoires').map(String).filter(Boolean) : [];
  // Whether the role needs a structure is the API's rule: a missing one comes back as PARTNER_REQUIRED.
  const partnerId = role === 'OPERATOR' ? String(form.get('partnerId') ?? '') : '';
  return { role, territoryIds, partnerId: partnerId || null };
}

// ── Imports ────────────────────────────────────────────────────────────────────────────────

type ImportKind = 'BENEFICIARIES_CSV' | 'DATA_INCLUSION';

interface ImportReport {
  kind: ImportKind;
  ok: boolean;
  /** What was (or would be) written, in French. */
  summary: string;
  /** Every rejected value: where (line or record), which column or field, why (French). */
  rejected: { where: string; column: string; reason: string }[];
}

interface ImportOutcome {
  action: 'apercu' | 'confirmer';
  report?: ImportReport;
  /** The files checked by the preview, sent back by its « Confirmer l’import » form. */
  sent?: Record<string, string>;
  errors?: Record<string, string>;
}

/** The text of an uploaded file (or of the same file sent back by the preview), or null when absent or too large. */
async function fileText(value: FormDataEntryValue | null): Promise<string | null> {
  const text = value instanceof File ? (value.size > 0 && value.size <= MAX_IMPORT_BYTES ? await value.text() : null) : typeof value === 'string' && value ? value : null;
  return text !== null && Buffer.byteLength(text) <= MAX_IMPORT_BYTES ? text : null;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;

function beneficiariesReport(r: ImportBeneficiariesMutation['importBeneficiaries'], dryRun: boolean): ImportReport {
  return {
    kind: 'BENEFICIARIES_CSV',
    ok: r.ok,
    summary: r.ok
      ? `${dryRun ? 'À importer' : 'Importés'} : ${plural(r.beneficiariesWritten, 'personne', 'personnes')} et ${plural(r.accompanimentsWritten, 'accompagnement', 'accompagnements')} (${plural(r.rowsRead, 'ligne lue', 'lignes lues')}).`
      : `${plural(r.rowsRead, 'ligne lue', 'lignes lues')} ; ${plural(r.rejected.length, 'valeur rejetée', 'valeurs rejetées')} : rien ne sera importé tant que le fichier n’est pas corrigé.`,
    rejected: r.rejected.map((x) => ({ where: `ligne ${x.line}`, column: x.column || '(toute la ligne)', reason: beneficiaryReason(x.reason) })),
  };
}

function dataInclusionReport(r: ImportDataInclusionMutation['importDataInclusion'], dryRun: boolean): ImportReport {
  const rejected = r.errors.flatMap((e) => {
    const file = e.recordType === 'SERVICE' ? 'services' : 'structures';
    const where = e.index < 0 ? `fichier des ${file}` : `${file === 'services' ? 'service' : 'structure'} n° ${e.index + 1}${e.id ? ` (${e.id})` : ''}`;
    return e.problems.map((p) => ({ where, column: p.path && p.path !== '/' ? p.path.slice(1) : '(tout l’enregistrement)', reason: dataInclusionReason(p) }));
  });
  const summary = !r.ok
    ? `${plural(rejected.length, 'problème', 'problèmes')} dans les fichiers : rien ne sera importé tant qu’ils ne sont pas corrigés.`
    : dryRun
      ? `À importer (créés ou mis à jour) : ${plural(r.structuresCreated, 'structure', 'structures')} et ${plural(r.servicesCreated, 'service', 'services')}.`
      : `Importés : ${plural(r.structuresCreated, 'structure créée', 'structures créées')} et ${plural(r.structuresUpdated, 'mise à jour', 'mises à jour')} ; ${plural(r.servicesCreated, 'service créé', 'services créés')} et ${plural(r.servicesUpdated, 'mis à jour', 'mis à jour')}.`;
  return { kind: 'DATA_INCLUSION', ok: r.ok, summary, rejected };
}

/** Preview (`dryRun`) or import of a beneficiaries CSV, or of data·inclusion structures and services. */
async function importAction(fetch: typeof globalThis.fetch, locals: App.Locals, form: FormData, dryRun: boolean): Promise<ImportOutcome | ActionFailure<ImportOutcome>> {
  requireSection(locals.user, '/administration');
  const action = dryRun ? 'apercu' : 'confirmer';
  const kind = String(form.get('kind') ?? '');
  if (kind !== 'BENEFICIARIES_CSV' && kind !== 'DATA_INCLUSION') return fail(400, { action, errors: { kind: 'Choisissez le type de fichier.' } });
  const content = await fileText(form.get('fichier'));
  if (!content) {
    const what = kind === 'BENEFICIARIES_CSV' ? 'le fichier CSV des personnes' : 'le fichier JSON des structures data·inclusion';
    return fail(400, { action, errors: { fichier: `Choisissez ${what}, ${TOO_LARGE}.` } });
  }
  let report: ImportReport;
  let sent: Record<string, string>;
  if (kind === 'BENEFICIARIES_CSV') {
    const { data, message } = await run<ImportBeneficiariesMutation>(fetch, beneficiariesImportDocument, { csv: content, dryRun });
    if (!data) return fail(503, { action, errors: { général: `L’import n’est pas disponible : ${message}.` } });
    report = beneficiariesReport(data.importBeneficiaries, dryRun);
    sent = { fichier: content };
  } else {
    const services = await fileText(form.get('fichierServices'));
    if (!services || Buffer.byteLength(content) + Buffer.byteLength(services) > MAX_IMPORT_BYTES) {
      return fail(400, { action, errors: { fichierServices: `Joignez aussi le fichier JSON des services data·inclusion : les deux fichiers ensemble ${TOO_LARGE}.` } });
    }
    const { data, message } = await run<ImportDataInclusionMutation>(fetch, dataInclusionImportDocument, { structures: content, services, dryRun });
    if (!data) return fail(503, { action, errors: { général: `L’import n’est pas disponible : ${message}.` } });
    report = dataInclusionReport(data.importDataInclusion, dryRun);
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
    const errors: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors['email'] = 'Saisissez une adresse e-mail valide.';
    if (!displayName) errors['displayName'] = 'Saisissez le nom de la personne.';
    const scope = readScope(form, errors);
    const sent = { email, displayName, role: scope.role ?? '', territoryIds: scope.territoryIds, partnerId: scope.partnerId ?? '' };
    if (Object.keys(errors).length > 0 || !scope.role) return fail(400, { action: 'inviter', errors, ...sent });
    const { data, message } = await run<InviteUserMutation>(fetch, inviteDocument, {
      input: { email, displayName, role: scope.role, territoryIds: scope.territoryIds, partnerId: scope.partnerId },
    });
    if (!data) return fail(503, { action: 'inviter', errors: { général: `L’invitation a échoué : ${message}.` }, ...sent });
    if (!data.inviteUser.ok) return fail(400, { action: 'inviter', errors: accountErrors(data.inviteUser.error), ...sent });
    return { action: 'inviter', invited: email, invitationToken: data.inviteUser.invitationToken };
  },

  /** Changes a user's role and scope: a first submission asks for confirmation, the second (`confirme=oui`) does it. */
  role: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const errors: Record<string, string> = {};
    const scope = readScope(form, errors);
    if (!UUID.test(id)) errors['général'] = 'Ce compte n’existe pas, ou plus, dans votre Département.';
    if (Object.keys(errors).length > 0 || !scope.role) return fail(400, { action: 'role', id, errors });
    const change = { id, role: scope.role, territoryIds: scope.territoryIds, partnerId: scope.partnerId };
    // The first submission asks the API whether it would make the change (dry run), then for confirmation.
    const dryRun = form.get('confirme') !== 'oui';
    const { data, message } = await run<ChangeUserRoleMutation>(fetch, changeRoleDocument, { input: change, dryRun });
    if (!data) return fail(503, { action: 'role', id, errors: { général: `Le changement de rôle a échoué : ${message}.` } });
    if (!data.changeUserRole.ok) return fail(400, { action: 'role', id, errors: accountErrors(data.changeUserRole.error) });
    if (dryRun) return { action: 'role', id, confirm: change };
    return { action: 'role', id, changed: scope.role };
  },

  /** Deactivates an account: a first submission asks for confirmation, the second (`confirme=oui`) does it. */
  desactiver: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    if (!UUID.test(id)) return fail(400, { action: 'desactiver', id, errors: { général: 'Ce compte n’existe pas, ou plus, dans votre Département.' } });
    if (form.get('confirme') !== 'oui') return { action: 'desactiver', id, confirm: { id } };
    const { data, message } = await run<DeactivateUserMutation>(fetch, deactivateDocument, { id });
    if (!data) return fail(503, { action: 'desactiver', id, errors: { général: `La désactivation a échoué : ${message}.` } });
    if (!data.deactivateUser.ok) return fail(400, { action: 'desactiver', id, errors: accountErrors(data.deactivateUser.error) });
    return { action: 'desactiver', id, deactivated: true };
  },

  /** Sends an invitation again: a new link (shown to the administrator); the previous one stops working. */
  renvoyer: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const id = String((await request.formData()).get('id') ?? '');
    if (!UUID.test(id)) return fail(400, { action: 'renvoyer', id, errors: { général: 'Ce compte n’existe pas, ou plus, dans votre Département.' } });
    const { data, message } = await run<ResendInvitationMutation>(fetch, resendDocument, { id });
    if (!data) return fail(503, { action: 'renvoyer', id, errors: { général: `Le renvoi de l’invitation a échoué : ${message}.` } });
    const result = data.reinviteUser;
    if (!result.ok) return fail(400, { action: 'renvoyer', id, errors: accountErrors(result.error) });
    return { action: 'renvoyer', id, resent: result.user?.email ?? '', invitationToken: result.invitationToken, expiresAt: result.user?.invitation?.expiresAt ?? null };
  },

  /** Takes an invitation back: a first submission asks for confirmation, the second (`confirme=oui`) does it. */
  revoquer: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/administration');
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    if (!UUID.test(id)) return fail(400, { action: 'revoquer', id, errors: { général: 'Ce compte n’existe pas, ou plus, dans votre Département.' } });
    if (form.get('confirme') !== 'oui') return { action: 'revoquer', id, confirm: { id } };
    const { data, message } = await run<RevokeInvitationMutation>(fetch, revokeDocument, { id });
    if (!data) return fail(503, { action: 'revoquer', id, errors: { général: `La révocation a échoué : ${message}.` } });
    if (!data.revokeInvitedUser.ok) return fail(400, { action: 'revoquer', id, errors: accountErrors(data.revokeInvitedUser.error) });
    return { action: 'revoquer', id, revoked: true };
  },

  /** Checks the file(s) with `dryRun: true`: nothing is written; the page shows the report. */
  apercu: async ({ fetch, locals, request }) => importAction(fetch, locals, await request.formData(), true),
  /** Writes the same file(s), sent back by the preview's form (all or nothing on the API's side). */
  confirmer: async ({ fetch, locals, request }) => importAction(fetch, locals, await request.formData(), false),
};

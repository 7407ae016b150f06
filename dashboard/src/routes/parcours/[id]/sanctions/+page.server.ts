import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type {
  DecideSanctionMutationVariables,
  EndSanctionProcedureMutationVariables,
  LiftSanctionMutationVariables,
  RecordBreachMutationVariables,
  RecordSanctionHearingMutationVariables,
} from '#lib/graphql/operations.ts';
import { parisToday } from '#lib/days.ts';
import { requireSection } from '#lib/server/guard.ts';
import { sendMutation } from '#lib/server/mutation.ts';
import { formValues, readDate, type FieldErrors } from '#lib/validation.ts';
import { BREACH_KINDS, BREACH_SOURCES, HEARING_OUTCOMES, LIFT_REASONS, SANCTION_DECISIONS, sanctionRefusal, type SanctionForm } from '../sanction.ts';
import type { Actions, PageServerLoad } from './$types';
import hearingDocument from './audition.graphql?raw';
import endDocument from './cloture.graphql?raw';
import decisionDocument from './decision.graphql?raw';
import liftDocument from './levee.graphql?raw';
import breachDocument from './manquement.graphql?raw';

/** The page of the panel alone (where a form lands without JavaScript): the layout loads the procedures. */
export const load: PageServerLoad = ({ locals }) => {
  requireSection(locals.user, '/parcours');
  return { today: parisToday() };
};

type Failure = ActionFailure<{ form: SanctionForm; target?: string; errors: FieldErrors; values: Record<string, string> }>;
type Saved = { form: SanctionForm; target?: string; saved: true };
type Result = { ok: boolean; error: { code: string; field: string | null } | null };

/** The form's data, once the role may take the action at all (the API decides for this person and procedure). */
async function formFor(locals: App.Locals, request: Request, action: 'sanction:record' | 'sanction:decide'): Promise<FormData> {
  const user = requireSection(locals.user, '/parcours');
  if (!user.actions.includes(action)) error(403, action === 'sanction:record' ? 'Votre rôle ne permet pas d’enregistrer un manquement.' : 'Votre rôle ne permet pas de décider une sanction.');
  return request.formData();
}

/** Sends one step of the procedure; a refusal of the API comes back in French on its field, with the values typed kept. */
async function send(fetch: typeof globalThis.fetch, form: SanctionForm, document: string, variables: Record<string, unknown>, values: Record<string, string>, target?: string): Promise<Failure | Saved> {
  const extra = target ? { target } : {};
  const sent = await sendMutation<Record<string, Result | null>, Result>(fetch, document, variables, { part: form, resultOf: (data) => Object.values(data)[0], refusal: sanctionRefusal });
  return 'saved' in sent ? { form, saved: true, ...extra } : fail(sent.status, { form, errors: sent.errors, values, ...extra });
}

const choice = <K extends string>(form: FormData, name: string, labels: Readonly<Record<K, string>>, message: string, errors: FieldErrors): K => {
  const value = String(form.get(name) ?? '');
  if (!(value in labels)) errors[name] = message;
  return value as K;
};
const wholeNumber = (form: FormData, name: string): number | null => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : Number(value);
};

export const actions: Actions = {
  /** A breach: opens a procedure (the person's référent, or an administrator). */
  manquement: async ({ fetch, locals, params, request }) => {
    const form = await formFor(locals, request, 'sanction:record');
    const values = formValues(form, ['breachKind', 'breachOn', 'source', 'note']);
    const errors: FieldErrors = {};
    const breachKind = choice(form, 'breachKind', BREACH_KINDS, 'Choisissez le manquement.', errors);
    const breachOn = readDate(form, 'breachOn', 'la date du manquement', errors, { notFuture: true });
    const source = choice(form, 'source', BREACH_SOURCES, 'Indiquez qui a signalé le manquement.', errors);
    if ((values['note'] ?? '').length > 2000) errors['note'] = 'La précision tient en 2 000 caractères au plus.';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'manquement' as const, errors, values });
    const variables: RecordBreachMutationVariables = { input: { beneficiaryId: params.id, breachKind, breachOn, source, note: values['note']?.trim() || null } };
    return send(fetch, 'manquement', breachDocument, variables, values);
  },

  /** The hearing of the person: its day and what came of it. */
  audition: async ({ fetch, locals, request }) => {
    const form = await formFor(locals, request, 'sanction:record');
    const procedureId = String(form.get('procedureId') ?? '');
    const values = formValues(form, ['hearingOn', 'outcome']);
    const errors: FieldErrors = {};
    const hearingOn = readDate(form, 'hearingOn', 'la date de l’audition', errors, { notFuture: true });
    const outcome = choice(form, 'outcome', HEARING_OUTCOMES, 'Choisissez l’issue de l’audition.', errors);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'audition' as const, errors, values, target: procedureId });
    const variables: RecordSanctionHearingMutationVariables = { input: { procedureId, hearingOn, outcome } };
    return send(fetch, 'audition', hearingDocument, variables, values, procedureId);
  },

  /** The Département's decision: a suspension (rate, duration, effective day) or no sanction. */
  decision: async ({ fetch, locals, request }) => {
    const form = await formFor(locals, request, 'sanction:decide');
    const procedureId = String(form.get('procedureId') ?? '');
    const values = formValues(form, ['decision', 'decidedOn', 'effectiveOn', 'rate', 'durationMonths']);
    const errors: FieldErrors = {};
    const decision = choice(form, 'decision', SANCTION_DECISIONS, 'Choisissez la décision.', errors);
    const decidedOn = readDate(form, 'decidedOn', 'la date de la décision', errors, { notFuture: true });
    const effectiveOn = values['effectiveOn'] ? readDate(form, 'effectiveOn', 'la date d’effet', errors) : null;
    const suspended = decision === 'SUSPENDED';
    const rate = suspended ? wholeNumber(form, 'rate') : null;
    const durationMonths = suspended ? wholeNumber(form, 'durationMonths') : null;
    if (suspended && (rate === null || !Number.isInteger(rate))) errors['rate'] = 'Indiquez le taux en pourcentage entier (30 à 100).';
    if (suspended && (durationMonths === null || !Number.isInteger(durationMonths))) errors['durationMonths'] = 'Indiquez la durée en mois.';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'decision' as const, errors, values, target: procedureId });
    const variables: DecideSanctionMutationVariables = { input: { procedureId, decision, decidedOn, effectiveOn, rate, durationMonths } };
    return send(fetch, 'decision', decisionDocument, variables, values, procedureId);
  },

  /** The person re-engaged: the suspension is lifted. */
  levee: async ({ fetch, locals, request }) => {
    const form = await formFor(locals, request, 'sanction:decide');
    const procedureId = String(form.get('procedureId') ?? '');
    const values = formValues(form, ['liftedOn', 'reason', 'withheldRepaid']);
    const errors: FieldErrors = {};
    const liftedOn = readDate(form, 'liftedOn', 'la date de levée', errors, { notFuture: true });
    const reason = choice(form, 'reason', LIFT_REASONS, 'Choisissez le motif de la levée.', errors);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'levee' as const, errors, values, target: procedureId });
    const variables: LiftSanctionMutationVariables = { input: { procedureId, liftedOn, reason, withheldRepaid: form.get('withheldRepaid') === 'on' } };
    return send(fetch, 'levee', liftDocument, variables, values, procedureId);
  },

  /** Closes a procedure otherwise than by lifting. */
  cloture: async ({ fetch, locals, request }) => {
    const form = await formFor(locals, request, 'sanction:decide');
    const procedureId = String(form.get('procedureId') ?? '');
    const values = formValues(form, ['endedOn', 'reason']);
    const errors: FieldErrors = {};
    const endedOn = readDate(form, 'endedOn', 'la date de clôture', errors, { notFuture: true });
    if (!values['reason']?.trim()) errors['reason'] = 'Indiquez le motif de la clôture.';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'cloture' as const, errors, values, target: procedureId });
    const variables: EndSanctionProcedureMutationVariables = { input: { procedureId, endedOn, reason: values['reason']!.trim() } };
    return send(fetch, 'cloture', endDocument, variables, values, procedureId);
  },
};

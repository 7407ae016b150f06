import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type {
  BeneficiaryOrientationQuery,
  BeneficiaryPathQuery,
  ContractContextQuery,
  BeneficiaryPathQueryVariables,
  ConvertCerToEngagementMutation,
  ConvertCerToEngagementMutationVariables,
  CreateContratEngagementMutation,
  CreateContratEngagementMutationVariables,
  CreateEngagementContractMutationVariables,
  NotifyOrientationMutation,
  NotifyOrientationMutationVariables,
  RecordAppointmentMutationVariables,
  RecordExitMutationVariables,
  RequestContractRenewalMutationVariables,
  RequestReorientationMutation,
  RequestReorientationMutationVariables,
  WithdrawReorientationMutation,
  WithdrawReorientationMutationVariables,
} from '#lib/graphql/operations.ts';
import { parisToday } from '#lib/days.ts';
import { requireSection } from '#lib/server/guard.ts';
import { sendMutation } from '#lib/server/mutation.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { SessionUser } from '#lib/server/session.ts';
import {
  formValues,
  GENERAL,
  readAppointment,
  readAttendance,
  readDate,
  readEngagementContract,
  readExit,
  refusalOf,
  type FieldErrors,
  type RefusedForm,
} from '#lib/validation.ts';
import type { Actions, PageServerLoad } from './$types';
import contextDocument from './cer-contexte.graphql?raw';
import cerDocument from './cer.graphql?raw';
import pathDocument from './personne.graphql?raw';
import renewalDocument from './renouvellement.graphql?raw';
import appointmentDocument from './rendez-vous.graphql?raw';
import exitDocument from './sortie.graphql?raw';
import { orientationRefusal } from './orientation.ts';
import engagementDocument from './contrat-engagement.graphql?raw';
import conversionDocument from './conversion.graphql?raw';
import { ENGAGEMENT_FIELDS, engagementRefusal, readEngagementForm } from './engagement.ts';
import notifyDocument from './notification.graphql?raw';
import orientationDocument from './orientation.graphql?raw';
import reorientationDocument from './reorientation.graphql?raw';
import withdrawDocument from './reorientation-retrait.graphql?raw';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_HERE = 'Cette personne est introuvable ou ne fait pas partie de votre file active.';

/** Whether the role may ever record on a path (the API decides for this person: `viewerCanAct`). */
const mayAct = (user: SessionUser): boolean => user.actions.includes('accompaniment:act');

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  const user = requireSection(locals.user, '/parcours');
  if (!UUID.test(params.id)) error(404, NOT_HERE);
  const variables: BeneficiaryPathQueryVariables = { id: params.id, withContracts: user.actions.includes('contract:read') };
  const [person, orientation] = await Promise.all([
    loadPanel<BeneficiaryPathQuery>(fetch, 'parcours', pathDocument, variables),
    loadPanel<BeneficiaryOrientationQuery>(fetch, 'orientation', orientationDocument, { id: params.id }),
  ]);
  if (person.ok && !person.data.beneficiary) error(404, NOT_HERE);
  return { person, orientation, mayAct: person.ok ? person.data.beneficiary!.viewerCanAct : false, today: parisToday() };
};

/** What a form action answers: which form, its errors (by field) and values, or that it was saved. */
type Failure = ActionFailure<{ form: RefusedForm; errors: FieldErrors; values: Record<string, string>; target?: string }>;
type Saved = { form: RefusedForm; saved: true; target?: string };
type MutationResult = { ok: boolean; error: { code: string; message: string } | null };

/**
 * Sends a mutation whose result is `{ ok, error { code message } }`. A refusal of the API comes
 * back in French, on the field it concerns, with the values typed kept.
 */
async function mutate(
  fetch: typeof globalThis.fetch,
  form: RefusedForm,
  document: string,
  variables: Record<string, unknown>,
  values: Record<string, string>,
  target?: string,
): Promise<Failure | Saved> {
  const extra = target ? { target } : {};
  const sent = await sendMutation<Record<string, MutationResult | null>, MutationResult>(fetch, document, variables, {
    part: form,
    resultOf: (data) => Object.values(data)[0],
    refusal: (error) => {
      const refusal = refusalOf(form, error?.code);
      return { [refusal.field]: refusal.message };
    },
  });
  return 'saved' in sent ? { form, saved: true, ...extra } : fail(sent.status, { form, errors: sent.errors, values, ...extra });
}

/** The form's data, once the caller may act. */
async function formOf(locals: App.Locals, request: Request): Promise<FormData> {
  const user = requireSection(locals.user, '/parcours');
  if (!mayAct(user)) error(403, 'Votre rôle ne permet pas d’enregistrer sur un parcours.');
  return request.formData();
}


const accompanimentOf = (form: FormData): string => String(form.get('accompanimentId') ?? '');
const noAccompaniment = { [GENERAL]: 'Cette personne n’a pas d’accompagnement en cours.' };

export const actions: Actions = {
  /** A new appointment (to come, or already held, missed or excused). */
  rendezVous: async ({ fetch, locals, request }) => {
    const form = await formOf(locals, request);
    const values = formValues(form, ['on', 'kind', 'status']);
    const { errors, scheduledOn, kind, status } = readAppointment(form);
    const accompanimentId = accompanimentOf(form);
    if (!accompanimentId) Object.assign(errors, noAccompaniment);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'rendezVous' as const, errors, values });
    const variables: RecordAppointmentMutationVariables = { input: { accompanimentId, scheduledOn, kind, status } };
    return mutate(fetch, 'rendezVous', appointmentDocument, variables, values);
  },

  /** A planned appointment honoured, missed or excused. */
  presence: async ({ fetch, locals, request }) => {
    const form = await formOf(locals, request);
    const appointmentId = String(form.get('appointmentId') ?? '');
    const values = formValues(form, ['status']);
    const scheduledOn = String(form.get('scheduledOn') ?? '');
    const { errors, status } = readAttendance(form, scheduledOn);
    const kind = String(form.get('kind') ?? '') as RecordAppointmentMutationVariables['input']['kind'];
    if (Object.keys(errors).length > 0) return fail(400, { form: 'presence' as const, errors, values, target: appointmentId });
    const variables: RecordAppointmentMutationVariables = { input: { accompanimentId: accompanimentOf(form), appointmentId, scheduledOn, kind, status } };
    return mutate(fetch, 'presence', appointmentDocument, variables, values, appointmentId);
  },

  /** A planned appointment moved to another day (today or later). */
  deplacement: async ({ fetch, locals, request }) => {
    const form = await formOf(locals, request);
    const appointmentId = String(form.get('appointmentId') ?? '');
    const kind = String(form.get('kind') ?? '') as RecordAppointmentMutationVariables['input']['kind'];
    const values = formValues(form, ['on']);
    const errors: FieldErrors = {};
    const scheduledOn = readDate(form, 'on', 'la nouvelle date', errors);
    if (!errors['on'] && scheduledOn < parisToday()) errors['on'] = 'Un rendez-vous se déplace à aujourd’hui ou plus tard.';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'deplacement' as const, errors, values, target: appointmentId });
    const variables: RecordAppointmentMutationVariables = { input: { accompanimentId: accompanimentOf(form), appointmentId, scheduledOn, kind, status: 'PLANNED' } };
    return mutate(fetch, 'deplacement', appointmentDocument, variables, values, appointmentId);
  },

  /** A planned appointment called off (an exit calls off those after it by itself). */
  annulation: async ({ fetch, locals, request }) => {
    const form = await formOf(locals, request);
    const appointmentId = String(form.get('appointmentId') ?? '');
    const kind = String(form.get('kind') ?? '') as RecordAppointmentMutationVariables['input']['kind'];
    const scheduledOn = String(form.get('scheduledOn') ?? '');
    const variables: RecordAppointmentMutationVariables = { input: { accompanimentId: accompanimentOf(form), appointmentId, scheduledOn, kind, status: 'CANCELLED' } };
    return mutate(fetch, 'annulation', appointmentDocument, variables, {}, appointmentId);
  },

  /**
   * The exit of the accompaniment, with its reason (and the new income for a financial change).
   * The services do the rest: beneficiaries cancels the appointments after it and tells contracts,
   * which ends the CER in force on the exit day (docs/adr/0021-events-between-subgraphs.md).
   */
  sortie: async ({ fetch, locals, request }) => {
    const form = await formOf(locals, request);
    const values = formValues(form, ['on', 'reason', 'subReason']);
    const { errors, endedOn, reason, subReason } = readExit(form);
    const accompanimentId = accompanimentOf(form);
    if (!accompanimentId) Object.assign(errors, noAccompaniment);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'sortie' as const, errors, values });
    const variables: RecordExitMutationVariables = { input: { accompanimentId, endedOn, reason, subReason } };
    return mutate(fetch, 'sortie', exitDocument, variables, values);
  },

  /**
   * A CER, created signed in one transaction of the contracts subgraph (never a draft left
   * half-way), in the person's territory and with the operator of their open accompaniment, read
   * here rather than from the form: they decide who else sees the contract.
   */
  cer: async ({ fetch, locals, params, request }) => {
    const form = await formOf(locals, request);
    const values = formValues(form, ['signedOn', 'startsOn', 'endsOn']);
    const { errors, signedOn, startsOn, endsOn } = readEngagementContract(form);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'cer' as const, errors, values });
    const context = await loadPanel<ContractContextQuery>(fetch, 'parcours', contextDocument, { id: params.id });
    if (!context.ok) return fail(503, { form: 'cer' as const, errors: { [GENERAL]: 'Le parcours de cette personne ne répond pas : le CER n’est pas enregistré. Réessayez dans quelques instants.' }, values });
    if (!context.data.beneficiary) return fail(404, { form: 'cer' as const, errors: { [GENERAL]: NOT_HERE }, values });
    const person = context.data.beneficiary;
    const open = person.accompaniments.find((a) => a.endedOn === null) ?? null;
    // A CER is signed within an accompaniment in progress: none after the exit, until a new one.
    if (!open) return fail(400, { form: 'cer' as const, errors: { [GENERAL]: 'Cette personne n’a pas d’accompagnement en cours : pas de nouveau CER avant un nouvel accompagnement.' }, values });
    const variables: CreateEngagementContractMutationVariables = {
      input: { beneficiaryId: person.id, kind: 'CER', signedOn, startsOn, endsOn, accompanimentId: open?.id ?? null, operatorId: open?.operatorId ?? null, territoryId: open?.territoryId ?? person.territoryId ?? null },
    };
    return mutate(fetch, 'cer', cerDocument, variables, values);
  },

  /**
   * A contrat d'engagement signed at once, in the person's open accompaniment (as a CER): created,
   * or converting the CER in force when one is chosen. Its hours are computed by the API from the
   * actions; below 15 h a week the API asks for the reason and its justification.
   */
  engagement: async ({ fetch, locals, params, request }) => {
    const form = await formOf(locals, request);
    const values = formValues(form, ENGAGEMENT_FIELDS);
    const read = readEngagementForm(form, parisToday());
    if (Object.keys(read.errors).length > 0) return fail(400, { form: 'engagement' as const, errors: read.errors, values });
    const unavailable = { [GENERAL]: 'Le parcours de cette personne ne répond pas : le contrat n’est pas enregistré. Réessayez dans quelques instants.' };
    if (read.convertFrom) {
      const variables: ConvertCerToEngagementMutationVariables = { input: { contractId: read.convertFrom, signedOn: read.signedOn, startsOn: read.startsOn, endsOn: read.endsOn, plan: read.plan } };
      return orientationChange<ConvertCerToEngagementMutation>(fetch, 'engagement', conversionDocument, variables, values, (d) => d.convertCerToEngagement, engagementRefusal);
    }
    const context = await loadPanel<ContractContextQuery>(fetch, 'parcours', contextDocument, { id: params.id });
    if (!context.ok) return fail(503, { form: 'engagement' as const, errors: unavailable, values });
    if (!context.data.beneficiary) return fail(404, { form: 'engagement' as const, errors: { [GENERAL]: NOT_HERE }, values });
    const person = context.data.beneficiary;
    const open = person.accompaniments.find((a) => a.endedOn === null) ?? null;
    if (!open) return fail(400, { form: 'engagement' as const, errors: { [GENERAL]: 'Cette personne n’a pas d’accompagnement en cours : pas de nouveau contrat avant un nouvel accompagnement.' }, values });
    const commitments = read.objective ? [{ theme: read.plan.track === 'SOCIAL' ? ('SOCIAL_LIFE' as const) : ('EMPLOYMENT' as const), kind: 'OBJECTIVE' as const, party: 'BENEFICIARY' as const, description: read.objective }] : [];
    const variables: CreateContratEngagementMutationVariables = {
      input: {
        beneficiaryId: person.id,
        kind: 'CONTRAT_ENGAGEMENT',
        signedOn: read.signedOn,
        startsOn: read.startsOn,
        endsOn: read.endsOn,
        accompanimentId: open.id,
        operatorId: open.operatorId ?? null,
        territoryId: open.territoryId ?? person.territoryId ?? null,
        commitments,
        plan: read.plan,
      },
    };
    return orientationChange<CreateContratEngagementMutation>(fetch, 'engagement', engagementDocument, variables, values, (d) => d.createContract, engagementRefusal);
  },

  /** A CER's renewal, requested from month 5. */
  renouvellement: async ({ fetch, locals, request }) => {
    const form = await formOf(locals, request);
    const contractId = String(form.get('contractId') ?? '');
    const values = formValues(form, ['on']);
    const errors: FieldErrors = {};
    const on = readDate(form, 'on', 'la date de la demande', errors, { notFuture: true });
    if (Object.keys(errors).length > 0) return fail(400, { form: 'renouvellement' as const, errors, values, target: contractId });
    const variables: RequestContractRenewalMutationVariables = { id: contractId, on };
    return mutate(fetch, 'renouvellement', renewalDocument, variables, values, contractId);
  },

  /** A reorientation request to the Département: the track proposed and why (the person's référent, or the operator running their accompaniment). */
  reorientation: async ({ fetch, locals, params, request }) => {
    const form = await orientationForm(locals, request);
    const values = formValues(form, ['track', 'reason']);
    const errors: FieldErrors = {};
    if (!values['track']) errors['track'] = 'Choisissez le parcours proposé.';
    if (!values['reason']?.trim()) errors['reason'] = 'Indiquez le motif de la demande.';
    else if (values['reason'].length > 2000) errors['reason'] = 'Le motif tient en 2 000 caractères au plus.';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'reorientation', errors, values });
    const variables: RequestReorientationMutationVariables = { input: { beneficiaryId: params.id, proposedTrack: values['track']!, reason: values['reason']!.trim() } };
    return orientationChange<RequestReorientationMutation>(fetch, 'reorientation', reorientationDocument, variables, values, (d) => d.requestReorientation);
  },

  /** The Département records the day the person was notified of an orientation (the contrat d'engagement is due within a month of it). */
  notification: async ({ fetch, locals, request }) => {
    const form = await decisionForm(locals, request);
    const orientationId = String(form.get('orientationId') ?? '');
    const values = formValues(form, ['notifiedOn']);
    const errors: FieldErrors = {};
    const notifiedOn = readDate(form, 'notifiedOn', 'la date de notification', errors, { notFuture: true });
    if (Object.keys(errors).length > 0) return fail(400, { form: 'notification', errors, values });
    const variables: NotifyOrientationMutationVariables = { input: { orientationId, notifiedOn } };
    return orientationChange<NotifyOrientationMutation>(fetch, 'notification', notifyDocument, variables, values, (d) => d.notifyOrientation);
  },

  /** Its requester withdraws a request still waiting. */
  retraitReorientation: async ({ fetch, locals, request }) => {
    const form = await orientationForm(locals, request);
    const variables: WithdrawReorientationMutationVariables = { requestId: String(form.get('requestId') ?? '') };
    return orientationChange<WithdrawReorientationMutation>(fetch, 'retraitReorientation', withdrawDocument, variables, {}, (d) => d.withdrawReorientation);
  },
};

/** The form's data, once the role may decide orientations (the API decides for this person: `viewerCanDecideOrientation`). */
async function decisionForm(locals: App.Locals, request: Request): Promise<FormData> {
  const user = requireSection(locals.user, '/parcours');
  if (!user.actions.includes('orientation:decide')) error(403, 'Votre rôle ne permet pas d’enregistrer une orientation.');
  return request.formData();
}

/** The form's data, once the role may request reorientations (the API decides for this person: `viewerCanRequestReorientation`). */
async function orientationForm(locals: App.Locals, request: Request): Promise<FormData> {
  const user = requireSection(locals.user, '/parcours');
  if (!user.actions.includes('orientation:request')) error(403, 'Votre rôle ne permet pas de demander une réorientation.');
  return request.formData();
}

/** Sends a change whose refusals name their field (a reorientation, a contrat d'engagement); a refusal comes back in French on its field, with the values typed kept. */
async function orientationChange<T>(
  fetch: typeof globalThis.fetch,
  form: string,
  document: string,
  variables: Record<string, unknown>,
  values: Record<string, string>,
  resultOf: (data: T) => { ok: boolean; error: { code: string; field: string | null } | null } | null,
  refusal: (error: { code: string; field: string | null } | null) => FieldErrors = orientationRefusal,
): Promise<ActionFailure<{ form: string; errors: FieldErrors; values: Record<string, string> }> | { form: string; saved: true }> {
  const sent = await sendMutation(fetch, document, variables, { part: form, resultOf, refusal });
  return 'saved' in sent ? { form, saved: true } : fail(sent.status, { form, errors: sent.errors, values });
}

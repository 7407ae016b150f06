import { fail } from '@sveltejs/kit';
import type { DecideReorientationMutation, DecideReorientationMutationVariables, OrientationLead, ReorientationRequestsQuery } from '#lib/graphql/operations.ts';
import { parisToday } from '#lib/days.ts';
import { requireSection } from '#lib/server/guard.ts';
import { DECISION_NOT_SAVED, sendMutation } from '#lib/server/mutation.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { GENERAL, isRealDate, readDate, type FieldErrors } from '#lib/validation.ts';
import { orientationRefusal } from '../parcours/[id]/orientation.ts';
import type { Actions, PageServerLoad } from './$types';
import decideDocument from './decider.graphql?raw';
import requestsDocument from './demandes.graphql?raw';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/reorientations');
  const after = url.searchParams.get('apres') || null;
  const requests = await loadPanel<ReorientationRequestsQuery>(fetch, 'demandes de réorientation', requestsDocument, { first: 50, after });
  return { requests, after, today: parisToday() };
};

/** The structures a decision of this page may name as référente (a partner is named from the person's page of the directory). */
const LEADS = ['FRANCE_TRAVAIL', 'DEPARTMENT'] as const satisfies readonly OrientationLead[];
const isLead = (value: string): value is (typeof LEADS)[number] => (LEADS as readonly string[]).includes(value);

export const actions: Actions = {
  /** The Département's answer to a request: accepted (the new orientation, dated, and notified when it is) or refused with its reason. */
  decider: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/reorientations');
    const form = await request.formData();
    const requestId = String(form.get('requestId') ?? '');
    const decision = String(form.get('decision') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    const leadKind = String(form.get('leadKind') ?? '');
    const notifiedOn = String(form.get('notifiedOn') ?? '').trim();
    const criteria = form.getAll('criteria').map(String);
    const errors: FieldErrors = {};
    const decidedOn = readDate(form, 'decidedOn', 'la date de la décision', errors, { notFuture: true });
    const accepted = decision === 'accepter';
    if (decision !== 'accepter' && decision !== 'refuser') errors[GENERAL] = 'Choisissez une décision.';
    if (accepted && !isLead(leadKind)) errors['leadKind'] = 'Choisissez la structure référente du nouvel accompagnement.';
    if (!accepted && !reason) errors['reason'] = 'Indiquez le motif du refus.';
    if (reason.length > 2000) errors['reason'] = 'Le motif tient en 2 000 caractères au plus.';
    if (accepted && notifiedOn && !isRealDate(notifiedOn)) errors['notifiedOn'] = 'La date de notification n’est pas une date valide (JJ/MM/AAAA).';
    const values = { decidedOn: String(form.get('decidedOn') ?? ''), reason, leadKind, notifiedOn, decision, criteria: criteria.join(',') };
    if (Object.keys(errors).length > 0) return fail(400, { target: requestId, errors, values });
    const variables: DecideReorientationMutationVariables = {
      input: {
        requestId,
        decision: accepted ? 'ACCEPTED' : 'REFUSED',
        decidedOn,
        reason: reason || null,
        leadKind: accepted && isLead(leadKind) ? leadKind : null,
        criteria: accepted ? criteria : null,
        notifiedOn: accepted && notifiedOn ? notifiedOn : null,
      },
    };
    const sent = await sendMutation(fetch, decideDocument, variables, {
      part: 'réorientations',
      resultOf: (data: DecideReorientationMutation) => data.decideReorientation,
      refusal: orientationRefusal,
      noAnswer: DECISION_NOT_SAVED,
    });
    if (!('saved' in sent)) return fail(sent.status, { target: requestId, errors: sent.errors, values });
    return { target: requestId, saved: accepted ? 'ACCEPTED' : 'REFUSED' };
  },
};

import { fail } from '@sveltejs/kit';
import type { DecideReferralMutation, DecideReferralMutationVariables, ReceivedReferralsQuery, ReferralRefusalReason, ReferralStatus } from '#lib/graphql/operations.ts';
import { parisToday } from '#lib/days.ts';
import { REFERRAL_REFUSAL_REASONS } from '#lib/labels.ts';
import { requireSection } from '#lib/server/guard.ts';
import { DECISION_NOT_SAVED, sendMutation } from '#lib/server/mutation.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { GENERAL, readDate, refusalOf, type FieldErrors } from '#lib/validation.ts';
import type { Actions, PageServerLoad } from './$types';
import decideDocument from './decider.graphql?raw';
import receivedDocument from './recues.graphql?raw';

/** The inbox's tabs: what waits for the structure's decision, what it accepted (to close), and everything. */
const VIEWS = {
  'a-traiter': { label: 'À traiter', statuses: ['SENT'] },
  acceptees: { label: 'Acceptées', statuses: ['ACCEPTED'] },
  toutes: { label: 'Toutes', statuses: null },
} as const satisfies Record<string, { label: string; statuses: ReferralStatus[] | null }>;
type View = keyof typeof VIEWS;
const isView = (value: string | null): value is View => value !== null && Object.hasOwn(VIEWS, value);

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/orientations');
  const asked = url.searchParams.get('vue');
  const view: View = isView(asked) ? asked : 'a-traiter';
  const after = url.searchParams.get('apres') || null;
  const statuses = VIEWS[view].statuses;
  const received = await loadPanel<ReceivedReferralsQuery>(fetch, 'orientations reçues', receivedDocument, { first: 50, after, statuses: statuses ? [...statuses] : null });
  return { received, view, after, today: parisToday() };
};

/** The decisions a structure takes on a referral, and the status each one gives. */
const DECISIONS = { accepter: 'ACCEPTED', refuser: 'REFUSED', realisee: 'DONE', absente: 'NO_SHOW' } as const satisfies Record<string, ReferralStatus>;
type Decision = keyof typeof DECISIONS;
const isDecision = (value: string): value is Decision => Object.hasOwn(DECISIONS, value);
const isReason = (value: string): value is ReferralRefusalReason => Object.hasOwn(REFERRAL_REFUSAL_REASONS, value);

export const actions: Actions = {
  /** Accepting or refusing (with its reason) a referral received; then, once accepted, whether the person came. */
  decider: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/orientations');
    const form = await request.formData();
    const referralId = String(form.get('referralId') ?? '');
    const decision = String(form.get('decision') ?? '');
    const reason = String(form.get('refusalReason') ?? '');
    const note = String(form.get('note') ?? '').trim();
    const errors: FieldErrors = {};
    const on = readDate(form, 'on', 'la date', errors, { notFuture: true });
    if (!isDecision(decision)) errors[GENERAL] = 'Choisissez une décision.';
    if (decision === 'refuser' && !isReason(reason)) errors['refusalReason'] = 'Choisissez le motif du refus.';
    if (note.length > 1000) errors['note'] = 'La note tient en 1 000 caractères au plus.';
    const values = { on: String(form.get('on') ?? ''), refusalReason: reason, note, decision };
    if (Object.keys(errors).length > 0 || !isDecision(decision)) return fail(400, { target: referralId, errors, values });
    const variables: DecideReferralMutationVariables = {
      input: { referralId, status: DECISIONS[decision], on, refusalReason: decision === 'refuser' && isReason(reason) ? reason : null, note: note || null },
    };
    const sent = await sendMutation(fetch, decideDocument, variables, {
      part: 'orientations',
      resultOf: (data: DecideReferralMutation) => data.updateReferralStatus,
      refusal: (error) => {
        const refusal = refusalOf('orientation', error?.code);
        return { [refusal.field]: refusal.message };
      },
      noAnswer: DECISION_NOT_SAVED,
    });
    if (!('saved' in sent)) return fail(sent.status, { target: referralId, errors: sent.errors, values });
    return { target: referralId, saved: DECISIONS[decision] };
  },
};

import { error, fail } from '@sveltejs/kit';
import { gatewayQuery, GatewayUnavailableError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { readDate, readEngagementContract, readRequired, type FieldErrors } from '#lib/validation.ts';
import type { Actions, PageServerLoad } from './$types';
import cerDocument from './cer.graphql?raw';
import pathDocument from './personne.graphql?raw';
import appointmentDocument from './rendez-vous.graphql?raw';
import exitDocument from './sortie.graphql?raw';

interface BeneficiaryPath {
  id: string;
  label: string;
  communeCode: string;
  birthYear: number;
  timeline: { on: string; kind: string; label: string }[];
  appointments: { id: string; on: string; kind: string; honoured: boolean | null }[];
  referrals: { id: string; on: string; status: string; service: { name: string; partner: { name: string } | null } | null }[];
  engagementContracts: { id: string; signedOn: string | null; startsOn: string; endsOn: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireSection(locals.user, '/parcours');
  if (!UUID.test(params.id)) error(404, 'Cette personne est introuvable ou ne fait pas partie de votre file active.');
  const person = await loadPanel<{ beneficiary: BeneficiaryPath | null }>(fetch, 'parcours', pathDocument, { id: params.id });
  if (person.ok && !person.data.beneficiary) error(404, 'Cette personne est introuvable ou ne fait pas partie de votre file active.');
  return { person };
};

/** Sends a mutation whose result is `{ ok, error }`; French failure for the form. */
async function mutate(fetch: typeof globalThis.fetch, form: string, document: string, input: Record<string, unknown>) {
  try {
    const { data, errors } = await gatewayQuery<Record<string, { ok: boolean; error: string | null } | null>>(fetch, document, { input });
    const result = data ? Object.values(data)[0] : null;
    if (!result) return fail(503, { form, errors: { général: `L’enregistrement a échoué : ${errors[0]?.message ?? 'service indisponible'}.` } });
    if (!result.ok) return fail(400, { form, errors: { général: result.error ?? 'L’enregistrement a été refusé.' } });
    return { form, saved: true };
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) return fail(503, { form, errors: { général: 'Le service de données ne répond pas : réessayez dans quelques instants.' } });
    throw cause;
  }
}

export const actions: Actions = {
  rendezVous: async ({ fetch, locals, params, request }) => {
    requireSection(locals.user, '/parcours');
    const form = await request.formData();
    const errors: FieldErrors = {};
    const on = readDate(form, 'on', 'la date du rendez-vous', errors);
    const kind = readRequired(form, 'kind', 'Choisissez le type de rendez-vous.', errors);
    const honoured = String(form.get('honoured') ?? '');
    if (Object.keys(errors).length > 0) return fail(400, { form: 'rendezVous', errors });
    return mutate(fetch, 'rendezVous', appointmentDocument, { beneficiaryId: params.id, on, kind, honoured: honoured === '' ? null : honoured === 'oui' });
  },
  sortie: async ({ fetch, locals, params, request }) => {
    requireSection(locals.user, '/parcours');
    const form = await request.formData();
    const errors: FieldErrors = {};
    const on = readDate(form, 'on', 'la date de sortie', errors, { notFuture: true });
    const reason = readRequired(form, 'reason', 'Choisissez le motif de sortie.', errors);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'sortie', errors });
    return mutate(fetch, 'sortie', exitDocument, { beneficiaryId: params.id, on, reason });
  },
  cer: async ({ fetch, locals, params, request }) => {
    requireSection(locals.user, '/parcours');
    const form = await request.formData();
    const { errors, signedOn, startsOn, endsOn } = readEngagementContract(form);
    if (Object.keys(errors).length > 0) return fail(400, { form: 'cer', errors });
    return mutate(fetch, 'cer', cerDocument, { beneficiaryId: params.id, signedOn, startsOn, endsOn });
  },
};

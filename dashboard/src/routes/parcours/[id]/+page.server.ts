import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { gatewayQuery, GatewayUnavailableError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { readDate, readEngagementContract, readRequired, type FieldErrors } from '#lib/validation.ts';
import type { Actions, PageServerLoad } from './$types';
import signDocument from './cer-signer.graphql?raw';
import cerDocument from './cer.graphql?raw';
import pathDocument from './personne.graphql?raw';
import appointmentDocument from './rendez-vous.graphql?raw';
import exitDocument from './sortie.graphql?raw';

interface Accompaniment {
  id: string;
  status: string;
  prescribedOn: string;
  startedOn: string | null;
  endedOn: string | null;
  timeline: { date: string; kind: string; label: string }[];
  appointments: { id: string; kind: string; scheduledOn: string; status: string }[];
  referrals: { id: string; status: string; sentOn: string }[];
}

interface BeneficiaryPath {
  id: string;
  communeCode: string;
  birthYear: number;
  /** Decrypted and audited by the beneficiaries subgraph; null when the caller may not read it. */
  identity: { firstName: string; lastName: string } | null;
  accompaniments: Accompaniment[];
  /** Null when the contracts subgraph is down. */
  contracts: { id: string; kind: string; status: string; signedOn: string | null; startsOn: string; endsOn: string }[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  requireSection(locals.user, '/parcours');
  if (!UUID.test(params.id)) error(404, 'Cette personne est introuvable ou ne fait pas partie de votre file active.');
  const person = await loadPanel<{ beneficiary: BeneficiaryPath | null }>(fetch, 'parcours', pathDocument, { id: params.id });
  if (person.ok && !person.data.beneficiary) error(404, 'Cette personne est introuvable ou ne fait pas partie de votre file active.');
  return { person };
};

type MutationResult = { ok: boolean; error: { code: string; message: string } | null; contract?: { id: string } | null };

/** Sends a mutation whose result is `{ ok, error { code message } }`; French failure for the form. */
async function mutate(
  fetch: typeof globalThis.fetch,
  form: string,
  document: string,
  variables: Record<string, unknown>,
  then?: (result: MutationResult) => Promise<{ status: number; message: string } | null>,
): Promise<ActionFailure<{ form: string; errors: Record<string, string> }> | { form: string; saved: boolean }> {
  try {
    const { data, errors } = await gatewayQuery<Record<string, MutationResult | null>>(fetch, document, variables);
    const result = data ? Object.values(data)[0] : null;
    if (!result) return fail(503, { form, errors: { général: `L’enregistrement a échoué : ${errors[0]?.message ?? 'service indisponible'}.` } });
    if (!result.ok) return fail(400, { form, errors: { général: result.error?.message ?? 'L’enregistrement a été refusé.' } });
    const failure = then ? await then(result) : null;
    if (failure) return fail(failure.status, { form, errors: { général: failure.message } });
    return { form, saved: true };
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) return fail(503, { form, errors: { général: 'Le service de données ne répond pas : réessayez dans quelques instants.' } });
    throw cause;
  }
}

const missingAccompaniment = (form: string): ActionFailure<{ form: string; errors: Record<string, string> }> => fail(400, { form, errors: { général: 'Cette personne n’a pas d’accompagnement en cours.' } });

export const actions: Actions = {
  rendezVous: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/parcours');
    const form = await request.formData();
    const errors: FieldErrors = {};
    const scheduledOn = readDate(form, 'on', 'la date du rendez-vous', errors);
    const kind = readRequired(form, 'kind', 'Choisissez le type de rendez-vous.', errors);
    const status = String(form.get('status') ?? '') || 'PLANNED';
    const accompanimentId = String(form.get('accompanimentId') ?? '');
    if (Object.keys(errors).length > 0) return fail(400, { form: 'rendezVous', errors });
    if (!accompanimentId) return missingAccompaniment('rendezVous');
    return mutate(fetch, 'rendezVous', appointmentDocument, { input: { accompanimentId, scheduledOn, kind, status } });
  },
  sortie: async ({ fetch, locals, request }) => {
    requireSection(locals.user, '/parcours');
    const form = await request.formData();
    const errors: FieldErrors = {};
    const endedOn = readDate(form, 'on', 'la date de sortie', errors, { notFuture: true });
    const reason = readRequired(form, 'reason', 'Choisissez le motif de sortie.', errors);
    const accompanimentId = String(form.get('accompanimentId') ?? '');
    if (Object.keys(errors).length > 0) return fail(400, { form: 'sortie', errors });
    if (!accompanimentId) return missingAccompaniment('sortie');
    return mutate(fetch, 'sortie', exitDocument, { input: { accompanimentId, endedOn, reason } });
  },
  /** A CER: created as a draft, then signed on the date given. */
  cer: async ({ fetch, locals, params, request }) => {
    requireSection(locals.user, '/parcours');
    const form = await request.formData();
    const { errors, signedOn, startsOn, endsOn } = readEngagementContract(form);
    const accompanimentId = String(form.get('accompanimentId') ?? '') || null;
    if (Object.keys(errors).length > 0) return fail(400, { form: 'cer', errors });
    return mutate(fetch, 'cer', cerDocument, { input: { beneficiaryId: params.id, kind: 'CER', startsOn, endsOn, accompanimentId } }, async (created) => {
      if (!created.contract) return null;
      const { data, errors: signErrors } = await gatewayQuery<{ signContract: MutationResult | null }>(fetch, signDocument, { id: created.contract.id, signedOn });
      const signed = data?.signContract;
      if (!signed) return { status: 503, message: `Le CER est enregistré en brouillon mais sa signature a échoué : ${signErrors[0]?.message ?? 'service indisponible'}.` };
      if (!signed.ok) return { status: 400, message: `Le CER est enregistré en brouillon mais n’a pas pu être signé : ${signed.error?.message ?? 'refusé'}.` };
      return null;
    });
  },
};

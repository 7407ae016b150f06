import { error, fail } from '@sveltejs/kit';
import { gatewayQuery, GatewayUnavailableError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { Actions, PageServerLoad } from './$types';
import candidatesDocument from './beneficiaires.graphql?raw';
import detailsDocument from './details.graphql?raw';
import referralDocument from './orienter.graphql?raw';
import partnerDocument from './partenaire.graphql?raw';

interface PartnerDetails {
  id: string;
  accessibility: { stepFreeAccess: boolean | null; signLanguage: boolean; languages: string[]; url: string | null };
  contacts: { email: string | null; phone: string | null; website: string | null } | null;
  services: {
    id: string;
    name: string;
    description: string | null;
    themes: string[];
    capacity: { places: number | null; waitingDays: number | null };
    openNow: boolean | null;
    hours: string | null;
    permanences: { id: string; placeName: string; communeCode: string; address: string | null; hours: string }[];
  }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  const user = requireSection(locals.user, '/annuaire');
  if (!UUID.test(params.id)) error(404, 'Cette structure est introuvable.');
  const mayRefer = user.role === 'REFERENT' || user.role === 'ADMIN';
  const [partner, details, candidates] = await Promise.all([
    loadPanel<{ partner: { id: string; name: string; kind: string; communeCode: string } | null }>(fetch, 'structure', partnerDocument, { id: params.id }),
    loadPanel<{ partner: PartnerDetails | null }>(fetch, 'services et permanences', detailsDocument, { id: params.id }),
    mayRefer ? loadPanel<{ caseload: { nodes: { id: string; identity: { firstName: string; lastName: string } | null }[] } }>(fetch, 'personnes accompagnées', candidatesDocument) : Promise.resolve(null),
  ]);
  if (partner.ok && !partner.data.partner) error(404, 'Cette structure est introuvable.');
  return { partner, details, candidates, mayRefer };
};

export const actions: Actions = {
  /** « Orienter » : a referral of one of the référent's beneficiaries to a service of this partner. */
  orienter: async ({ fetch, locals, params, request }) => {
    const user = requireSection(locals.user, '/annuaire');
    if (user.role !== 'REFERENT' && user.role !== 'ADMIN') return fail(403, { referralError: 'Seuls les référents peuvent orienter une personne.' });
    const form = await request.formData();
    const serviceId = String(form.get('serviceId') ?? '');
    const beneficiaryId = String(form.get('beneficiaryId') ?? '');
    if (!beneficiaryId) return fail(400, { serviceId, referralError: 'Choisissez la personne à orienter.' });
    if (!serviceId) return fail(400, { serviceId, referralError: 'Choisissez le service vers lequel orienter.' });
    try {
      const { data, errors } = await gatewayQuery<{ createReferral: { ok: boolean; error: { code: string; message: string } | null; referral: { id: string } | null } }>(
        fetch,
        referralDocument,
        { input: { beneficiaryId, serviceId, partnerId: params.id, sentOn: new Date().toISOString().slice(0, 10) } },
      );
      const result = data?.createReferral;
      if (!result) return fail(503, { serviceId, referralError: `L’orientation n’a pas pu être enregistrée (${errors[0]?.message ?? 'service indisponible'}).` });
      if (!result.ok) return fail(400, { serviceId, referralError: result.error?.message ?? 'L’orientation a été refusée.' });
      return { serviceId, referralOk: true };
    } catch (cause) {
      if (cause instanceof GatewayUnavailableError) return fail(503, { serviceId, referralError: 'Le service de données ne répond pas : réessayez dans quelques instants.' });
      throw cause;
    }
  },
};

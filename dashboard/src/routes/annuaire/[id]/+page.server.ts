import { error, fail } from '@sveltejs/kit';
import { parisToday } from '#lib/days.ts';
import type {
  CreateReferralMutation,
  DirectoryPartnerActivityQuery,
  DirectoryPartnerQuery,
  DirectoryPartnerServicesQuery,
  ReferralCandidatesQuery,
} from '#lib/graphql/operations.ts';
import { personName } from '#lib/people.ts';
import { requireSection } from '#lib/server/guard.ts';
import { sendMutation } from '#lib/server/mutation.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import type { Role } from '#lib/sections.ts';
import { GENERAL } from '#lib/validation.ts';
import type { Actions, PageServerLoad } from './$types';
import activityDocument from './activite.graphql?raw';
import candidatesDocument from './beneficiaires.graphql?raw';
import servicesDocument from './details.graphql?raw';
import referralDocument from './orienter.graphql?raw';
import partnerDocument from './partenaire.graphql?raw';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The caseload is read a page (100) at a time; a référent follows far fewer people than this. */
const MAX_CANDIDATE_PAGES = 10;

/**
 * « Orienter » is the référent's: they pick one of their own caseload (names decrypted and audited).
 * An administrator's caseload is the whole Département: listing it on every partner page would read
 * hundreds of identities for nothing.
 */
const mayRefer = (role: Role): boolean => role === 'REFERENT';

/** Why the API refused a referral, in French. */
const REFERRAL_ERRORS: Partial<Record<string, string>> = {
  NOT_FOUND: 'Cette personne ne fait pas partie des personnes que vous accompagnez, ou ce service n’existe plus.',
  INVALID_DATE: 'La date d’envoi de l’orientation n’est pas valide.',
  DATES_OUT_OF_ORDER: 'L’orientation ne peut pas précéder la prescription de l’accompagnement.',
  ALREADY_ENDED: 'L’accompagnement de cette personne est terminé.',
  NO_OPEN_ACCOMPANIMENT: 'Cette personne n’a pas d’accompagnement en cours que vous suivez : l’orientation se fait dans un accompagnement.',
  DUPLICATE_REFERRAL: 'Cette personne est déjà orientée vers ce service : l’orientation attend une réponse ou est acceptée.',
};

export interface Candidate {
  id: string;
  name: string;
}

/** The people of the user's caseload (their names: read and audited by the API), by name. */
async function loadCandidates(fetch: typeof globalThis.fetch): Promise<Panel<Candidate[]>> {
  const people: Candidate[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_CANDIDATE_PAGES; page++) {
    const panel: Panel<ReferralCandidatesQuery> = await loadPanel<ReferralCandidatesQuery>(fetch, 'personnes accompagnées', candidatesDocument, { after });
    if (!panel.ok) return panel;
    people.push(...panel.data.caseload.nodes.map((p) => ({ id: p.id, name: personName(p) })));
    if (!panel.data.caseload.pageInfo.hasNextPage) break;
    after = panel.data.caseload.pageInfo.endCursor;
  }
  return { ok: true, partial: false, data: people.sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
}

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
  const user = requireSection(locals.user, '/annuaire');
  if (!UUID.test(params.id)) error(404, 'Cette structure est introuvable.');
  const referrer = mayRefer(user.role);
  const [partner, services, activity, candidates] = await Promise.all([
    loadPanel<DirectoryPartnerQuery>(fetch, 'structure', partnerDocument, { id: params.id }),
    loadPanel<DirectoryPartnerServicesQuery>(fetch, 'services et permanences', servicesDocument, { id: params.id }),
    loadPanel<DirectoryPartnerActivityQuery>(fetch, 'activité et conventions', activityDocument, { id: params.id, today: parisToday() }),
    referrer ? loadCandidates(fetch) : Promise.resolve(null),
  ]);
  if (!partner.ok && partner.notFound) error(404, 'Cette structure est introuvable.');
  return {
    partner,
    services,
    activity,
    candidates,
    mayRefer: referrer,
  };
};

export const actions: Actions = {
  /** « Orienter » : a referral of one of the référent's people to a service of this structure. */
  orienter: async ({ fetch, locals, params, request }) => {
    const user = requireSection(locals.user, '/annuaire');
    if (!mayRefer(user.role)) return fail(403, { serviceId: null, referralError: 'Seuls les référents peuvent orienter une personne.' });
    const form = await request.formData();
    const serviceId = String(form.get('serviceId') ?? '');
    const beneficiaryId = String(form.get('beneficiaryId') ?? '');
    const note = String(form.get('note') ?? '').trim();
    if (note.length > 1000) return fail(400, { serviceId, referralError: 'La note pour la structure tient en 1 000 caractères au plus.' });
    if (!UUID.test(serviceId)) return fail(400, { serviceId, referralError: 'Choisissez le service vers lequel orienter.' });
    if (!UUID.test(beneficiaryId)) return fail(400, { serviceId, referralError: 'Choisissez la personne à orienter.' });
    const sentOn = parisToday();
    const sent = await sendMutation(fetch, referralDocument, { input: { beneficiaryId, serviceId, partnerId: params.id, sentOn, note: note || null } }, {
      part: 'orienter',
      resultOf: (data: CreateReferralMutation) => data.createReferral,
      refusal: (error) => ({ [GENERAL]: (error?.code && REFERRAL_ERRORS[error.code]) ?? 'L’orientation a été refusée.' }),
      noAnswer: 'L’orientation n’a pas pu être enregistrée : le service des parcours ne répond pas. Réessayez dans quelques instants.',
    });
    if (!('saved' in sent)) return fail(sent.status, { serviceId, referralError: sent.errors[GENERAL] ?? '' });
    return { serviceId, referral: { beneficiaryId, sentOn } };
  },
};

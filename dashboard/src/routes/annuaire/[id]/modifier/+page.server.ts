import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type { PartnerListingToEditQuery, UpdatePartnerListingMutation, UpdateServiceHoursMutation, UpdateServicePlacesMutation } from '#lib/graphql/operations.ts';
import { gatewayQuery, GatewayUnavailableError, type GraphQLResponseError } from '#lib/server/gateway.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import { formValues, GENERAL, type FieldErrors } from '#lib/validation.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import listingDocument from './fiche.graphql?raw';
import serviceHoursDocument from './horaires-service.graphql?raw';
import { readService, readStructure, refusalErrors, SERVICE_FIELDS, STRUCTURE_FIELDS } from './listing.ts';
import placesDocument from './places.graphql?raw';
import structureDocument from './structure.graphql?raw';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_HERE = 'Cette structure est introuvable.';
const NOT_YOURS = 'Vous ne pouvez pas modifier la fiche de cette structure : seuls son opérateur et les administrateurs du Département la tiennent à jour.';
const NO_ANSWER = 'L’enregistrement n’a pas pu être fait : le service de l’annuaire ne répond pas. Réessayez dans quelques instants.';

type Listing = NonNullable<PartnerListingToEditQuery['partner']>;

/** The listing, once the API says the caller may edit it (`viewerCanEdit`); otherwise 404 or a French 403. */
async function editableListing({ fetch, locals, params }: Pick<RequestEvent, 'fetch' | 'locals' | 'params'>): Promise<Listing> {
  requireSection(locals.user, '/annuaire');
  if (!UUID.test(params.id)) error(404, NOT_HERE);
  const panel = await loadPanel<PartnerListingToEditQuery>(fetch, 'fiche de la structure', listingDocument, { id: params.id });
  if (!panel.ok) error(panel.notFound ? 404 : 503, panel.notFound ? NOT_HERE : panel.message);
  const partner = panel.data.partner;
  if (!partner) error(404, NOT_HERE);
  if (!partner.viewerCanEdit) error(403, NOT_YOURS);
  return partner;
}

export const load: PageServerLoad = async (event) => ({ listing: await editableListing(event) });

/** What an action answers: which form (a service's id for a service), its errors by field and the values typed, or what was saved. */
type Failure = ActionFailure<{ form: 'structure' | 'service'; target: string | null; errors: FieldErrors; values: Record<string, string> }>;
type Saved = { form: 'structure' | 'service'; target: string | null; saved: string };

/** The three mutations' results share the one shape `{ ok, error { code message field } }` (ADR 0016). */
type MutationAnswer = UpdatePartnerListingMutation['updatePartner'] | UpdateServiceHoursMutation['updateService'] | UpdateServicePlacesMutation['updateServiceCapacity'] | null;

/**
 * Sends one mutation; its refusal (typed result, or FORBIDDEN/NOT_FOUND/BAD_USER_INPUT as GraphQL
 * errors) comes back as field errors in French, null when it was saved.
 */
async function send(fetch: typeof globalThis.fetch, document: string, variables: Record<string, unknown>, fields: readonly string[]): Promise<{ status: number; errors: FieldErrors } | null> {
  let answer: MutationAnswer;
  let graphqlErrors: GraphQLResponseError[];
  try {
    const { data, errors } = await gatewayQuery<Record<string, MutationAnswer>>(fetch, document, variables);
    answer = data ? (Object.values(data)[0] ?? null) : null;
    graphqlErrors = errors;
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) return { status: 503, errors: { [GENERAL]: NO_ANSWER } };
    throw cause;
  }
  if (answer?.ok) return null;
  if (answer) return { status: 400, errors: refusalErrors(answer.error, fields) };
  const refused = graphqlErrors.find((e) => ['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT'].includes(String(e.extensions?.['code'])));
  if (refused) {
    const code = String(refused.extensions?.['code']);
    const argument = refused.extensions?.['argument'];
    return { status: code === 'FORBIDDEN' ? 403 : 400, errors: refusalErrors({ code, field: typeof argument === 'string' ? argument : null }, fields) };
  }
  console.warn(`[dashboard] fiche: ${graphqlErrors.map((e) => e.message).join('; ')}`);
  return { status: 503, errors: { [GENERAL]: NO_ANSWER } };
}

export const actions: Actions = {
  /**
   * The structure's listing: one mutation, so it is saved whole or not at all; its « mise à jour le » becomes today.
   * Its identity is sent only when the API says the caller may change it (`viewerCanEditIdentity`); a refusal
   * of the API (IDENTITY_FIELD_NOT_EDITABLE) comes back beside the field all the same.
   */
  structure: async (event): Promise<Failure | Saved> => {
    const listing = await editableListing(event);
    const form = await event.request.formData();
    const values = { ...formValues(form, STRUCTURE_FIELDS), languages: form.getAll('languages').map(String).join(',') };
    const failure = (status: number, errors: FieldErrors): Failure => fail(status, { form: 'structure', target: null, errors, values });
    const { errors, input } = readStructure(form, listing.viewerCanEditIdentity);
    if (Object.keys(errors).length > 0) return failure(400, { ...errors, [GENERAL]: 'Rien n’a été enregistré : corrigez les champs signalés.' });
    const refused = await send(event.fetch, structureDocument, { id: event.params.id, input }, [...STRUCTURE_FIELDS, 'languages']);
    if (refused) return failure(refused.status, { [GENERAL]: 'Rien n’a été enregistré : corrigez les champs signalés.', ...refused.errors });
    return { form: 'structure', target: null, saved: 'La fiche de la structure est enregistrée.' };
  },

  /**
   * A service's hours and places: two mutations (hours, then capacity), each sent only when its
   * values changed. When the second is refused, the answer says that the hours were saved.
   */
  service: async (event): Promise<Failure | Saved> => {
    const listing = await editableListing(event);
    const form = await event.request.formData();
    const serviceId = String(form.get('serviceId') ?? '');
    const service = listing.services.find((s) => s.id === serviceId);
    const values = formValues(form, SERVICE_FIELDS);
    const failure = (status: number, errors: FieldErrors): Failure => fail(status, { form: 'service', target: serviceId, errors, values });
    if (!service) return failure(404, { [GENERAL]: 'Ce service n’appartient pas à cette structure, ou il a été archivé. Rechargez la page.' });
    const change = readService(form);
    if (Object.keys(change.errors).length > 0) return failure(400, { ...change.errors, [GENERAL]: 'Rien n’a été enregistré : corrigez les champs signalés.' });
    if (change.hours === undefined && change.capacity === undefined) return { form: 'service', target: serviceId, saved: 'Aucune modification : rien à enregistrer.' };
    if (change.hours !== undefined) {
      const refused = await send(event.fetch, serviceHoursDocument, { id: serviceId, input: { hours: change.hours } }, SERVICE_FIELDS);
      if (refused) return failure(refused.status, { [GENERAL]: 'Rien n’a été enregistré pour ce service : corrigez les champs signalés.', ...refused.errors });
    }
    if (change.capacity !== undefined) {
      const refused = await send(event.fetch, placesDocument, { id: serviceId, capacity: change.capacity }, SERVICE_FIELDS);
      if (refused) {
        const done = change.hours !== undefined ? 'Les horaires du service ont été enregistrés, mais pas les places ni le délai d’attente' : 'Les places et le délai d’attente n’ont pas été enregistrés';
        return failure(refused.status, { [GENERAL]: `${done} : corrigez les champs signalés.`, ...refused.errors });
      }
    }
    const parts = [change.hours !== undefined ? 'horaires' : null, change.capacity !== undefined ? 'places et délai d’attente' : null].filter(Boolean);
    return { form: 'service', target: serviceId, saved: `Service « ${service.name} » enregistré (${parts.join(' ; ')}).` };
  },
};

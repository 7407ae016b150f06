// The listing a structure's operator (or an administrator) maintains: the forms' values read into
// the API's inputs, and the API's refusals in French beside the field they concern. The checks here
// only spare a round trip on what the form itself can tell (a number, an e-mail address); the rules
// are the partners subgraph's (hours syntax, commune, ranges, who may change the identity), whose
// refusals come back by `field`.
import type { PartnerInput, ServiceCapacityInput } from '#lib/graphql/operations.ts';
import { PARTNER_KINDS } from '#lib/labels.ts';
import { GENERAL, readChoice, type FieldErrors } from '#lib/validation.ts';

/**
 * The structure's identity, which the Département vouches for: editable only when the API says so
 * (`Partner.viewerCanEditIdentity`); otherwise shown read-only and never sent.
 */
export const IDENTITY_FIELDS = ['name', 'kind', 'siret', 'networks', 'communeCode'] as const;

/** The structure form's text fields, to show them again after a refused submit. */
export const STRUCTURE_FIELDS = [...IDENTITY_FIELDS, 'description', 'address', 'postalCode', 'latitude', 'longitude', 'phone', 'email', 'website', 'hours', 'stepFreeAccess', 'signLanguage'] as const;

/** A service form's fields. */
export const SERVICE_FIELDS = ['hours', 'places', 'waitingDays'] as const;

/**
 * Languages offered besides French (ISO 639-1, as the API stores them): those most asked for in
 * the Départements' social services. A language already on the listing is offered too.
 */
export const COMMON_LANGUAGES = ['en', 'ar', 'es', 'de', 'it', 'pt', 'ro', 'pl', 'tr', 'ru', 'uk', 'fa', 'ps', 'ta', 'zh', 'vi', 'sq', 'nl'] as const;

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
const orNull = (value: string): string | null => (value === '' ? null : value);

/** A decimal typed the French way (`50,29`) or not; null when empty, NaN when not a number. */
function decimal(value: string): number | null {
  if (value === '') return null;
  const normalised = value.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** A count (places, days): null when empty, NaN when not a whole number from 0. */
function count(value: string): number | null {
  if (value === '') return null;
  const normalised = value.replace(/\s/g, '');
  return /^\d+$/.test(normalised) ? Number(normalised) : Number.NaN;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d .()-]+$/;
const POSTAL_CODE = /^\d{5}$/;
const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
const SIRET = /^\d{14}$/;

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

type Identity = Pick<PartnerInput, (typeof IDENTITY_FIELDS)[number]>;

/** The identity fields of the form (an administrator's): networks typed as a list separated by commas, none stored as null. */
function readIdentity(form: FormData, errors: FieldErrors): Identity {
  const communeCode = text(form, 'communeCode').toUpperCase();
  const siret = text(form, 'siret').replace(/\s/g, '');
  const kind = readChoice(form, 'kind', PARTNER_KINDS, 'Choisissez le type de structure.', errors);
  if (!communeCode) errors['communeCode'] = 'Indiquez le code INSEE de la commune.';
  else if (!COMMUNE_CODE.test(communeCode)) errors['communeCode'] = 'Le code INSEE d’une commune a 5 caractères (par exemple 62041 pour Arras).';
  if (siret && !SIRET.test(siret)) errors['siret'] = 'Le SIRET a 14 chiffres.';
  const networks = text(form, 'networks')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return { name: text(form, 'name'), kind: kind || null, siret: orNull(siret), networks: networks.length > 0 ? [...new Set(networks)] : null, communeCode };
}

/**
 * The structure form as the API's `PartnerInput`: every field it shows, so what is emptied is
 * cleared. Without `identity` (the caller may not change it), the identity fields are left out,
 * whatever was posted: the API keeps them as they are.
 */
export function readStructure(form: FormData, identity: boolean): { errors: FieldErrors; input: PartnerInput } {
  const errors: FieldErrors = {};
  const postalCode = text(form, 'postalCode');
  const phone = text(form, 'phone');
  const email = text(form, 'email');
  const website = text(form, 'website');
  const latitude = decimal(text(form, 'latitude'));
  const longitude = decimal(text(form, 'longitude'));
  const stepFree = text(form, 'stepFreeAccess');
  if (postalCode && !POSTAL_CODE.test(postalCode)) errors['postalCode'] = 'Le code postal a 5 chiffres.';
  if (phone && (!PHONE.test(phone) || phone.replace(/\D/g, '').length < 4)) errors['phone'] = 'Le numéro de téléphone ne peut contenir que des chiffres, des espaces, des points, des tirets et un « + » initial.';
  if (email && !EMAIL.test(email)) errors['email'] = 'Cette adresse électronique n’est pas valide (par exemple accueil@structure.fr).';
  if (website && !isWebAddress(website)) errors['website'] = 'L’adresse du site commence par https:// (ou http://).';
  if (Number.isNaN(latitude)) errors['latitude'] = 'La latitude est un nombre décimal (par exemple 50,2910).';
  if (Number.isNaN(longitude)) errors['longitude'] = 'La longitude est un nombre décimal (par exemple 2,7775).';
  if (!['', 'oui', 'non'].includes(stepFree)) errors['stepFreeAccess'] = 'Choisissez oui, non ou non renseigné.';
  const languages = form
    .getAll('languages')
    .map((l) => String(l))
    .filter((l) => /^[a-z]{2}$/.test(l));
  const input: PartnerInput = {
    ...(identity ? readIdentity(form, errors) : {}),
    description: orNull(text(form, 'description')),
    address: orNull(text(form, 'address')),
    postalCode: orNull(postalCode),
    latitude: Number.isNaN(latitude) ? null : latitude,
    longitude: Number.isNaN(longitude) ? null : longitude,
    phone: orNull(phone),
    email: orNull(email),
    website: orNull(website),
    hours: orNull(text(form, 'hours')),
    stepFreeAccess: stepFree === 'oui' ? true : stepFree === 'non' ? false : null,
    signLanguage: form.get('signLanguage') === 'oui',
    languages: [...new Set(languages)],
  };
  return { errors, input };
}

/** What a service form changes: its hours and/or its capacity, each only when it differs from what the page showed. */
export interface ServiceChange {
  errors: FieldErrors;
  /** The new hours (null: cleared), or undefined when unchanged. */
  hours: string | null | undefined;
  /** The new capacity figures, or undefined when unchanged. */
  capacity: ServiceCapacityInput | undefined;
}

/** A service form: its hours, places and waiting days, compared with the values it was shown with (`…Before`). */
export function readService(form: FormData): ServiceChange {
  const errors: FieldErrors = {};
  const hours = orNull(text(form, 'hours'));
  const places = count(text(form, 'places'));
  const waitingDays = count(text(form, 'waitingDays'));
  if (Number.isNaN(places)) errors['places'] = 'Le nombre de places est un nombre entier, 0 ou plus.';
  if (Number.isNaN(waitingDays)) errors['waitingDays'] = 'Le délai d’attente est un nombre entier de jours, 0 ou plus.';
  const hoursChanged = hours !== orNull(text(form, 'hoursBefore'));
  const capacityChanged = places !== count(text(form, 'placesBefore')) || waitingDays !== count(text(form, 'waitingDaysBefore'));
  return {
    errors,
    hours: hoursChanged ? hours : undefined,
    capacity: capacityChanged ? { places: Number.isNaN(places) ? null : places, waitingDays: Number.isNaN(waitingDays) ? null : waitingDays } : undefined,
  };
}

/** IDENTITY_FIELD_NOT_EDITABLE: the API refused to change a field the Département vouches for. */
const BY_DEPARTMENT = 'Modifiable par le Département seulement : rien n’a été enregistré. Pour une correction, écrivez à l’administrateur de l’annuaire du Département.';

/** The API's refusals of a listing (partners' codes), in French, by field where there is one. */
const BY_FIELD: Record<string, Partial<Record<string, string>>> = {
  name: {
    INVALID_NAME: 'Le nom doit comporter au moins 3 caractères.',
    REQUIRED: 'Indiquez le nom.',
    IDENTITY_FIELD_NOT_EDITABLE: BY_DEPARTMENT,
  },
  kind: { IDENTITY_FIELD_NOT_EDITABLE: BY_DEPARTMENT },
  siret: { IDENTITY_FIELD_NOT_EDITABLE: BY_DEPARTMENT },
  networks: { IDENTITY_FIELD_NOT_EDITABLE: BY_DEPARTMENT },
  communeCode: {
    UNKNOWN_COMMUNE: 'Aucune commune n’a ce code INSEE (par exemple 62041 pour Arras ; ce n’est pas le code postal).',
    REQUIRED: 'Indiquez le code INSEE de la commune.',
    IDENTITY_FIELD_NOT_EDITABLE: BY_DEPARTMENT,
  },
  hours: {
    INVALID_HOURS:
      'Ces horaires ne sont pas au format OpenStreetMap. Exemple : « Mo-Fr 09:00-12:00,14:00-17:00; PH off » (du lundi au vendredi, 9 h–12 h et 14 h–17 h ; fermé les jours fériés).',
  },
  latitude: {
    INCOMPLETE_COORDINATES: 'Indiquez la latitude et la longitude, ou aucune des deux.',
    OUT_OF_RANGE: 'La latitude est comprise entre -90 et 90.',
  },
  longitude: {
    INCOMPLETE_COORDINATES: 'Indiquez la latitude et la longitude, ou aucune des deux.',
    OUT_OF_RANGE: 'La longitude est comprise entre -180 et 180.',
  },
  places: { OUT_OF_RANGE: 'Ce nombre de places est hors des limites acceptées (de 0 à 100 000).' },
  waitingDays: { OUT_OF_RANGE: 'Ce délai d’attente est hors des limites acceptées (de 0 à 3 650 jours).' },
  fte: { OUT_OF_RANGE: 'Ce nombre d’ETP est hors des limites acceptées.' },
};

/** Refusals that concern the whole form. */
const GENERAL_MESSAGES: Partial<Record<string, string>> = {
  NOT_FOUND: 'Cette fiche est introuvable : elle a peut-être été archivée. Rechargez la page.',
  FORBIDDEN: 'Vous ne pouvez modifier que la fiche de votre propre structure.',
  BAD_USER_INPUT: 'Une valeur saisie n’est pas acceptée (texte trop long ou caractère interdit).',
};

/**
 * An API refusal `{ code, field }` as the form's errors: the message beside its field (the API
 * names input fields with or without their argument, `input.hours` or `hours`), or for the whole
 * form when the field is not one of the form's.
 */
export function refusalErrors(refusal: { code: string; field: string | null } | null | undefined, fields: readonly string[]): FieldErrors {
  const code = refusal?.code ?? '';
  const field = refusal?.field?.split('.').at(-1) ?? null;
  const own = field ? BY_FIELD[field]?.[code] : undefined;
  if (field && fields.includes(field)) return { [field]: own ?? GENERAL_MESSAGES[code] ?? 'Cette valeur a été refusée.' };
  return { [GENERAL]: own ?? GENERAL_MESSAGES[code] ?? 'L’enregistrement a été refusé.' };
}

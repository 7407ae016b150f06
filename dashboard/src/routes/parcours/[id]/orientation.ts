// French words for the refusals of the orientation mutations (codes of the API, ADR 0016), and the
// form field each one concerns: the person's page (request, withdrawal) and the Département's list
// of requests (decision) share them.
import { GENERAL } from '#lib/validation.ts';
import { refusalMapper } from './refusals.ts';

const MESSAGES: Record<string, string> = {
  NOT_FOUND: 'Cette personne ou cette demande est introuvable parmi celles que vous suivez.',
  INVALID_DATE: 'Cette date n’est pas valide.',
  DATES_OUT_OF_ORDER: 'Cette date ne convient pas : ni dans le futur, ni avant l’orientation en cours ou la demande.',
  UNKNOWN_TRACK: 'Choisissez un parcours de la liste.',
  UNKNOWN_CRITERION: 'Un critère coché n’est pas dans la liste.',
  LEAD_PARTNER_REQUIRED: 'Indiquez la structure partenaire référente.',
  LEAD_PARTNER_NOT_ALLOWED: 'Seule une structure partenaire est nommée.',
  LEAD_REQUIRED: 'Choisissez la structure référente du nouvel accompagnement.',
  REASON_REQUIRED: 'Indiquez le motif.',
  NO_ORIENTATION: 'Cette personne n’a pas encore d’orientation : le Département décide d’abord une première orientation.',
  NO_OPEN_ACCOMPANIMENT: 'Cette personne n’a pas d’accompagnement en cours que vous suivez.',
  SAME_TRACK: 'C’est déjà le parcours de la personne : proposez-en un autre.',
  REQUEST_PENDING: 'Une demande de réorientation attend déjà la décision du Département pour cette personne.',
  ALREADY_NOTIFIED: 'La notification de cette orientation est déjà enregistrée : rechargez la page.',
  ALREADY_DECIDED: 'Cette demande a déjà reçu une décision ou a été retirée : rechargez la page.',
  NOT_THE_REQUESTER: 'Seule la personne qui a fait la demande peut la retirer.',
  BAD_USER_INPUT: 'Une valeur saisie n’est pas acceptée.',
};

/** The API's field (`input.reason`) as the form names it (`reason`). */
const FIELDS: Record<string, string> = {
  'input.reason': 'reason',
  'input.proposedTrack': 'track',
  'input.requestedOn': GENERAL,
  'input.decidedOn': 'decidedOn',
  'input.notifiedOn': 'notifiedOn',
  'input.leadKind': 'leadKind',
  'input.criteria': 'criteria',
};

/** A refusal of the API, in French, on the form field it concerns. */
export const orientationRefusal = refusalMapper(MESSAGES, FIELDS);

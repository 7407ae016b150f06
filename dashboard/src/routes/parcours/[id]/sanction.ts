// The suspension-remobilisation panel's words: labels of the API's codes, and the refusals of its
// mutations (ADR 0016) in French, on the form field each one concerns. The rules stay the API's.
import type { BreachKind, BreachSource, HearingOutcome, LiftReason, SanctionDecision, SanctionStatus } from '#lib/graphql/operations.ts';
import { GENERAL, type FieldErrors } from '#lib/validation.ts';
import { refusalMapper } from './refusals.ts';

export const SANCTION_STATUSES = {
  BREACH_RECORDED: 'Manquement constaté',
  HEARD: 'Personne entendue',
  DECIDED: 'Décision prise',
  LIFTED: 'Levée (remobilisation)',
  ENDED: 'Close',
} as const satisfies Record<SanctionStatus, string>;

export const BREACH_KINDS = {
  CONTRACT_NOT_SIGNED: 'Refus d’élaborer ou de signer le contrat d’engagement',
  CONTRACT_OBLIGATIONS: 'Engagements du contrat non respectés',
  APPOINTMENT_MISSED: 'Rendez-vous manqué sans motif légitime',
  FRANCE_TRAVAIL_REGISTRATION: 'Inscription à France Travail manquante ou radiation',
  OTHER: 'Autre manquement',
} as const satisfies Record<BreachKind, string>;

export const BREACH_SOURCES = {
  REFERENT: 'Référent',
  DEPARTMENT: 'Département',
  FRANCE_TRAVAIL: 'France Travail',
  PARTNER: 'Structure partenaire',
} as const satisfies Record<BreachSource, string>;

export const HEARING_OUTCOMES = {
  ORAL_OBSERVATIONS: 'Observations présentées oralement',
  WRITTEN_OBSERVATIONS: 'Observations écrites',
  DID_NOT_ATTEND: 'Convoquée, ne s’est pas présentée',
  REENGAGED: 'S’est réengagée lors de l’audition',
} as const satisfies Record<HearingOutcome, string>;

export const SANCTION_DECISIONS = {
  SUSPENDED: 'Suspension',
  NO_SANCTION: 'Pas de sanction',
} as const satisfies Record<SanctionDecision, string>;

export const LIFT_REASONS = {
  CONTRACT_SIGNED: 'Contrat d’engagement signé',
  OBLIGATIONS_RESUMED: 'Engagements repris',
  SITUATION_CHANGED: 'Changement de situation',
  OTHER: 'Autre',
} as const satisfies Record<LiftReason, string>;

const MESSAGES: Record<string, string> = {
  NOT_FOUND: 'Cette personne ou cette procédure est introuvable parmi celles que vous suivez.',
  INVALID_DATE: 'Cette date n’est pas valide.',
  DATES_OUT_OF_ORDER: 'Cette date ne convient pas : ni dans le futur, ni avant l’étape précédente (ni avant le 1er juin 2025 pour un manquement).',
  WRONG_STATE: 'La procédure a changé entre-temps : rechargez la page.',
  PROCEDURE_PENDING: 'Une procédure attend déjà l’audition ou la décision pour cette personne.',
  RATE_OUT_OF_RANGE: 'Le taux de suspension va de 30 % à 100 %, en pourcentage entier.',
  HOUSEHOLD_CAP: 'Foyer de plus d’une personne : la suspension est plafonnée à 50 %.',
  DURATION_OUT_OF_RANGE: 'La durée va de 1 à 2 mois (jusqu’à 4 mois en cas de récidive).',
  NOT_A_REPEAT: 'Plus de 2 mois seulement en cas de récidive : aucune suspension décidée pour cette personne dans les 12 mois précédents.',
  RATE_REQUIRED: 'Indiquez le taux de suspension.',
  DURATION_REQUIRED: 'Indiquez la durée de la suspension.',
  NOT_ALLOWED: 'Sans sanction, ni taux ni durée.',
  REASON_REQUIRED: 'Indiquez le motif.',
  BAD_USER_INPUT: 'Une valeur saisie n’est pas acceptée.',
};

/** The API's field (`input.rate`) as the form names it (`rate`). */
const FIELDS: Record<string, string> = {
  'input.beneficiaryId': GENERAL,
  'input.procedureId': GENERAL,
  'input.breachOn': 'breachOn',
  'input.note': 'note',
  'input.hearingOn': 'hearingOn',
  'input.decidedOn': 'decidedOn',
  'input.effectiveOn': 'effectiveOn',
  'input.rate': 'rate',
  'input.durationMonths': 'durationMonths',
  'input.liftedOn': 'liftedOn',
  'input.endedOn': 'endedOn',
  'input.reason': 'reason',
};

/** A refusal of the API, in French, on the form field it concerns. */
export const sanctionRefusal = refusalMapper(MESSAGES, FIELDS);

/** The forms of the panel, by action name. */
export type SanctionForm = 'manquement' | 'audition' | 'decision' | 'levee' | 'cloture';

/** What a form action of the panel answers. */
export interface SanctionOutcome {
  form: SanctionForm;
  target?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved?: boolean;
}

// French labels of the API's enumerations: the one place the UI names them (pages, tables,
// exports). Each map is complete for its enum, checked by the compiler against the generated types.
import type {
  AccompanimentStatus,
  ReferralRefusalReason,
  AppointmentKind,
  AppointmentStatus,
  CaseloadAlert,
  DelayStep,
  ContractKind,
  ContractTrack,
  HoursReductionReason,
  ContractStatus,
  ExitReason,
  ExitSubReason,
  BalanceRule,
  BalanceStatus,
  ConventionObjectiveKind,
  Fee,
  Funder,
  MobilisationMode,
  Mobiliser,
  PartnerKind,
  PaymentKind,
  PaymentStatus,
  PsychologicalDifficulty,
  Public,
  ReceptionMode,
  ReferralStatus,
  OrientationLead,
  OrientationSource,
  ReorientationStatus,
  ServiceType,
  UserRole,
} from './graphql/operations.ts';

export const EXIT_REASONS = {
  STABILISATION: 'Stabilisation du parcours de vie',
  EVOLUTION: 'Évolution de parcours',
  FINANCIAL_CHANGE: 'Changement de situation financière',
  DYNAMIC_EXIT: 'Sortie dynamique (emploi, formation)',
  REORIENTATION: 'Réorientation vers le droit commun',
  DROPPED_OUT: 'Rupture de l’accompagnement',
  MOVED: 'Déménagement',
  DECEASED: 'Décès',
  OTHER: 'Autre motif',
} as const satisfies Record<ExitReason, string>;

export const EXIT_SUB_REASONS = {
  AAH: 'Allocation aux adultes handicapés (AAH)',
  UNEMPLOYMENT_BENEFIT: 'Allocation chômage',
  INVALIDITY_PENSION: 'Pension d’invalidité',
  DAILY_ALLOWANCE: 'Indemnités journalières',
  RETIREMENT_ASPA: 'Retraite ou ASPA',
} as const satisfies Record<ExitSubReason, string>;

export const PSYCHOLOGICAL_DIFFICULTIES = {
  ANXIETY: 'Troubles anxieux',
  DEPRESSION: 'Dépression',
  PSYCHOTIC_DISORDER: 'Troubles psychotiques',
  ADDICTION: 'Addiction',
  TRAUMA: 'Psychotraumatisme',
  SOCIAL_ISOLATION: 'Isolement social',
  COGNITIVE_DISORDER: 'Troubles cognitifs',
  OTHER: 'Autre difficulté',
} as const satisfies Record<PsychologicalDifficulty, string>;

export const ACCOMPANIMENT_STATUSES = {
  PRESCRIBED: 'Prescrit',
  VALIDATED: 'Orientation validée',
  IN_PROGRESS: 'En cours',
  FINAL_REVIEW_DONE: 'Bilan final fait',
  ENDED: 'Terminé',
} as const satisfies Record<AccompanimentStatus, string>;

export const APPOINTMENT_KINDS = {
  FIRST: 'Premier entretien',
  INTERMEDIATE: 'Entretien intermédiaire',
  FINAL_REVIEW: 'Bilan final',
  COLLECTIVE_SESSION: 'Atelier collectif',
  PERMANENCE: 'Permanence',
} as const satisfies Record<AppointmentKind, string>;

export const APPOINTMENT_STATUSES = {
  PLANNED: 'prévu',
  HONOURED: 'honoré',
  MISSED: 'manqué',
  EXCUSED: 'excusé',
  CANCELLED: 'annulé',
} as const satisfies Record<AppointmentStatus, string>;

export const CASELOAD_ALERTS = {
  WAITING_FIRST_INTERVIEW: 'En attente du premier entretien',
  MISSED_LAST_APPOINTMENT: 'Dernier rendez-vous manqué',
  REVIEW_DUE: 'Bilan à faire (5 mois passés)',
  APPOINTMENT_TO_CLOSE: 'Rendez-vous passé à clôturer',
  REFERRAL_UNANSWERED: 'Orientation refusée ou sans réponse',
  ORIENTATION_DUE: 'Orientation à décider (délai légal de 6 semaines)',
  CONTRACT_DUE: 'Contrat à signer (délai légal d’un mois après la notification)',
} as const satisfies Record<CaseloadAlert, string>;

/** The steps of the legal delay chain, each measured from the end of the previous one (the contract, like the law, from the notification). */
export const DELAY_STEPS = {
  ORIENTATION_DECIDED: 'Orientation décidée (depuis l’ouverture du droit)',
  ORIENTATION_NOTIFIED: 'Orientation notifiée (depuis la décision)',
  CONTRACT_SIGNED: 'Contrat signé (depuis la notification)',
  FIRST_INTERVIEW: 'Premier entretien avec le référent (depuis la notification)',
  FIRST_PARTNER_APPOINTMENT: 'Premier rendez-vous partenaire accepté (depuis le premier entretien)',
} as const satisfies Record<DelayStep, string>;

/** Kinds of `ContractAlert` (a string in the API: contracts' `contractAlerts`). */
export const CONTRACT_ALERTS = {
  ENDING_SOON: 'CER bientôt terminé',
  RENEWAL_NOT_REQUESTED: 'Renouvellement du CER à demander',
} as const satisfies Record<string, string>;

export const REFERRAL_STATUSES = {
  SENT: 'envoyée',
  ACCEPTED: 'acceptée',
  REFUSED: 'refusée',
  DONE: 'réalisée',
  NO_SHOW: 'non honorée',
  EXPIRED: 'expirée sans réponse',
} as const satisfies Record<ReferralStatus, string>;

export const REFERRAL_REFUSAL_REASONS = {
  NOT_ELIGIBLE: 'ne correspond pas aux critères du service',
  NO_CAPACITY: 'pas de place disponible',
  PERSON_DECLINED: 'la personne ne souhaite pas',
  UNREACHABLE: 'personne injoignable',
  NOT_RELEVANT: 'orientation non pertinente',
  DUPLICATE: 'déjà accompagnée par la structure',
  OTHER: 'autre motif',
} as const satisfies Record<ReferralRefusalReason, string>;

export const CONTRACT_KINDS = {
  CER: 'CER',
  CONTRAT_ENGAGEMENT: 'Contrat d’engagement',
  PPAE: 'PPAE',
  CEJ: 'CEJ',
  PACEA: 'PACEA',
} as const satisfies Record<ContractKind, string>;

/** The track a contrat d'engagement follows (the orientation's). */
export const CONTRACT_TRACKS = {
  PRO: 'professionnel',
  SOCIO_PRO: 'socio-professionnel',
  SOCIAL: 'social (remobilisation)',
} as const satisfies Record<ContractTrack, string>;

/** Why fewer than 15 hours a week are planned. */
export const HOURS_REDUCTION_REASONS = {
  HEALTH: 'santé',
  DISABILITY: 'handicap',
  CHILDCARE: 'garde d’enfant (sans solution)',
  CARING: 'aidant d’un proche',
} as const satisfies Record<HoursReductionReason, string>;

export const CONTRACT_STATUSES = {
  DRAFT: 'brouillon',
  SIGNED: 'signé',
  ACTIVE: 'en cours',
  RENEWAL_REQUESTED: 'renouvellement demandé',
  RENEWED: 'renouvelé',
  ENDED: 'terminé',
  CANCELLED: 'annulé',
} as const satisfies Record<ContractStatus, string>;

export const PARTNER_KINDS = {
  MDPH: 'MDPH',
  CSAPA: 'CSAPA (addictions)',
  CAARUD: 'CAARUD (réduction des risques)',
  PSYCHOLOGIST: 'Psychologue',
  COMPLEX_CASES_CELL: 'Cellule de cas complexes',
  HEALTH_CHECK_CENTRE: 'Centre d’examens de santé (CPAM)',
  HOSPITAL: 'Hôpital',
  GENERAL_PRACTICE: 'Médecine générale',
  HEALTH_CENTRE: 'Maison ou centre de santé',
  CMP: 'Centre médico-psychologique (CMP)',
  CMS: 'Centre médico-social (CMS)',
  CCAS: 'CCAS / CIAS',
  ASSOCIATION: 'Association',
  SIAE: 'Structure d’insertion par l’activité économique',
  OTHER: 'Autre structure',
} as const satisfies Record<PartnerKind, string>;

export const SERVICE_TYPES = {
  ACCOMPAGNEMENT: 'Accompagnement',
  AIDE_FINANCIERE: 'Aide financière',
  AIDE_MATERIELLE: 'Aide matérielle',
  ATELIER: 'Atelier',
  FORMATION: 'Formation',
  INFORMATION: 'Information',
} as const satisfies Record<ServiceType, string>;

export const PUBLICS = {
  ACTIFS: 'Actifs',
  BENEFICIAIRES_DES_MINIMAS_SOCIAUX: 'Bénéficiaires des minima sociaux',
  DEMANDEURS_EMPLOI: 'Demandeurs d’emploi',
  ETUDIANTS: 'Étudiants',
  FAMILLES: 'Familles',
  FEMMES: 'Femmes',
  JEUNES: 'Jeunes',
  PERSONNES_EN_SITUATION_DE_HANDICAP: 'Personnes en situation de handicap',
  PERSONNES_EN_SITUATION_DURGENCE: 'Personnes en situation d’urgence',
  PERSONNES_EN_SITUATION_JURIDIQUE_SPECIFIQUE: 'Personnes en situation juridique spécifique',
  PERSONNES_EXILEES: 'Personnes exilées',
  RESIDENTS_QPV_FRR: 'Résidents en QPV ou FRR',
  SENIORS: 'Seniors',
  TOUS_PUBLICS: 'Tous publics',
} as const satisfies Record<Public, string>;

export const RECEPTION_MODES = {
  EN_PRESENTIEL: 'En présentiel',
  A_DISTANCE: 'À distance',
} as const satisfies Record<ReceptionMode, string>;

export const FEES = {
  GRATUIT: 'Gratuit',
  PAYANT: 'Payant',
} as const satisfies Record<Fee, string>;

export const MOBILISATION_MODES = {
  ENVOYER_UN_COURRIEL: 'Envoyer un courriel',
  SE_PRESENTER: 'Se présenter',
  TELEPHONER: 'Téléphoner',
  UTILISER_LIEN_MOBILISATION: 'Utiliser le lien de mobilisation',
} as const satisfies Record<MobilisationMode, string>;

export const MOBILISERS = {
  PROFESSIONNELS: 'les professionnels',
  USAGERS: 'les personnes elles-mêmes',
} as const satisfies Record<Mobiliser, string>;

export const PAYMENT_KINDS = {
  ADVANCE: 'Avance',
  BALANCE: 'Solde',
} as const satisfies Record<PaymentKind, string>;

export const PAYMENT_STATUSES = {
  PLANNED: 'prévu',
  REQUESTED: 'demandé',
  PAID: 'versé',
  CANCELLED: 'annulé',
} as const satisfies Record<PaymentStatus, string>;

export const BALANCE_STATUSES = {
  AWAITING_FINAL_REPORT: 'En attente du bilan final',
  AWAITING_FIGURES: 'Bilan reçu, chiffres manquants',
  PAYABLE: 'Solde à verser',
  SETTLED: 'Soldé',
  TO_RECOVER: 'Trop-perçu à récupérer',
} as const satisfies Record<BalanceStatus, string>;

export const BALANCE_RULES = {
  FULL: 'Solde intégral après le bilan final',
  PRORATA_PLACES_FILLED: 'Solde au prorata des places occupées',
} as const satisfies Record<BalanceRule, string>;

export const OBJECTIVE_KINDS = {
  QUANTITATIVE: 'Quantitatif',
  QUALITATIVE: 'Qualitatif',
} as const satisfies Record<ConventionObjectiveKind, string>;

export const ROLES = {
  ADMIN: 'Administration',
  STEERING: 'Comité de pilotage',
  REFERENT: 'Référent',
  OPERATOR: 'Opérateur',
  PRESCRIBER: 'Prescripteur',
} as const satisfies Record<UserRole, string>;

export const FUNDERS = {
  DEPARTMENT: 'Département',
  FSE_REACT_EU: 'FSE / REACT-EU',
  ARS: 'Agence régionale de santé (ARS)',
  CPAM: 'Assurance maladie (CPAM)',
  STATE: 'État',
  OTHER: 'Autre financeur',
} as const satisfies Record<Funder, string>;

/** The label of an enum value, or the value itself when the map does not know it (a newer API). */
export function labelOf(labels: Readonly<Record<string, string>>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return labels[value] ?? value;
}

/** Who leads the accompaniment an orientation gives (« structure référente »). */
export const ORIENTATION_LEADS = {
  FRANCE_TRAVAIL: 'France Travail',
  DEPARTMENT: 'Département',
  PARTNER: 'Structure partenaire',
} as const satisfies Record<OrientationLead, string>;

/** Where an orientation decision comes from. */
export const ORIENTATION_SOURCES = {
  DEPARTMENT: 'Département',
  FRANCE_TRAVAIL: 'France Travail',
  IMPORT: 'Import',
} as const satisfies Record<OrientationSource, string>;

export const REORIENTATION_STATUSES = {
  REQUESTED: 'Demandée',
  ACCEPTED: 'Acceptée',
  REFUSED: 'Refusée',
  WITHDRAWN: 'Retirée',
} as const satisfies Record<ReorientationStatus, string>;

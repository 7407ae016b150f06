// Validation of the dashboard's forms, with messages in French. The API validates again: these
// checks only spare the user a round trip and name the field that is wrong. The API's own refusals
// (typed codes) are turned into French here too, on the field they concern when there is one.
import type { AppointmentKind, AppointmentStatus, ExitReason, ExitSubReason } from './graphql/operations.ts';
import { parisToday } from './days.ts';
import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES, EXIT_REASONS, EXIT_SUB_REASONS } from './labels.ts';

export type FieldErrors = Record<string, string>;

/** The key of errors that concern the whole form rather than one field. */
export const GENERAL = 'général';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A required ISO date (`<input type="date">` sends AAAA-MM-JJ); `label` is « la date de … ». */
export function readDate(form: FormData, name: string, label: string, errors: FieldErrors, options: { notFuture?: boolean; today?: string } = {}): string {
  const value = String(form.get(name) ?? '').trim();
  if (!value) errors[name] = `Indiquez ${label}.`;
  else if (!isRealDate(value)) errors[name] = `${capitalise(label)} n’est pas une date valide (JJ/MM/AAAA).`;
  else if (options.notFuture && value > (options.today ?? parisToday())) errors[name] = `${capitalise(label)} ne peut pas être dans le futur.`;
  return value;
}

/** Whether a text is a calendar day as AAAA-MM-JJ (no 30 February). */
export function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  return ISO_DATE.test(value) && new Date(Date.UTC(year!, month! - 1, day!)).toISOString().slice(0, 10) === value;
}

/** A required choice or text. */
export function readRequired(form: FormData, name: string, message: string, errors: FieldErrors): string {
  const value = String(form.get(name) ?? '').trim();
  if (!value) errors[name] = message;
  return value;
}

/** A required choice among the keys of `labels` (an API enum), `fallback` when left empty: `message` when missing or unknown. */
export function readChoice<K extends string>(form: FormData, name: string, labels: Readonly<Record<K, string>>, message: string, errors: FieldErrors, fallback = ''): K {
  const value = String(form.get(name) ?? '').trim() || fallback;
  if (!Object.hasOwn(labels, value)) errors[name] = message;
  return value as K;
}

/** The text values of a form, to show them again after a refused submit. */
export function formValues(form: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')]));
}

// The server's addMonths is db/src/calendar.ts (the browser does not load db): same rule, keep them alike.
/** Adds months to an ISO day, clamping to the end of a shorter month (31 août + 6 mois = 28 ou 29 février). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The default end of a CER: 6 months, i.e. the day before the same date six months later (the contracts rule). */
export function defaultCerEnd(startsOn: string): string {
  if (!isRealDate(startsOn)) return '';
  const end = new Date(`${addMonths(startsOn, 6)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * The dates of a signed CER: signature (not in the future), start, and end — 6 months when left
 * empty —, the end after the start, the signature on or before the end.
 */
export function readEngagementContract(form: FormData, today?: string): { errors: FieldErrors; signedOn: string; startsOn: string; endsOn: string } {
  const errors: FieldErrors = {};
  const signedOn = readDate(form, 'signedOn', 'la date de signature', errors, { notFuture: true, ...(today ? { today } : {}) });
  const startsOn = readDate(form, 'startsOn', 'la date de début', errors);
  const given = String(form.get('endsOn') ?? '').trim();
  const endsOn = given ? readDate(form, 'endsOn', 'la date de fin', errors) : defaultCerEnd(startsOn);
  if (!errors['startsOn'] && !errors['endsOn'] && endsOn <= startsOn) errors['endsOn'] = 'La date de fin doit être après la date de début.';
  if (!errors['signedOn'] && !errors['startsOn'] && !errors['endsOn'] && signedOn > endsOn) errors['signedOn'] = 'La signature ne peut pas être après la fin du CER.';
  return { errors, signedOn, startsOn, endsOn };
}

/** An exit: its day (not in the future), its reason, and the new income exactly when the reason is a financial change. */
export function readExit(form: FormData, today?: string): { errors: FieldErrors; endedOn: string; reason: ExitReason; subReason: ExitSubReason | null } {
  const errors: FieldErrors = {};
  const endedOn = readDate(form, 'on', 'la date de sortie', errors, { notFuture: true, ...(today ? { today } : {}) });
  const reason = readChoice(form, 'reason', EXIT_REASONS, 'Choisissez le motif de sortie.', errors);
  // The sub-reason only means something for a financial change: ignored otherwise (the form hides it).
  const subReason = reason === 'FINANCIAL_CHANGE' ? readChoice(form, 'subReason', EXIT_SUB_REASONS, 'Choisissez le revenu qui remplace le RSA.', errors) : null;
  return { errors, endedOn, reason, subReason };
}

const HELD: readonly string[] = ['HONOURED', 'MISSED', 'EXCUSED'];

/** A new appointment: its day, its kind, its status (to come by default); held, missed or excused only once its day has come. */
export function readAppointment(form: FormData, today?: string): { errors: FieldErrors; scheduledOn: string; kind: AppointmentKind; status: AppointmentStatus } {
  const errors: FieldErrors = {};
  const scheduledOn = readDate(form, 'on', 'la date du rendez-vous', errors);
  const kind = readChoice(form, 'kind', APPOINTMENT_KINDS, 'Choisissez le type de rendez-vous.', errors);
  const status = readChoice(form, 'status', APPOINTMENT_STATUSES, 'Choisissez la présence.', errors, 'PLANNED');
  if (!errors['on'] && !errors['status'] && HELD.includes(status) && scheduledOn > (today ?? parisToday())) {
    errors['status'] = 'Un rendez-vous à venir ne peut pas être déjà honoré, manqué ou excusé.';
  }
  return { errors, scheduledOn, kind, status };
}

/** Where a planned appointment stands now: honoured, missed or excused, once its day has come. */
export function readAttendance(form: FormData, scheduledOn: string, today?: string): { errors: FieldErrors; status: AppointmentStatus } {
  const errors: FieldErrors = {};
  const status = readChoice(form, 'status', { HONOURED: '', MISSED: '', EXCUSED: '' }, 'Choisissez honoré, manqué ou excusé.', errors);
  if (!errors['status'] && scheduledOn > (today ?? parisToday())) errors['status'] = 'Ce rendez-vous n’a pas encore eu lieu.';
  return { errors, status };
}

/** The forms whose API refusals are turned into French. */
export type RefusedForm = 'rendezVous' | 'presence' | 'annulation' | 'deplacement' | 'sortie' | 'cer' | 'renouvellement' | 'orientation';

type Refusal = { field: string; message: string };

/** The life-cycle refusals' codes (beneficiaries' `LifecycleErrorCode`), in French. */
const LIFECYCLE: Record<string, string> = {
  NOT_FOUND: 'Cet accompagnement est introuvable ou ne fait pas partie de votre file active.',
  INVALID_DATE: 'Une date n’est pas valide.',
  DATES_OUT_OF_ORDER: 'Les dates ne suivent pas l’ordre du parcours.',
  ALREADY_OPEN_IN_PROGRAMME: 'Cette personne a déjà un accompagnement en cours dans ce dispositif.',
  NOT_VALIDATED: 'L’orientation doit être validée avant tout rendez-vous.',
  ALREADY_VALIDATED: 'L’orientation est déjà validée.',
  NOT_STARTED: 'L’accompagnement n’a pas commencé : le premier entretien n’a pas encore eu lieu.',
  ALREADY_ENDED: 'L’accompagnement est déjà terminé.',
  SUB_REASON_REQUIRED: 'Choisissez le revenu qui remplace le RSA.',
  SUB_REASON_NOT_ALLOWED: 'Seul un changement de situation financière a un sous-motif.',
  INVALID_TRANSITION: 'Ce changement n’est pas possible dans l’état actuel.',
  FIRST_INTERVIEW_EXISTS: 'Cet accompagnement a déjà son premier entretien (honoré ou prévu).',
  OUTCOME_IN_FUTURE: 'Un rendez-vous à venir ne peut pas être déjà honoré, manqué ou excusé.',
  PLANNED_IN_PAST: 'Un rendez-vous se prévoit pour aujourd’hui ou plus tard ; pour un rendez-vous passé, indiquez s’il a été honoré, manqué ou excusé.',
  OPEN_APPOINTMENTS: 'Des rendez-vous passés sont encore « prévus » : indiquez d’abord s’ils ont été honorés, manqués ou excusés.',
  NO_OPEN_ACCOMPANIMENT: 'Cette personne n’a pas d’accompagnement en cours que vous suivez.',
  DUPLICATE_REFERRAL: 'Une orientation de cette personne vers ce service attend déjà une réponse ou est acceptée.',
  REFUSAL_REASON_REQUIRED: 'Choisissez le motif du refus.',
  EXPIRED: 'Cette orientation a expiré sans réponse : le référent en envoie une nouvelle.',
  NOT_THE_RECEIVER: 'Seule la structure qui reçoit l’orientation l’accepte ou la refuse.',
};

/** Refusals of a given form that concern one of its fields, with a message that says why. */
const BY_FORM: Record<RefusedForm, Partial<Record<string, Refusal>>> = {
  rendezVous: {
    DATES_OUT_OF_ORDER: { field: 'on', message: 'Un rendez-vous ne peut pas précéder la validation de l’orientation, ni un entretien intermédiaire ou un bilan précéder le premier entretien.' },
    NOT_STARTED: { field: 'kind', message: 'Un entretien intermédiaire ou un bilan final vient après le premier entretien : enregistrez d’abord le premier entretien honoré.' },
    INVALID_TRANSITION: { field: 'kind', message: 'Le bilan final a déjà eu lieu.' },
    INVALID_DATE: { field: 'on', message: 'La date du rendez-vous n’est pas valide.' },
    FIRST_INTERVIEW_EXISTS: { field: 'kind', message: 'Cet accompagnement a déjà son premier entretien (honoré ou prévu) : choisissez un entretien intermédiaire.' },
    PLANNED_IN_PAST: { field: 'on', message: 'Cette date est passée : indiquez si le rendez-vous a été honoré, manqué ou excusé, ou choisissez une date à venir.' },
    OUTCOME_IN_FUTURE: { field: 'status', message: 'Un rendez-vous à venir ne peut pas être déjà honoré, manqué ou excusé.' },
  },
  presence: {
    INVALID_TRANSITION: { field: GENERAL, message: 'La présence à ce rendez-vous est déjà enregistrée.' },
    OUTCOME_IN_FUTURE: { field: 'status', message: 'Ce rendez-vous n’a pas encore eu lieu.' },
  },
  annulation: {
    INVALID_TRANSITION: { field: GENERAL, message: 'Seul un rendez-vous encore prévu peut être annulé.' },
  },
  deplacement: {
    INVALID_TRANSITION: { field: GENERAL, message: 'Seul un rendez-vous encore prévu peut être déplacé.' },
    PLANNED_IN_PAST: { field: 'on', message: 'Un rendez-vous se déplace à aujourd’hui ou plus tard.' },
    DATES_OUT_OF_ORDER: { field: 'on', message: 'Un rendez-vous ne peut pas précéder la validation de l’orientation, ni un entretien intermédiaire précéder le premier entretien.' },
    INVALID_DATE: { field: 'on', message: 'La nouvelle date n’est pas valide.' },
  },
  orientation: {
    NOT_FOUND: { field: GENERAL, message: 'Cette orientation est introuvable parmi celles que votre structure a reçues.' },
    INVALID_TRANSITION: { field: GENERAL, message: 'Cette orientation a déjà reçu cette réponse ou une autre : rechargez la page.' },
    DATES_OUT_OF_ORDER: { field: 'on', message: 'La date ne peut pas précéder l’envoi de l’orientation ni votre réponse, ni être à venir.' },
    INVALID_DATE: { field: 'on', message: 'La date n’est pas valide.' },
    REFUSAL_REASON_REQUIRED: { field: 'refusalReason', message: 'Choisissez le motif du refus.' },
  },
  sortie: {
    DATES_OUT_OF_ORDER: { field: 'on', message: 'La date de sortie ne peut pas précéder le début de l’accompagnement ni le bilan final.' },
    NOT_STARTED: { field: GENERAL, message: 'Pas de sortie avant le premier entretien : l’accompagnement n’a pas commencé.' },
    SUB_REASON_REQUIRED: { field: 'subReason', message: 'Choisissez le revenu qui remplace le RSA.' },
    INVALID_DATE: { field: 'on', message: 'La date de sortie n’est pas valide.' },
    OPEN_APPOINTMENTS: { field: GENERAL, message: 'Des rendez-vous jusqu’à la date de sortie sont encore « prévus » : indiquez d’abord s’ils ont été honorés, manqués ou excusés.' },
  },
  cer: {
    OVERLAPPING_CER: { field: 'startsOn', message: 'Cette personne a déjà un CER signé sur une partie de cette période.' },
    ACCOMPANIMENT_ENDED: { field: GENERAL, message: 'La sortie de cet accompagnement est enregistrée : un nouveau CER demande un nouvel accompagnement.' },
    DATES_OUT_OF_ORDER: { field: 'endsOn', message: 'La date de fin doit être après la date de début.' },
    SIGNED_AFTER_END: { field: 'signedOn', message: 'La signature ne peut pas être après la fin du CER.' },
    BAD_USER_INPUT: { field: GENERAL, message: 'Une date du CER n’est pas valide.' },
    NOT_FOUND: { field: GENERAL, message: 'Cette personne est introuvable ou ne fait pas partie de votre file active.' },
  },
  renouvellement: {
    TOO_EARLY_FOR_RENEWAL: { field: 'on', message: 'Trop tôt : le renouvellement se demande à partir du 5e mois du CER.' },
    CONTRACT_ENDED: { field: 'on', message: 'Ce CER est terminé : signez-en un nouveau.' },
    NOT_SIGNED: { field: GENERAL, message: 'Seul un CER signé et en cours peut être renouvelé (le renouvellement est peut-être déjà demandé).' },
    ACCOMPANIMENT_ENDED: { field: GENERAL, message: 'La sortie de cet accompagnement est enregistrée : ce CER ne peut plus être renouvelé.' },
    NOT_FOUND: { field: GENERAL, message: 'Ce CER est introuvable parmi ceux que vous suivez.' },
    BAD_USER_INPUT: { field: 'on', message: 'La date de la demande n’est pas valide.' },
  },
};

/** The French message (and field) of an API refusal of a form; never the API's English message. */
export function refusalOf(form: RefusedForm, code: string | null | undefined): Refusal {
  const own = code ? BY_FORM[form][code] : undefined;
  if (own) return own;
  const lifecycle = code && Object.hasOwn(LIFECYCLE, code) ? LIFECYCLE[code] : null;
  return { field: GENERAL, message: lifecycle ?? 'L’enregistrement a été refusé.' };
}

// The contrat d'engagement form of a person's page (ADR 0025): what it reads, and the API's
// refusals in French on the field they concern. The planned weekly hours are the API's (computed
// from the actions); the form never sends them.
import type { ContractTrack, EngagementPlanInput, HoursReductionReason } from '#lib/graphql/operations.ts';
import { CONTRACT_TRACKS, HOURS_REDUCTION_REASONS } from '#lib/labels.ts';
import { GENERAL, readDate, type FieldErrors } from '#lib/validation.ts';

/** Rows of actions the form offers (free actions: a label, hours a week, weeks). */
export const ACTION_ROWS = 3;

/** The form's field names, for the values kept after a refusal. */
export const ENGAGEMENT_FIELDS = [
  'signedOn',
  'startsOn',
  'endsOn',
  'track',
  'reductionReason',
  'reductionJustification',
  'objective',
  'reviewOn',
  'convertFrom',
  ...Array.from({ length: ACTION_ROWS }, (_, i) => [`label-${i}`, `hours-${i}`, `weeks-${i}`]).flat(),
];

export interface EngagementForm {
  errors: FieldErrors;
  signedOn: string;
  startsOn: string;
  endsOn: string | null;
  /** The CER this contract converts, if any. */
  convertFrom: string | null;
  plan: EngagementPlanInput;
  objective: string | null;
}

const number = (value: string): number => Number(value.replace(',', '.'));

/** Reads the form; checks only what the form itself can say (the rules are the API's). */
export function readEngagementForm(form: FormData, today: string): EngagementForm {
  const errors: FieldErrors = {};
  const text = (name: string): string => String(form.get(name) ?? '').trim();
  const signedOn = readDate(form, 'signedOn', 'la date de signature', errors, { notFuture: true, today });
  const startsOn = readDate(form, 'startsOn', 'la date de début', errors);
  const endsOn = text('endsOn') ? readDate(form, 'endsOn', 'la date de fin', errors) : null;
  const reviewOn = text('reviewOn') ? readDate(form, 'reviewOn', 'la date du prochain point', errors) : null;
  const track = text('track');
  if (!Object.hasOwn(CONTRACT_TRACKS, track)) errors['track'] = 'Choisissez le parcours du contrat.';
  const reason = text('reductionReason');
  if (reason && !Object.hasOwn(HOURS_REDUCTION_REASONS, reason)) errors['reductionReason'] = 'Choisissez un motif de la liste.';
  const actions: EngagementPlanInput['actions'] = [];
  for (let i = 0; i < ACTION_ROWS; i++) {
    const [label, hours, weeks] = [text(`label-${i}`), text(`hours-${i}`), text(`weeks-${i}`)];
    if (!label && !hours && !weeks) continue;
    if (!label) errors[`label-${i}`] = 'Nommez l’action.';
    if (!(number(hours) > 0)) errors[`hours-${i}`] = 'Indiquez les heures par semaine (par exemple 6 ou 2,5).';
    if (!Number.isInteger(number(weeks)) || number(weeks) < 1) errors[`weeks-${i}`] = 'Indiquez un nombre de semaines.';
    actions.push({ label, weeklyHours: number(hours), weeks: number(weeks) });
  }
  const plan: EngagementPlanInput = {
    track: track as ContractTrack,
    actions,
    reductionReason: (reason || null) as HoursReductionReason | null,
    reductionJustification: text('reductionJustification') || null,
    reviewDates: reviewOn ? [reviewOn] : [],
  };
  return { errors, signedOn, startsOn, endsOn, convertFrom: text('convertFrom') || null, plan, objective: text('objective') || null };
}

const MESSAGES: Record<string, string> = {
  REDUCTION_REASON_REQUIRED: 'Les actions prévoient moins de 15 heures par semaine : indiquez le motif de la réduction.',
  REDUCTION_JUSTIFICATION_REQUIRED: 'Justifiez la réduction des heures.',
  REDUCTION_NOT_NEEDED: 'Les actions prévoient 15 heures par semaine ou plus : pas de réduction à justifier.',
  TRACK_REQUIRED: 'Choisissez le parcours du contrat.',
  INVALID_HOURS: 'Entre 0 et 48 heures par semaine, au dixième.',
  INVALID_WEEKS: 'Une action dure d’une semaine à la durée du contrat.',
  EMPTY_ACTION: 'Nommez l’action.',
  OVERLAPPING_CONTRACT: 'Cette personne a déjà un CER ou un contrat d’engagement sur une partie de cette période : convertissez le CER en cours.',
  OVERLAPPING_CER: 'Cette personne a déjà un CER sur une partie de cette période.',
  DATES_OUT_OF_ORDER: 'La date de fin doit être après la date de début.',
  SIGNED_AFTER_END: 'La signature ne peut pas être après la fin du contrat.',
  CONVERSION_OUTSIDE_CER: 'Le contrat d’engagement commence après le début du CER converti, au plus tard le lendemain de sa fin.',
  NOT_IN_FORCE: 'Ce CER n’est plus en cours : il ne peut pas être converti.',
  NOT_A_CER: 'Seul un CER se convertit.',
  ACCOMPANIMENT_ENDED: 'La sortie de cet accompagnement est enregistrée : un nouveau contrat demande un nouvel accompagnement.',
  NOT_FOUND: 'Cette personne ou ce CER est introuvable parmi ceux que vous suivez.',
  BAD_USER_INPUT: 'Une valeur saisie n’est pas acceptée.',
};

/** The API's field (`input.plan.actions.1.weeks`) as the form names it (`weeks-1`). */
function fieldOf(field: string | null): string {
  if (!field) return GENERAL;
  const action = /^input\.plan\.actions\.(\d+)\.(label|weeklyHours|weeks)$/.exec(field);
  if (action) return `${{ label: 'label', weeklyHours: 'hours', weeks: 'weeks' }[action[2] as 'label']}-${action[1]}`;
  if (field.startsWith('input.plan.reviewDates')) return 'reviewOn';
  const name = field.replace(/^input\.(plan\.)?/, '');
  return { reductionReason: 'reductionReason', reductionJustification: 'reductionJustification', track: 'track', startsOn: 'startsOn', endsOn: 'endsOn', signedOn: 'signedOn', contractId: 'convertFrom' }[name] ?? GENERAL;
}

/** A refusal of the API, in French, on the form field it concerns. */
export function engagementRefusal(error: { code: string; field: string | null } | null | undefined): FieldErrors {
  return { [fieldOf(error?.field ?? null)]: (error && MESSAGES[error.code]) ?? 'L’enregistrement a été refusé.' };
}

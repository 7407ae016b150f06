// Validation of the dashboard's forms, with messages in French. The API validates again: these
// checks only spare the user a round trip and name the field that is wrong.
export type FieldErrors = Record<string, string>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Today in ISO form (UTC), for « not in the future » checks. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** A required ISO date (`<input type="date">` sends AAAA-MM-JJ); `label` is « la date de … ». */
export function readDate(form: FormData, name: string, label: string, errors: FieldErrors, options: { notFuture?: boolean; today?: string } = {}): string {
  const value = String(form.get(name) ?? '').trim();
  const [year, month, day] = value.split('-').map(Number);
  const real = ISO_DATE.test(value) && new Date(Date.UTC(year!, month! - 1, day!)).toISOString().slice(0, 10) === value;
  if (!value) errors[name] = `Indiquez ${label}.`;
  else if (!real) errors[name] = `${capitalise(label)} n’est pas une date valide (JJ/MM/AAAA).`;
  else if (options.notFuture && value > (options.today ?? todayIso())) errors[name] = `${capitalise(label)} ne peut pas être dans le futur.`;
  return value;
}

/** A required choice or text. */
export function readRequired(form: FormData, name: string, message: string, errors: FieldErrors): string {
  const value = String(form.get(name) ?? '').trim();
  if (!value) errors[name] = message;
  return value;
}

/** The dates of a CER: signed (not in the future), start and end (end after start). */
export function readEngagementContract(form: FormData, today?: string): { errors: FieldErrors; signedOn: string; startsOn: string; endsOn: string } {
  const errors: FieldErrors = {};
  const signedOn = readDate(form, 'signedOn', 'la date de signature', errors, { notFuture: true, ...(today ? { today } : {}) });
  const startsOn = readDate(form, 'startsOn', 'la date de début', errors);
  const endsOn = readDate(form, 'endsOn', 'la date de fin', errors);
  if (!errors['startsOn'] && !errors['endsOn'] && endsOn <= startsOn) errors['endsOn'] = 'La date de fin doit suivre la date de début.';
  return { errors, signedOn, startsOn, endsOn };
}

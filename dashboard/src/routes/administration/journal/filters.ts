// The access log's filters, as the page's form puts them in its address (so that a filtered view
// can be bookmarked, paged and exported): person or record, user, first and last day.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface JournalFilters {
  /** The record (a person's id, for instance). */
  personne: string;
  /** The account that read or wrote. */
  utilisateur: string;
  /** First day, YYYY-MM-DD (Paris). */
  du: string;
  /** Last day, YYYY-MM-DD (Paris). */
  au: string;
}

/** The API's arguments for the filters, or what is wrong with them (French, by field). */
export type ParsedFilters =
  | { ok: true; values: JournalFilters; variables: { recordId: string | null; userId: string | null; from: string | null; to: string | null } }
  | { ok: false; values: JournalFilters; errors: Partial<Record<keyof JournalFilters, string>> };

const isDay = (value: string): boolean => DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export function parseFilters(params: URLSearchParams): ParsedFilters {
  const read = (name: keyof JournalFilters): string => (params.get(name) ?? '').trim();
  const values: JournalFilters = { personne: read('personne'), utilisateur: read('utilisateur'), du: read('du'), au: read('au') };
  const errors: Partial<Record<keyof JournalFilters, string>> = {};
  if (values.personne && !UUID.test(values.personne)) errors.personne = 'Saisissez l’identifiant complet de la personne ou de l’enregistrement (36 caractères).';
  if (values.utilisateur && !UUID.test(values.utilisateur)) errors.utilisateur = 'Choisissez un utilisateur de la liste.';
  if (values.du && !isDay(values.du)) errors.du = 'Saisissez une date valide.';
  if (values.au && !isDay(values.au)) errors.au = 'Saisissez une date valide.';
  if (!errors.du && !errors.au && values.du && values.au && values.au < values.du) errors.au = 'La date de fin doit être le même jour ou après la date de début.';
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    variables: { recordId: values.personne || null, userId: values.utilisateur || null, from: values.du || null, to: values.au || null },
  };
}

/** The query string of the filters (empty ones left out), for links: pages, export. */
export function filtersQuery(values: JournalFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, ...extra })) if (value) params.set(name, value);
  return params.toString();
}

/** What a log line's operation and record type are called in French. */
export const OPERATIONS: Readonly<Record<string, string>> = {
  READ: 'Consultation',
  CREATE: 'Création',
  UPDATE: 'Modification',
  DELETE: 'Suppression',
  EXPORT: 'Export',
  IMPORT: 'Import',
};

export const RECORD_TYPES: Readonly<Record<string, string>> = {
  Beneficiary: 'Personne',
  BeneficiaryIdentity: 'Identité d’une personne',
  Accompaniment: 'Accompagnement',
  Referral: 'Orientation',
  Appointment: 'Rendez-vous',
  EngagementContract: 'Contrat d’engagement',
};

import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { barriers, exitReasons, exitSubReasons, psychologicalDifficulties } from '../accompaniment/accompaniment.enums.js';
import { householdTypes, orientationKinds } from '../beneficiary/beneficiary.entity.js';


/**
 * The CSV a Département's information system exports: one line per accompaniment (or per person
 * without one), semicolon-separated, UTF-8 or Windows-1252, dates as DD/MM/YYYY. Columns:
 */
export const IMPORT_COLUMNS = [
  'identifiant', // the person's id in the Département's system (stable: re-imports match on it)
  'nom',
  'prenom',
  'date_naissance',
  'numero_caf',
  'sexe', // F, M (or H)
  'commune_insee',
  'type_foyer',
  'date_entree_rsa',
  'orientation', // sociale, socio-professionnelle, professionnelle
  'freins', // codes separated by `,` or `|`
  'difficultes_psychiques',
  'programme', // programme id; empty: no accompaniment on this line
  'operateur', // operator (Partner) id
  'convention',
  'referent',
  'prescripteur',
  'date_prescription',
  'date_validation',
  'date_premier_entretien',
  'date_bilan_final',
  'date_sortie',
  'motif_sortie',
  'sous_motif_sortie',
  // Optional since the loi pour le plein emploi (issue 14, ADR 0027); files without them import as before.
  'date_ouverture_droit', // the day the current right was opened (≥ date_entree_rsa): where the legal delay chain starts
  'date_decision_orientation', // the orientation (track = `orientation`) decided that day: a history entry with source IMPORT
  'date_notification_orientation', // the day that orientation was notified to the person
  'structure_referente', // who leads: France Travail, Département, or a partner's id (UUID); required with an orientation date
  'identifiant_france_travail', // personal data: stored encrypted with the identity, never logged nor echoed in errors
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Text of an export: UTF-8 when it is valid UTF-8, otherwise Windows-1252 (older exports). */
export function decodeExport(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1252');
  }
}

export interface RawRow {
  line: number;
  values: Record<string, string>;
}

/** Parses the CSV; a malformed file is reported as a rejection of its line, not thrown. */
export function parseExport(text: string): { rows: RawRow[]; error: { line: number; reason: string } | null; missing: string[] } {
  try {
    const records = parse(text, {
      delimiter: ';',
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    const header = records[0] ? Object.keys(records[0].record) : (text.split(/\r?\n/)[0] ?? '').split(';').map((h) => h.trim().toLowerCase());
    const required: ImportColumn[] = ['identifiant', 'nom', 'prenom', 'date_naissance', 'sexe', 'commune_insee', 'type_foyer', 'date_entree_rsa', 'orientation'];
    const missing = required.filter((c) => !header.includes(c));
    return { rows: records.map((r) => ({ line: r.info.lines, values: r.record })), error: null, missing };
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { rows: [], error: { line, reason: `Malformed CSV: ${(error as Error).message.split('\n')[0]}` }, missing: [] };
  }
}

const fold = (v: string): string =>
  v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** DD/MM/YYYY (or YYYY-MM-DD) → ISO, or null when not a real day. */
export function frenchDate(value: string): string | null {
  let iso: string;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (fr) iso = `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value;
  else return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

const synonyms = (codes: readonly string[], extra: Record<string, string>): Map<string, string> => {
  const map = new Map<string, string>();
  for (const c of codes) map.set(fold(c), c);
  for (const [k, v] of Object.entries(extra)) map.set(fold(k), v);
  return map;
};

export const SEX = synonyms(['F', 'M'], { H: 'M', femme: 'F', homme: 'M' });
export const HOUSEHOLD = synonyms(householdTypes, {
  isole: 'SINGLE',
  'personne seule': 'SINGLE',
  'famille monoparentale': 'SINGLE_PARENT',
  'parent isole': 'SINGLE_PARENT',
  monoparental: 'SINGLE_PARENT',
  couple: 'COUPLE',
  'couple sans enfant': 'COUPLE',
  'couple avec enfants': 'COUPLE_WITH_CHILDREN',
  'couple avec enfant': 'COUPLE_WITH_CHILDREN',
  autre: 'OTHER',
});
export const ORIENTATION = synonyms(orientationKinds, {
  sociale: 'SOCIAL',
  social: 'SOCIAL',
  remobilisation: 'SOCIAL',
  'sociale remobilisation': 'SOCIAL',
  'social remobilisation': 'SOCIAL',
  'socio professionnelle': 'SOCIO_PRO',
  'socio professionnel': 'SOCIO_PRO',
  socioprofessionnelle: 'SOCIO_PRO',
  socioprofessionnel: 'SOCIO_PRO',
  professionnelle: 'PRO',
  professionnel: 'PRO',
});
/** `structure_referente` by name (a partner is given by its id instead). */
export const LEAD = synonyms(['FRANCE_TRAVAIL', 'DEPARTMENT'], {
  'france travail': 'FRANCE_TRAVAIL',
  ft: 'FRANCE_TRAVAIL',
  'pole emploi': 'FRANCE_TRAVAIL',
  departement: 'DEPARTMENT',
  'conseil departemental': 'DEPARTMENT',
});

/**
 * The France Travail identifier as Départements receive it, normalised (spaces removed, upper
 * case), or null when it is not one. Two forms are accepted: the current identifier of 11 letters
 * or digits, and the former Pôle emploi one of 7 digits and a letter that older exports still
 * carry. No check digit is published, so nothing finer is checked (ADR 0027).
 */
export function franceTravailId(value: string): string | null {
  const id = value.replace(/\s+/g, '').toUpperCase();
  return /^[0-9A-Z]{11}$/.test(id) || /^[0-9]{7}[A-Z]$/.test(id) ? id : null;
}

export const EXIT_REASON = synonyms(exitReasons, {
  stabilisation: 'STABILISATION',
  'stabilisation du parcours de vie': 'STABILISATION',
  evolution: 'EVOLUTION',
  'evolution de parcours': 'EVOLUTION',
  'changement de situation financiere': 'FINANCIAL_CHANGE',
  'sortie dynamique': 'DYNAMIC_EXIT',
  reorientation: 'REORIENTATION',
  rupture: 'DROPPED_OUT',
  demenagement: 'MOVED',
  deces: 'DECEASED',
  autre: 'OTHER',
});
export const EXIT_SUB_REASON = synonyms(exitSubReasons, {
  'allocation chomage': 'UNEMPLOYMENT_BENEFIT',
  are: 'UNEMPLOYMENT_BENEFIT',
  'pension d invalidite': 'INVALIDITY_PENSION',
  'indemnites journalieres': 'DAILY_ALLOWANCE',
  retraite: 'RETIREMENT_ASPA',
  aspa: 'RETIREMENT_ASPA',
});
export const BARRIER = synonyms(barriers, {
  sante: 'HEALTH',
  'sante mentale': 'MENTAL_HEALTH',
  mobilite: 'MOBILITY',
  'garde d enfants': 'CHILDCARE',
  logement: 'HOUSING',
  numerique: 'DIGITAL',
  addiction: 'ADDICTION',
  langue: 'LANGUAGE',
});
export const DIFFICULTY = synonyms(psychologicalDifficulties, {
  anxiete: 'ANXIETY',
  depression: 'DEPRESSION',
  'trouble psychotique': 'PSYCHOTIC_DISORDER',
  addiction: 'ADDICTION',
  traumatisme: 'TRAUMA',
  isolement: 'SOCIAL_ISOLATION',
  'trouble cognitif': 'COGNITIVE_DISORDER',
  autre: 'OTHER',
});

export const lookup = (map: Map<string, string>, value: string): string | undefined => map.get(fold(value));

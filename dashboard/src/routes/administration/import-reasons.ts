// Why an imported line or record was rejected, in French. The beneficiaries CSV import reports its
// reasons in English sentences (the API's language): each known sentence is translated here, and an
// unknown one is shown as it comes, named as such. The data·inclusion import reports structured
// problems (field, code, expected, value), worded here.
import type { DataInclusionProblemCode } from '#lib/graphql/operations.ts';

type Translation = [RegExp, (...groups: string[]) => string];

/** Every reason `subgraphs/beneficiaries/src/import` gives (checked by import-reasons.test.ts against its source). */
const BENEFICIARY_REASONS: Translation[] = [
  [/^required$/, () => 'valeur obligatoire manquante'],
  [/^missing column$/, () => 'colonne obligatoire absente de l’en-tête'],
  [/^not a date as DD\/MM\/YYYY: "(.*)"$/s, (v) => `« ${v} » n’est pas une date au format JJ/MM/AAAA`],
  [/^unknown value "(.*)"$/s, (v) => `valeur inconnue : « ${v} »`],
  [/^a CAF number has 7 digits$/, () => 'un numéro d’allocataire CAF compte 7 chiffres'],
  [/^before the birth date$/, () => 'date antérieure à la date de naissance'],
  [/^before the prescription$/, () => 'date antérieure à la prescription'],
  [/^before the validation$/, () => 'date antérieure à la validation de l’orientation'],
  [/^before the first interview$/, () => 'date antérieure au premier entretien'],
  [/^before the final review$/, () => 'date antérieure au bilan final'],
  [/^a first interview needs a validated orientation$/, () => 'un premier entretien suppose une orientation validée (date de validation)'],
  [/^a final review needs a first interview$/, () => 'un bilan final suppose un premier entretien'],
  [/^no exit before a first interview$/, () => 'pas de sortie avant un premier entretien'],
  [/^required with an exit date$/, () => 'obligatoire avec une date de sortie'],
  [/^required with an exit reason$/, () => 'obligatoire avec un motif de sortie'],
  [/^required for a financial change$/, () => 'obligatoire pour un changement de situation financière'],
  [/^only for a financial change$/, () => 'seulement pour un changement de situation financière'],
  [/^not an id \(UUID\)$/, () => 'n’est pas un identifiant (UUID)'],
  [/^the same person differs from line (\d+)$/, (n) => `la même personne (même identifiant) est décrite autrement à la ligne ${n}`],
  [/^same person, programme and prescription as line (\d+)$/, (n) => `même personne, même dispositif et même date de prescription qu’à la ligne ${n}`],
  [/^a second open accompaniment in this programme \(line (\d+)\)$/, (n) => `second accompagnement en cours dans ce dispositif (voir la ligne ${n})`],
  [/^this person already has an open accompaniment in this programme$/, () => 'cette personne a déjà un accompagnement en cours dans ce dispositif'],
  [/^not a commune of Département (\w+)$/, (d) => `n’est pas une commune du Département ${d}`],
  [/^before the RSA entry date$/, () => 'date antérieure à l’entrée dans le RSA'],
  [/^in the future$/, () => 'date à venir : seules les dates passées sont acceptées'],
  [/^required with a notification date$/, () => 'obligatoire avec une date de notification de l’orientation'],
  [/^required with a lead structure$/, () => 'obligatoire avec une structure référente'],
  [/^required with an orientation date$/, () => 'obligatoire avec une date de décision d’orientation'],
  [/^before the orientation decision$/, () => 'date antérieure à la décision d’orientation'],
  [/^unknown value "(.*)" \(France Travail, Département or a partner's id\)$/s, (v) => `valeur inconnue : « ${v} » (France Travail, Département ou l’identifiant d’un partenaire)`],
  [
    /^a France Travail identifier has 11 letters or digits \(or, formerly, 7 digits and a letter\)$/,
    () => 'un identifiant France Travail compte 11 lettres ou chiffres (ou, pour les anciens identifiants Pôle emploi, 7 chiffres et une lettre)',
  ],
  [/^Malformed CSV: /, () => 'fichier CSV illisible : vérifiez le séparateur « ; », les guillemets et le nombre de colonnes de chaque ligne'],
];

/** The French wording of a beneficiaries import rejection. */
export function beneficiaryReason(reason: string): string {
  for (const [pattern, word] of BENEFICIARY_REASONS) {
    const match = pattern.exec(reason);
    if (match) return word(...match.slice(1));
  }
  return `motif non traduit : ${reason}`;
}

const TYPES: Record<string, string> = {
  string: 'du texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'vrai ou faux',
  array: 'une liste',
  object: 'un objet',
  null: 'vide (null)',
};

const FORMATS: Record<string, string> = {
  date: 'une date AAAA-MM-JJ',
  'date-time': 'une date et une heure',
  email: 'une adresse e-mail',
  uri: 'une adresse web',
};

/** One problem of a data·inclusion record, in French. */
export function dataInclusionReason(problem: { code: DataInclusionProblemCode; expected: string | null; value: string | null }): string {
  const value = problem.value ? ` : ${problem.value}` : '';
  switch (problem.code) {
    case 'NOT_AN_ARRAY':
      return 'le fichier n’est pas une liste JSON d’enregistrements (il doit commencer par « [ »)';
    case 'REQUIRED':
      return 'champ obligatoire manquant';
    case 'WRONG_TYPE':
      return `la valeur doit être ${TYPES[problem.expected ?? ''] ?? problem.expected ?? 'd’un autre type'}${value}`;
    case 'NOT_ALLOWED':
      return `valeur hors du référentiel data·inclusion${value}`;
    case 'BAD_FORMAT':
      return `format attendu : ${FORMATS[problem.expected ?? ''] ?? 'celui du schéma data·inclusion'}${value}`;
    case 'TOO_SHORT':
      return `trop court (au moins ${problem.expected ?? '?'})${value}`;
    case 'TOO_LONG':
      return `trop long (au plus ${problem.expected ?? '?'})${value}`;
    case 'OUT_OF_RANGE':
      return `valeur hors des limites (${problem.expected ?? '?'})${value}`;
    case 'UNKNOWN_FIELD':
      return 'champ inconnu du schéma data·inclusion';
    case 'UNKNOWN_COMMUNE':
      return `code INSEE inconnu du code officiel géographique${value}`;
    case 'INVALID_HOURS':
      return `horaires illisibles : le format OpenStreetMap est attendu, par exemple « Mo-Fr 09:00-12:00 »${value}`;
    case 'DUPLICATE_ID':
      return `identifiant présent deux fois dans le fichier${value}`;
    case 'UNKNOWN_STRUCTURE':
      return `la structure de ce service n’est ni dans le fichier des structures ni déjà dans l’annuaire${value}`;
    case 'INVALID':
      return `valeur refusée par le schéma data·inclusion${value}`;
  }
}

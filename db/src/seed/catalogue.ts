import { demoId } from './ids.js';

/**
 * The demo's programmes, partners and conventions, from the facts in DOMAIN.md (Doubs, Pas-de-Calais,
 * Vienne). Structures are named by their function; no person's name or phone number appears.
 */
export interface DemoProgramme {
  key: string;
  departmentCode: string;
  name: string;
  description: string;
}
export interface DemoPartner {
  key: string;
  departmentCode: string;
  name: string;
  kind: string;
  communeCode: string;
}
export interface DemoConvention {
  key: string;
  departmentCode: string;
  programme: string;
  operator: string;
  name: string;
  startsOn: string;
  endsOn: string;
  fte: number;
  places: number;
  signedOn: string;
  /** Places per territory id; they add up to `places`. */
  territories: Record<string, number>;
  /** Commitments in cents per budget year. */
  commitments: Record<number, number>;
}

export const programmes: DemoProgramme[] = [
  {
    key: 'rss-62',
    departmentCode: '62',
    name: 'Référent spécifique santé',
    description: 'Accompagnement des BRSA dont la santé mentale est le principal frein à l’insertion (appel à projets 2025).',
  },
  {
    key: 'sante-croix-rouge-25',
    departmentCode: '25',
    name: 'Accompagnement santé Croix-Rouge',
    description: 'Accompagnement santé des allocataires du RSA, sur prescription des travailleurs sociaux, au sein des CMS.',
  },
  {
    key: 'en-route-86',
    departmentCode: '86',
    name: 'En route pour ma santé',
    description: 'Action du CCAS de Poitiers depuis 2013 : séances collectives, permanences, entretiens individuels.',
  },
];

export const partners: DemoPartner[] = [
  // Doubs (25)
  { key: 'croix-rouge-25', departmentCode: '25', name: 'Croix-Rouge française — délégation du Doubs', kind: 'ASSOCIATION', communeCode: '25056' },
  { key: 'mdph-25', departmentCode: '25', name: 'MDPH du Doubs', kind: 'MDPH', communeCode: '25056' },
  { key: 'psychologue-25', departmentCode: '25', name: 'Psychologue du Département du Doubs', kind: 'PSYCHOLOGIST', communeCode: '25056' },
  { key: 'cellule-besancon', departmentCode: '25', name: 'Cellule de cas complexes de Besançon', kind: 'COMPLEX_CASES_CELL', communeCode: '25056' },
  { key: 'cellule-haut-doubs', departmentCode: '25', name: 'Cellule de cas complexes du Haut-Doubs', kind: 'COMPLEX_CASES_CELL', communeCode: '25462' },
  { key: 'cellule-doubs-central', departmentCode: '25', name: 'Cellule de cas complexes du Doubs central', kind: 'COMPLEX_CASES_CELL', communeCode: '25047' },
  { key: 'cms-planoise', departmentCode: '25', name: 'CMS de Planoise', kind: 'CMS', communeCode: '25056' },
  { key: 'cms-montbeliard', departmentCode: '25', name: 'CMS de Montbéliard', kind: 'CMS', communeCode: '25388' },
  { key: 'csapa-besancon', departmentCode: '25', name: 'CSAPA de Besançon', kind: 'CSAPA', communeCode: '25056' },
  { key: 'ces-cpam-25', departmentCode: '25', name: 'Centre d’examens de santé de la CPAM du Doubs', kind: 'HEALTH_CHECK_CENTRE', communeCode: '25056' },
  { key: 'chu-besancon', departmentCode: '25', name: 'CHU de Besançon', kind: 'HOSPITAL', communeCode: '25056' },
  { key: 'ch-pontarlier', departmentCode: '25', name: 'Centre hospitalier intercommunal de Haute-Comté', kind: 'HOSPITAL', communeCode: '25462' },
  // Pas-de-Calais (62): operators of the « référent spécifique santé » conventions and partners
  { key: 'mdph-62', departmentCode: '62', name: 'MDPH du Pas-de-Calais', kind: 'MDPH', communeCode: '62041' },
  { key: 'croix-rouge-62', departmentCode: '62', name: 'Croix-Rouge française — délégation du Pas-de-Calais', kind: 'ASSOCIATION', communeCode: '62041' },
  { key: 'op-artois', departmentCode: '62', name: 'Association d’insertion et de santé de l’Artois', kind: 'ASSOCIATION', communeCode: '62119' },
  { key: 'op-audomarois', departmentCode: '62', name: 'CCAS de Saint-Omer', kind: 'CCAS', communeCode: '62765' },
  { key: 'op-boulonnais', departmentCode: '62', name: 'CCAS de Boulogne-sur-Mer', kind: 'CCAS', communeCode: '62160' },
  { key: 'op-calaisis', departmentCode: '62', name: 'Association santé précarité du Calaisis', kind: 'ASSOCIATION', communeCode: '62193' },
  { key: 'op-henin', departmentCode: '62', name: 'CCAS d’Hénin-Beaumont', kind: 'CCAS', communeCode: '62427' },
  { key: 'op-lens', departmentCode: '62', name: 'Association de prévention et de soins de Lens-Liévin', kind: 'ASSOCIATION', communeCode: '62498' },
  { key: 'op-montreuillois', departmentCode: '62', name: 'CIAS des Deux Baies en Montreuillois', kind: 'CCAS', communeCode: '62588' },
  { key: 'op-ternois', departmentCode: '62', name: 'Association d’accompagnement social du Ternois', kind: 'ASSOCIATION', communeCode: '62767' },
  { key: 'csapa-lens', departmentCode: '62', name: 'CSAPA de Lens', kind: 'CSAPA', communeCode: '62498' },
  { key: 'caarud-calais', departmentCode: '62', name: 'CAARUD du Calaisis', kind: 'CAARUD', communeCode: '62193' },
  { key: 'cmp-arras', departmentCode: '62', name: 'Centre médico-psychologique d’Arras', kind: 'CMP', communeCode: '62041' },
  { key: 'ch-arras', departmentCode: '62', name: 'Centre hospitalier d’Arras', kind: 'HOSPITAL', communeCode: '62041' },
  { key: 'ch-lens', departmentCode: '62', name: 'Centre hospitalier de Lens', kind: 'HOSPITAL', communeCode: '62498' },
  { key: 'ces-cpam-62', departmentCode: '62', name: 'Centre d’examens de santé de la CPAM de l’Artois', kind: 'HEALTH_CHECK_CENTRE', communeCode: '62041' },
  // Vienne (86)
  { key: 'ccas-poitiers', departmentCode: '86', name: 'CCAS de Poitiers', kind: 'CCAS', communeCode: '86194' },
  { key: 'chu-poitiers', departmentCode: '86', name: 'CHU de Poitiers — unité d’accueil des patients sourds', kind: 'HOSPITAL', communeCode: '86194' },
  { key: 'msp-poitiers', departmentCode: '86', name: 'Maison de santé pluriprofessionnelle des Couronneries', kind: 'HEALTH_CENTRE', communeCode: '86194' },
  { key: 'cds-poitiers', departmentCode: '86', name: 'Centre de santé des Trois-Cités', kind: 'HEALTH_CENTRE', communeCode: '86194' },
];

/** 100 000 € per FTE for 12 months (Pas-de-Calais); prorated by month. */
const PER_FTE_YEAR_CENTS = 100_000_00;
const rssOperators: [territory: string, operator: string, fte: number][] = [
  ['62-arrageois', 'croix-rouge-62', 2],
  ['62-artois', 'op-artois', 1.5],
  ['62-audomarois', 'op-audomarois', 1],
  ['62-boulonnais', 'op-boulonnais', 1],
  ['62-calaisis', 'op-calaisis', 1],
  ['62-henin-carvin', 'op-henin', 1],
  ['62-lens-lievin', 'op-lens', 2],
  ['62-montreuillois', 'op-montreuillois', 1],
];

function rssConvention(year: number, territory: string, operator: string, fte: number, months: 12 | 4): DemoConvention {
  const places = Math.round(fte * 90);
  const startsOn = months === 12 ? `${year}-01-01` : `${year}-09-01`;
  return {
    key: `rss-${year}-${territory}`,
    departmentCode: '62',
    programme: 'rss-62',
    operator,
    name: `Référent spécifique santé ${year} — ${territory.slice(3)}`,
    startsOn,
    endsOn: `${year}-12-31`,
    fte,
    places,
    signedOn: months === 12 ? `${year - 1}-12-15` : `${year}-08-25`,
    territories: { [territory]: places },
    commitments: { [year]: Math.round((PER_FTE_YEAR_CENTS * fte * months) / 12) },
  };
}

export const conventions: DemoConvention[] = [
  {
    key: 'croix-rouge-25-2025',
    departmentCode: '25',
    programme: 'sante-croix-rouge-25',
    operator: 'croix-rouge-25',
    name: 'Accompagnement santé — Croix-Rouge délégation du Doubs',
    startsOn: '2025-07-01',
    endsOn: '2026-12-31',
    fte: 2.5,
    places: 225,
    signedOn: '2025-06-20',
    territories: { '25-besancon': 90, '25-haut-doubs': 45, '25-doubs-central': 45, '25-pays-de-montbeliard': 45 },
    // 140 000 € a year for 18 months: 70 000 € on 2025, 140 000 € on 2026 (210 000 € in all).
    commitments: { 2025: 70_000_00, 2026: 140_000_00 },
  },
  // Session 1 of the 2025 call (15/01–14/02): 12-month conventions where an operator applied.
  ...rssOperators.map(([t, o, fte]) => rssConvention(2025, t, o, fte, 12)),
  // Session 2 (01/07–30/09), for uncovered zones only: the Ternois, 4 months from 01/09.
  rssConvention(2025, '62-ternois', 'op-ternois', 1, 4),
  // 2026 renewals, all territories for 12 months.
  ...[...rssOperators, ['62-ternois', 'op-ternois', 1] as [string, string, number]].map(([t, o, fte]) => rssConvention(2026, t, o, fte, 12)),
];

export const idOf = {
  programme: (key: string) => demoId(`programme:${key}`),
  partner: (key: string) => demoId(`partner:${key}`),
  convention: (key: string) => demoId(`convention:${key}`),
  commitment: (key: string, year: number) => demoId(`commitment:${key}:${year}`),
};

/** The demo's partner structures, named by their function: no person's name or phone number. */
export interface DemoPartner {
  key: string;
  departmentCode: string;
  name: string;
  kind: string;
  communeCode: string;
  /** OSM opening hours, in the simple form the seed understands (`Mo-Fr 09:00-12:00,14:00-17:00`). */
  hours?: string;
  networks?: string[];
  signLanguage?: boolean;
  stepFreeAccess?: boolean;
}
export const partners: DemoPartner[] = [
  // Doubs (25)
  { key: 'croix-rouge-25', departmentCode: '25', name: 'Croix-Rouge française — délégation du Doubs', kind: 'ASSOCIATION', communeCode: '25056' },
  { key: 'mdph-25', departmentCode: '25', name: 'MDPH du Doubs', kind: 'MDPH', communeCode: '25056', hours: 'Mo-Fr 09:00-12:00,13:30-16:30', networks: ['mdph'], stepFreeAccess: true },
  { key: 'psychologue-25', departmentCode: '25', name: 'Psychologue du Département du Doubs', kind: 'PSYCHOLOGIST', communeCode: '25056' },
  { key: 'cellule-besancon', departmentCode: '25', name: 'Cellule de cas complexes de Besançon', kind: 'COMPLEX_CASES_CELL', communeCode: '25056' },
  { key: 'cellule-haut-doubs', departmentCode: '25', name: 'Cellule de cas complexes du Haut-Doubs', kind: 'COMPLEX_CASES_CELL', communeCode: '25462' },
  { key: 'cellule-doubs-central', departmentCode: '25', name: 'Cellule de cas complexes du Doubs central', kind: 'COMPLEX_CASES_CELL', communeCode: '25047' },
  { key: 'cms-planoise', departmentCode: '25', name: 'CMS de Planoise', kind: 'CMS', communeCode: '25056', hours: 'Mo-Fr 08:30-12:00,13:30-17:00', networks: ['cms'], stepFreeAccess: true },
  { key: 'cms-montbeliard', departmentCode: '25', name: 'CMS de Montbéliard', kind: 'CMS', communeCode: '25388' },
  { key: 'csapa-besancon', departmentCode: '25', name: 'CSAPA de Besançon', kind: 'CSAPA', communeCode: '25056', hours: 'Mo-Fr 09:00-18:00', networks: ['csapa'] },
  { key: 'ces-cpam-25', departmentCode: '25', name: 'Centre d’examens de santé de la CPAM du Doubs', kind: 'HEALTH_CHECK_CENTRE', communeCode: '25056' },
  { key: 'chu-besancon', departmentCode: '25', name: 'CHU de Besançon', kind: 'HOSPITAL', communeCode: '25056' },
  { key: 'ch-pontarlier', departmentCode: '25', name: 'Centre hospitalier intercommunal de Haute-Comté', kind: 'HOSPITAL', communeCode: '25462' },
  // Pas-de-Calais (62): operators of the « référent spécifique santé » conventions and partners
  { key: 'mdph-62', departmentCode: '62', name: 'MDPH du Pas-de-Calais', kind: 'MDPH', communeCode: '62041', hours: 'Mo-Fr 09:00-12:00,14:00-16:30', networks: ['mdph'], stepFreeAccess: true },
  { key: 'croix-rouge-62', departmentCode: '62', name: 'Croix-Rouge française — délégation du Pas-de-Calais', kind: 'ASSOCIATION', communeCode: '62041' },
  { key: 'op-artois', departmentCode: '62', name: 'Association d’insertion et de santé de l’Artois', kind: 'ASSOCIATION', communeCode: '62119' },
  { key: 'op-audomarois', departmentCode: '62', name: 'CCAS de Saint-Omer', kind: 'CCAS', communeCode: '62765' },
  { key: 'op-boulonnais', departmentCode: '62', name: 'CCAS de Boulogne-sur-Mer', kind: 'CCAS', communeCode: '62160' },
  { key: 'op-calaisis', departmentCode: '62', name: 'Association santé précarité du Calaisis', kind: 'ASSOCIATION', communeCode: '62193' },
  { key: 'op-henin', departmentCode: '62', name: 'CCAS d’Hénin-Beaumont', kind: 'CCAS', communeCode: '62427' },
  { key: 'op-lens', departmentCode: '62', name: 'Association de prévention et de soins de Lens-Liévin', kind: 'ASSOCIATION', communeCode: '62498' },
  { key: 'op-montreuillois', departmentCode: '62', name: 'CIAS des Deux Baies en Montreuillois', kind: 'CCAS', communeCode: '62588' },
  { key: 'op-ternois', departmentCode: '62', name: 'Association d’accompagnement social du Ternois', kind: 'ASSOCIATION', communeCode: '62767' },
  { key: 'csapa-lens', departmentCode: '62', name: 'CSAPA de Lens', kind: 'CSAPA', communeCode: '62498', hours: 'Mo-Fr 09:00-17:00', networks: ['csapa'] },
  { key: 'caarud-calais', departmentCode: '62', name: 'CAARUD du Calaisis', kind: 'CAARUD', communeCode: '62193', hours: 'Mo-Fr 10:00-16:00', networks: ['caarud'] },
  { key: 'cmp-arras', departmentCode: '62', name: 'Centre médico-psychologique d’Arras', kind: 'CMP', communeCode: '62041', hours: 'Mo-Fr 09:00-17:00', networks: ['cmp'] },
  { key: 'ch-arras', departmentCode: '62', name: 'Centre hospitalier d’Arras', kind: 'HOSPITAL', communeCode: '62041' },
  { key: 'ch-lens', departmentCode: '62', name: 'Centre hospitalier de Lens', kind: 'HOSPITAL', communeCode: '62498' },
  { key: 'ces-cpam-62', departmentCode: '62', name: 'Centre d’examens de santé de la CPAM de l’Artois', kind: 'HEALTH_CHECK_CENTRE', communeCode: '62041' },
  // Vienne (86)
  { key: 'ccas-poitiers', departmentCode: '86', name: 'CCAS de Poitiers', kind: 'CCAS', communeCode: '86194', hours: 'Mo-Fr 08:30-12:00,13:30-17:00', networks: ['ccas-cias'], stepFreeAccess: true },
  { key: 'chu-poitiers', departmentCode: '86', name: 'CHU de Poitiers — unité d’accueil des patients sourds', kind: 'HOSPITAL', communeCode: '86194', networks: ['chu'], signLanguage: true, stepFreeAccess: true },
  { key: 'msp-poitiers', departmentCode: '86', name: 'Maison de santé pluriprofessionnelle des Couronneries', kind: 'HEALTH_CENTRE', communeCode: '86194' },
  { key: 'cds-poitiers', departmentCode: '86', name: 'Centre de santé des Trois-Cités', kind: 'HEALTH_CENTRE', communeCode: '86194' },
];

/** Where a service may be used: INSEE codes, or a territory of the reference (expanded to its communes). */
export type DemoZone = { codes: string[] } | { territory: string };

/** The demo's services, with the capacity only Passerelles records. Themes and vocabularies are data·inclusion's. */
export interface DemoService {
  key: string;
  partnerKey: string;
  name: string;
  description: string;
  type: string;
  themes: string[];
  publics: string[];
  fee: 'gratuit' | 'payant';
  modes: string[];
  zone: DemoZone;
  fte?: number;
  places?: number;
  waitingDays?: number;
}

const RSA = 'beneficiaires-des-minimas-sociaux';
const MENTAL = 'sante--sante-mentale';
const CARE = 'sante--acces-aux-soins';
const ADDICTION = 'sante--addictions';
const MDPH = 'sante--constituer-un-dossier-mdph-invalidite';
const RIGHTS = 'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits';
const WELLBEING = 'remobilisation--bien-etre-confiance-en-soi';

/** « Référent spécifique santé » of each Pas-de-Calais SLAI: 1 FTE = 90 places (call for projects 2025). */
const referentsSante: DemoService[] = [
  ['op-artois', '62-artois'],
  ['op-audomarois', '62-audomarois'],
  ['op-boulonnais', '62-boulonnais'],
  ['op-calaisis', '62-calaisis'],
  ['op-henin', '62-henin-carvin'],
  ['op-lens', '62-lens-lievin'],
  ['op-montreuillois', '62-montreuillois'],
  ['op-ternois', '62-ternois'],
  ['croix-rouge-62', '62-arrageois'],
].map(([partnerKey, territory]) => ({
  key: `rss-${territory}`,
  partnerKey: partnerKey!,
  name: 'Référent spécifique santé',
  description:
    'Accompagnement des allocataires du RSA dont la santé, notamment la santé mentale, est le principal frein à l’insertion : diagnostic, orientation vers le soin, lien avec les partenaires.',
  type: 'accompagnement',
  themes: [MENTAL, CARE],
  publics: [RSA],
  fee: 'gratuit',
  modes: ['en-presentiel'],
  zone: { territory: territory! },
  fte: 1,
  places: 90,
  waitingDays: 21,
}));

export const services: DemoService[] = [
  // Doubs (25)
  {
    key: 'croix-rouge-25-sante',
    partnerKey: 'croix-rouge-25',
    name: 'Accompagnement santé des allocataires du RSA',
    description: 'Accompagnement santé sur prescription des travailleurs sociaux, au sein des CMS : accès aux droits, aux soins, bilans de santé.',
    type: 'accompagnement',
    themes: [CARE, MENTAL, RIGHTS],
    publics: [RSA],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['25'] },
    fte: 2.5,
    places: 225,
    waitingDays: 15,
  },
  {
    key: 'mdph-25-dossier',
    partnerKey: 'mdph-25',
    name: 'Aide à la constitution du dossier MDPH',
    description: 'Information et aide pour déposer une demande auprès de la MDPH (AAH, RQTH, orientation).',
    type: 'information',
    themes: [MDPH],
    publics: ['personnes-en-situation-de-handicap', RSA],
    fee: 'gratuit',
    modes: ['en-presentiel', 'a-distance'],
    zone: { codes: ['25'] },
  },
  {
    key: 'psychologue-25-consultations',
    partnerKey: 'psychologue-25',
    name: 'Consultations de psychologue',
    description: 'Entretiens de soutien psychologique pour les personnes accompagnées, orientation vers le soin si besoin.',
    type: 'accompagnement',
    themes: [MENTAL],
    publics: [RSA],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['25'] },
    fte: 1,
    places: 60,
    waitingDays: 30,
  },
  {
    key: 'cellule-besancon-cas',
    partnerKey: 'cellule-besancon',
    name: 'Cellule de cas complexes — secteur de Besançon',
    description: 'Étude pluridisciplinaire des situations complexes (santé, logement, insertion) pour construire une réponse coordonnée.',
    type: 'accompagnement',
    themes: [MENTAL, CARE],
    publics: [RSA],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { territory: '25-besancon' },
  },
  {
    key: 'csapa-besancon-consultations',
    partnerKey: 'csapa-besancon',
    name: 'Consultations en addictologie',
    description: 'Accueil, évaluation et suivi des personnes en difficulté avec l’alcool, le tabac, le cannabis ou d’autres produits.',
    type: 'accompagnement',
    themes: [ADDICTION],
    publics: ['tous-publics'],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['25'] },
    fte: 3,
    places: 150,
    waitingDays: 10,
  },
  {
    key: 'ces-cpam-25-bilan',
    partnerKey: 'ces-cpam-25',
    name: 'Examen de prévention en santé',
    description: 'Bilan de santé gratuit proposé par l’Assurance Maladie, avec un temps d’échange sur les droits et la prévention.',
    type: 'information',
    themes: [CARE],
    publics: [RSA],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['25'] },
  },
  {
    key: 'cms-planoise-renforce',
    partnerKey: 'cms-planoise',
    name: 'Accompagnement renforcé de Planoise',
    description: 'Accompagnement renforcé avec CIP, travailleurs sociaux, psychologues et conseiller numérique ; bientôt une socio-esthéticienne.',
    type: 'accompagnement',
    themes: [RIGHTS, WELLBEING, MENTAL],
    publics: [RSA],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['25056'] },
  },
  // Pas-de-Calais (62)
  ...referentsSante,
  {
    key: 'mdph-62-dossier',
    partnerKey: 'mdph-62',
    name: 'Accueil et information MDPH',
    description: 'Information sur les droits des personnes handicapées et aide au dépôt du dossier MDPH.',
    type: 'information',
    themes: [MDPH],
    publics: ['personnes-en-situation-de-handicap'],
    fee: 'gratuit',
    modes: ['en-presentiel', 'a-distance'],
    zone: { codes: ['62'] },
  },
  {
    key: 'csapa-lens-consultations',
    partnerKey: 'csapa-lens',
    name: 'Consultations d’addictologie',
    description: 'Soins et accompagnement des conduites addictives, consultations jeunes consommateurs.',
    type: 'accompagnement',
    themes: [ADDICTION],
    publics: ['tous-publics'],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { territory: '62-lens-lievin' },
    places: 120,
    waitingDays: 14,
  },
  {
    key: 'caarud-calais-accueil',
    partnerKey: 'caarud-calais',
    name: 'Accueil et réduction des risques',
    description: 'Accueil anonyme, matériel de réduction des risques, accès aux droits et aux soins pour les usagers de drogues.',
    type: 'accompagnement',
    themes: [ADDICTION],
    publics: ['tous-publics'],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { territory: '62-calaisis' },
  },
  {
    key: 'cmp-arras-consultations',
    partnerKey: 'cmp-arras',
    name: 'Consultations adultes du CMP',
    description: 'Consultations de psychiatrie et de psychologie pour adultes, sur rendez-vous.',
    type: 'accompagnement',
    themes: [MENTAL],
    publics: ['tous-publics'],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { territory: '62-arrageois' },
    waitingDays: 45,
  },
  {
    key: 'ces-cpam-62-bilan',
    partnerKey: 'ces-cpam-62',
    name: 'Examen de prévention en santé',
    description: 'Bilan de santé gratuit de l’Assurance Maladie pour les personnes éloignées du soin.',
    type: 'information',
    themes: [CARE],
    publics: [RSA],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['62'] },
  },
  // Vienne (86)
  {
    key: 'ccas-poitiers-en-route',
    partnerKey: 'ccas-poitiers',
    name: 'En route pour ma santé',
    description: 'Informations collectives et rendez-vous individuels sur la santé et l’accès aux droits, en permanences dans les quartiers.',
    type: 'accompagnement',
    themes: [CARE, RIGHTS],
    publics: [RSA, 'residents-qpv-frr'],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['86194'] },
    fte: 1,
    places: 80,
    waitingDays: 7,
  },
  {
    key: 'chu-poitiers-sourds',
    partnerKey: 'chu-poitiers',
    name: 'Consultations en langue des signes',
    description: 'Unité d’accueil et de soins des patients sourds : consultations en LSF ou avec interprète.',
    type: 'accompagnement',
    themes: [CARE],
    publics: ['personnes-en-situation-de-handicap'],
    fee: 'gratuit',
    modes: ['en-presentiel'],
    zone: { codes: ['86'] },
  },
];

/** Permanences: a service held at a place on a schedule (CCAS de Poitiers, « En route pour ma santé »). */
export interface DemoPermanence {
  key: string;
  serviceKey: string;
  placeName: string;
  communeCode: string;
  hours: string;
  notes?: string;
}

export const permanences: DemoPermanence[] = [
  { key: 'en-route-chu', serviceKey: 'ccas-poitiers-en-route', placeName: 'CHU de Poitiers — unité des patients sourds', communeCode: '86194', hours: 'Th[1] 14:00-17:00', notes: 'Interprétariat en LSF financé par la CPAM.' },
  { key: 'en-route-msp', serviceKey: 'ccas-poitiers-en-route', placeName: 'Maison de santé des Couronneries', communeCode: '86194', hours: 'Tu 09:00-12:00' },
  { key: 'en-route-cds', serviceKey: 'ccas-poitiers-en-route', placeName: 'Centre de santé des Trois-Cités', communeCode: '86194', hours: 'Fr 14:00-17:00' },
];

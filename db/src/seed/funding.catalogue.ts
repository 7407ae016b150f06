/** The demo's programmes (funding), from the facts in DOMAIN.md. */
export interface DemoProgramme {
  key: string;
  departmentCode: string;
  name: string;
  description: string;
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

/** The demo's partner structures, named by their function: no person's name or phone number. */
export interface DemoPartner {
  key: string;
  departmentCode: string;
  name: string;
  kind: string;
  communeCode: string;
}
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

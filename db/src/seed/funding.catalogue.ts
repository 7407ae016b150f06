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

/** Calls for projects and their application windows (Pas-de-Calais 2025). */
export interface DemoCall {
  key: string;
  departmentCode: string;
  programme: string;
  name: string;
  sessions: { opensOn: string; closesOn: string; uncoveredZonesOnly: boolean }[];
}
export const calls: DemoCall[] = [
  {
    key: 'aap-rss-2025',
    departmentCode: '62',
    programme: 'rss-62',
    name: 'Appel à projets « Référent spécifique santé » 2025',
    sessions: [
      { opensOn: '2025-01-15', closesOn: '2025-02-14', uncoveredZonesOnly: false },
      { opensOn: '2025-07-01', closesOn: '2025-09-30', uncoveredZonesOnly: true },
    ],
  },
];

/**
 * How each programme's conventions are paid: an advance at signature, the balance after the final
 * report. In the Pas-de-Calais « 100 % de la participation financière portera sur un nombre de
 * places », so the balance follows the places actually filled.
 */
export const fundingTerms: Record<string, { advancePercent: number; balanceRule: 'FULL' | 'PRORATA_PLACES_FILLED'; fullFundingFromPercent: number }> = {
  'rss-62': { advancePercent: 50, balanceRule: 'PRORATA_PLACES_FILLED', fullFundingFromPercent: 100 },
  'sante-croix-rouge-25': { advancePercent: 50, balanceRule: 'FULL', fullFundingFromPercent: 100 },
};

/**
 * Final reports of the 2025 Pas-de-Calais conventions received by the demo date (due 31/03/2026),
 * by convention key; the Calaisis one is missing (overdue). Places filled below the places
 * contracted reduce the balance (Lens-Liévin: 150 of 180).
 */
export const receivedFinalReports: Record<string, { receivedOn: string; placesFilled: number | null; peopleAccompanied: number }> = {
  'rss-2025-62-arrageois': { receivedOn: '2026-03-12', placesFilled: 180, peopleAccompanied: 231 },
  'rss-2025-62-artois': { receivedOn: '2026-03-30', placesFilled: 135, peopleAccompanied: 170 },
  'rss-2025-62-audomarois': { receivedOn: '2026-03-02', placesFilled: 90, peopleAccompanied: 118 },
  'rss-2025-62-boulonnais': { receivedOn: '2026-03-25', placesFilled: 84, peopleAccompanied: 104 },
  'rss-2025-62-henin-carvin': { receivedOn: '2026-03-31', placesFilled: 90, peopleAccompanied: 121 },
  'rss-2025-62-lens-lievin': { receivedOn: '2026-03-20', placesFilled: 150, peopleAccompanied: 197 },
  'rss-2025-62-montreuillois': { receivedOn: '2026-04-08', placesFilled: 90, peopleAccompanied: 109 },
  'rss-2025-62-ternois': { receivedOn: '2026-03-27', placesFilled: 90, peopleAccompanied: 96 },
};

/** The demo's conventions with operators and their commitments (DOMAIN.md: Doubs, Pas-de-Calais). */
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

/** Objectives of a demo convention: its places in active caseload, and what the call for projects asks. */
export function conventionObjectives(c: DemoConvention): { kind: 'QUANTITATIVE' | 'QUALITATIVE'; label: string; target: number | null }[] {
  if (c.departmentCode === '62') {
    return [
      { kind: 'QUANTITATIVE', label: 'Places d’accompagnement en file active sur l’année', target: c.places },
      { kind: 'QUALITATIVE', label: 'Travail en lien direct avec le SLAI du territoire', target: null },
      { kind: 'QUALITATIVE', label: 'Bilan final d’exécution remis au plus tard le 31 mars N+1', target: null },
    ];
  }
  return [
    { kind: 'QUANTITATIVE', label: 'Places d’accompagnement santé en file active', target: c.places },
    { kind: 'QUALITATIVE', label: 'Accompagnement sur prescription des travailleurs sociaux, au sein des CMS', target: null },
  ];
}

// The Pilotage page's data: filters from the URL, one operation per panel (a subgraph down, or a
// field not deployed, blanks only its panel), and the tables the page shows and exports.
import { error } from '@sveltejs/kit';
import { exportCountValue, SUPPRESSION_NOTE, type Count } from '../counts.ts';
import type { Table } from '../table.ts';
import { loadPanel, type Panel } from './panel.ts';
import contractsDocument from '../../routes/pilotage/contrats.graphql?raw';
import fundingDocument from '../../routes/pilotage/financements.graphql?raw';
import indicatorsDocument from '../../routes/pilotage/indicateurs.graphql?raw';
import operatorsDocument from '../../routes/pilotage/operateurs.graphql?raw';
import programmesDocument from '../../routes/pilotage/programmes.graphql?raw';
import territoriesDocument from '../../routes/pilotage/territoires.graphql?raw';

export interface Filters {
  programmeId: string | null;
  territoryId: string | null;
  operatorId: string | null;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Filters from the URL (`programme`, `territoire`, `operateur`, `du`, `au`); default period: this year so far. */
export function parseFilters(url: URL, today = new Date()): Filters {
  const text = (name: string): string | null => url.searchParams.get(name)?.trim() || null;
  const year = today.getUTCFullYear();
  const from = text('du') ?? `${year}-01-01`;
  const to = text('au') ?? today.toISOString().slice(0, 10);
  if (!isoDate(from) || !isoDate(to)) error(400, 'La période doit être donnée par deux dates au format AAAA-MM-JJ.');
  if (from > to) error(400, 'La date de début de la période doit précéder sa date de fin.');
  return { programmeId: text('programme'), territoryId: text('territoire'), operatorId: text('operateur'), from, to };
}

/** The filters as URL parameters (for links and exports). */
export function filterParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.programmeId) params.set('programme', filters.programmeId);
  if (filters.territoryId) params.set('territoire', filters.territoryId);
  if (filters.operatorId) params.set('operateur', filters.operatorId);
  params.set('du', filters.from);
  params.set('au', filters.to);
  return params;
}

export interface Indicators {
  peopleWelcomed: Count;
  activeCaseload: Count;
  exitsTotal: Count;
  stabilisations: Count;
  pathEvolutions: Count;
  durationDays: { mean: number | null; median: number | null; counted: Count };
  exitsByReason: { reason: string; count: Count }[];
  psychologicalDifficulties: { difficulty: string; count: Count }[];
  delayToFirstInterview: { meanDays: number | null; medianDays: number | null; shareUnder30Days: number | null; counted: Count };
  appointmentAdherence: { honoured: Count; planned: Count; rate: number | null };
  monthly: { month: string; peopleWelcomed: Count; activeCaseload: Count; exits: Count }[];
}

export interface FundingOverview {
  conventionCount: number;
  committedCents: number;
  committedInYearCents: number | null;
  paidCents: number;
  balanceDueCents: number;
  toRecoverCents: number;
  overdueFinalReportCount: number;
}

export interface ContractIndicators {
  cerSigned: Count;
  cerActive: Count;
  cerRenewed: Count;
  objectivesDonePercent: number | null;
}

export interface TerritoryComparison {
  id: string;
  name: string;
  activeBeneficiaries: number | null;
  placesContracted: number | null;
  fundingCommitted: number | null;
}

export interface PilotageData {
  filters: Filters;
  programmes: Panel<{ programmes: { id: string; name: string }[] }>;
  territories: Panel<{ territories: TerritoryComparison[] }>;
  operators: Panel<{ partners: { nodes: { id: string; name: string }[] } }>;
  indicators: Panel<{ indicators: Indicators }>;
  funding: Panel<{ fundingOverview: FundingOverview }>;
  contracts: Panel<{ contractIndicators: ContractIndicators }>;
}

/** Loads every panel of the Pilotage page, in parallel. */
export async function loadPilotage(fetch: typeof globalThis.fetch, filters: Filters): Promise<PilotageData> {
  const scope = { territoryId: filters.territoryId, programmeId: filters.programmeId, operatorId: filters.operatorId };
  const period = { from: filters.from, to: filters.to };
  const [programmes, territories, operators, indicators, funding, contracts] = await Promise.all([
    loadPanel<{ programmes: { id: string; name: string }[] }>(fetch, 'programmes', programmesDocument),
    loadPanel<{ territories: TerritoryComparison[] }>(fetch, 'territoires', territoriesDocument),
    loadPanel<{ partners: { nodes: { id: string; name: string }[] } }>(fetch, 'opérateurs', operatorsDocument),
    loadPanel<{ indicators: Indicators }>(fetch, 'indicateurs d’accompagnement', indicatorsDocument, { scope, period }),
    loadPanel<{ fundingOverview: FundingOverview }>(fetch, 'financements', fundingDocument, { budgetYear: Number(filters.from.slice(0, 4)) }),
    loadPanel<{ contractIndicators: ContractIndicators }>(fetch, 'contrats d’engagement', contractsDocument, {
      scope: { territoryId: filters.territoryId, operatorId: filters.operatorId },
      period,
    }),
  ]);
  return { filters, programmes, territories, operators, indicators, funding, contracts };
}

const euros = (cents: number | null | undefined): number | null => (cents === null || cents === undefined ? null : Math.round(cents) / 100);

/** Readable label of an API enum value: `HOUSING_FOUND` → « Housing found ». */
export function enumLabel(value: string): string {
  const text = value.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The tables of the page (same rows on screen and in CSV / XLSX), for the panels that loaded. */
export function pilotageTables(data: PilotageData): Table[] {
  const tables: Table[] = [];
  if (data.indicators.ok) {
    const i = data.indicators.data.indicators;
    tables.push({
      id: 'indicateurs',
      title: 'Indicateurs d’accompagnement',
      columns: ['Indicateur', 'Valeur'],
      rows: [
        ['Personnes accueillies', exportCountValue(i.peopleWelcomed)],
        ['File active', exportCountValue(i.activeCaseload)],
        ['Sorties', exportCountValue(i.exitsTotal)],
        ['Stabilisations', exportCountValue(i.stabilisations)],
        ['Évolutions de parcours', exportCountValue(i.pathEvolutions)],
        ['Durée moyenne d’accompagnement (jours)', i.durationDays.mean],
        ['Délai moyen avant le premier entretien (jours)', i.delayToFirstInterview.meanDays],
        ['Part des premiers entretiens sous 30 jours (%)', i.delayToFirstInterview.shareUnder30Days === null ? null : Math.round(i.delayToFirstInterview.shareUnder30Days * 1000) / 10],
        ['Rendez-vous honorés', exportCountValue(i.appointmentAdherence.honoured)],
        ['Rendez-vous prévus', exportCountValue(i.appointmentAdherence.planned)],
      ],
      note: SUPPRESSION_NOTE,
    });
    tables.push({
      id: 'sorties',
      title: 'Sorties par motif',
      columns: ['Motif', 'Personnes'],
      rows: i.exitsByReason.map((e) => [enumLabel(e.reason), exportCountValue(e.count)]),
      note: SUPPRESSION_NOTE,
    });
    tables.push({
      id: 'difficultes',
      title: 'Difficultés psychologiques repérées',
      columns: ['Difficulté', 'Personnes'],
      rows: i.psychologicalDifficulties.map((d) => [enumLabel(d.difficulty), exportCountValue(d.count)]),
      note: SUPPRESSION_NOTE,
    });
    tables.push({
      id: 'mensuel',
      title: 'Évolution mensuelle',
      columns: ['Mois', 'Personnes accueillies', 'File active', 'Sorties'],
      rows: i.monthly.map((m) => [m.month, exportCountValue(m.peopleWelcomed), exportCountValue(m.activeCaseload), exportCountValue(m.exits)]),
      note: SUPPRESSION_NOTE,
    });
  }
  if (data.funding.ok || data.contracts.ok) {
    const f = data.funding.ok ? data.funding.data.fundingOverview : null;
    const c = data.contracts.ok ? data.contracts.data.contractIndicators : null;
    tables.push({
      id: 'financements',
      title: 'Financements et coûts',
      columns: ['Indicateur', 'Valeur'],
      rows: [
        ['Conventions financées', f?.conventionCount ?? null],
        ['Engagé (€)', euros(f?.committedCents)],
        ['Engagé sur l’année budgétaire (€)', euros(f?.committedInYearCents)],
        ['Versé (€)', euros(f?.paidCents)],
        ['Reste à verser (€)', euros(f?.balanceDueCents)],
        ['À récupérer (€)', euros(f?.toRecoverCents)],
        ['Bilans finaux en retard', f?.overdueFinalReportCount ?? null],
        ['CER signés', c ? exportCountValue(c.cerSigned) : null],
        ['CER en cours', c ? exportCountValue(c.cerActive) : null],
        ['CER renouvelés', c ? exportCountValue(c.cerRenewed) : null],
        ['Objectifs des CER atteints (%)', c?.objectivesDonePercent ?? null],
      ],
      note: SUPPRESSION_NOTE,
    });
  }
  if (data.territories.ok) {
    const rows = data.territories.data.territories.filter((t) => !data.filters.territoryId || t.id === data.filters.territoryId);
    tables.push({
      id: 'territoires',
      title: 'Comparaison des territoires (situation à ce jour)',
      columns: ['Territoire', 'Personnes accompagnées', 'Places conventionnées', 'Financement engagé (€)'],
      rows: rows.map((t) => [t.name, t.activeBeneficiaries, t.placesContracted, euros(t.fundingCommitted)]),
    });
  }
  return tables;
}

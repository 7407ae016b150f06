// The Pilotage page's data: filters from the URL, one operation per panel (a subgraph down, or a
// field not deployed, blanks only its panel), and what the page, the annual review and the exports
// show — the same figures and tables for all three.
import { error } from '@sveltejs/kit';
import { exportCountValue, formatCountValue, formatDecimal, formatShare, hasSuppressed, SUPPRESSION_NOTE, type Count } from '../counts.ts';
import { formatDay, parisToday } from '../days.ts';
import { CLOSED_GRID_NOTE, gridOptionOf, gridPeriod, gridYears, type GridYear } from '../periods.ts';
import { formatCount, formatEuros } from '../format.ts';
import { contractsNotice as whyNoContracts, contractsPublished, defaultPublishedPeriod, NOT_PUBLISHED_BY_TERRITORY, reachOf, statisticsNotice as whyNoStatistics, statisticsPublished, type Publication } from '../publication.ts';
import { occupancyOf, occupancyPercentCell, occupancyText, type OccupancyFigures } from '../../routes/conventions/occupancy.ts';
import type {
  PilotageComparisonContractsQuery,
  PilotageComparisonPlacesQuery,
  PilotageComparisonQuery,
  PilotageContractsQuery,
  PilotageDelaysQuery,
  PilotageFundingQuery,
  PilotageFiltersQuery,
  PilotageIndicatorsQuery,
  PilotageProgrammesQuery,
} from '../graphql/operations.ts';
import { DELAY_STEPS, EXIT_REASONS, FUNDERS, labelOf, PSYCHOLOGICAL_DIFFICULTIES } from '../labels.ts';
import type { Cell, Table } from '../table.ts';
import { loadPanel, type Panel } from './panel.ts';
import { loadPublication } from './publication.ts';
import type { SessionUser } from './session.ts';
import comparisonDocument from '../../routes/pilotage/comparaison.graphql?raw';
import comparisonContractsDocument from '../../routes/pilotage/comparaison-contrats.graphql?raw';
import comparisonPlacesDocument from '../../routes/pilotage/comparaison-places.graphql?raw';
import contractsDocument from '../../routes/pilotage/contrats.graphql?raw';
import delaysDocument from '../../routes/pilotage/delais.graphql?raw';
import filtersDocument from '../../routes/pilotage/filtres.graphql?raw';
import fundingDocument from '../../routes/pilotage/financements.graphql?raw';
import indicatorsDocument from '../../routes/pilotage/indicateurs.graphql?raw';
import programmesDocument from '../../routes/pilotage/programmes.graphql?raw';

export interface Filters {
  programmeId: string | null;
  territoryId: string | null;
  operatorId: string | null;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
  /** The grid period (`2026`, `2026-T4`, `2026-11`) the dates are, or null for an administrator's free period. */
  period: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * Filters from the URL (`programme`, `territoire`, `operateur`, and the period: `periode` — a year,
 * quarter or month of the grid — or `du` and `au`). Default period: for an administrator, this year
 * so far; for a caller without exact counts, the most recent period the Département's publication
 * holds (`publication`: the latest closed period of its finest level for the Département, or the
 * last closed year before its first run, lib/publication.ts `defaultPublishedPeriod`) — the current
 * period is not published until closed. Dates off the grid are for administrators only
 * (`counts:readExact`): the API refuses them to the others (statistical secrecy, lib/periods.ts),
 * and the page says so here rather than show empty panels.
 */
export function parseFilters(url: URL, viewer: Pick<SessionUser, 'actions'>, today = parisToday(), publication?: Publication | null): Filters {
  const text = (name: string): string | null => url.searchParams.get(name)?.trim() || null;
  const scope = { programmeId: text('programme'), territoryId: text('territoire'), operatorId: text('operateur') };
  const exact = viewer.actions.includes('counts:readExact');
  const named = text('periode') ?? (exact || text('du') || text('au') ? null : defaultPublishedPeriod(publication, today));
  if (named) {
    const period = gridPeriod(named, today);
    if (!period) error(400, `La période « ${named} » n’existe pas : choisissez une année, un trimestre ou un mois passés ou en cours.`);
    return { ...scope, from: period.from, to: period.to, period: period.value };
  }
  const from = text('du') ?? `${today.slice(0, 4)}-01-01`;
  const to = text('au') ?? today;
  if (!isoDate(from) || !isoDate(to)) error(400, 'La période doit être donnée par deux dates au format AAAA-MM-JJ.');
  if (from > to) error(400, 'La date de début de la période doit précéder sa date de fin.');
  const period = gridOptionOf(from, to, today);
  if (!period && !exact) error(400, `Choisissez une année, un trimestre ou un mois. ${CLOSED_GRID_NOTE}`);
  return { ...scope, from, to, period: period?.value ?? null };
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

export interface PilotageData {
  filters: Filters;
  programmes: Panel<PilotageProgrammesQuery>;
  /** Territories and operators (partners). */
  filterLists: Panel<PilotageFiltersQuery>;
  /** The accompaniments, with the statistics that are not linked counts only when published for the period and scope. */
  indicators: Panel<PilotageIndicatorsQuery>;
  comparison: Panel<PilotageComparisonQuery>;
  /** CER per territory for the comparison: every territory, whatever the territory selected; null (not asked) for callers without exact counts, to whom they are not published. */
  comparisonContracts: Panel<PilotageComparisonContractsQuery> | null;
  /** Places, occupancy and money per territory for the comparison: every territory, whatever the territory selected. */
  comparisonPlaces: Panel<PilotageComparisonPlacesQuery>;
  /** Null (not asked) when the API would publish none of them for the period and scope. */
  contracts: Panel<PilotageContractsQuery> | null;
  funding: Panel<PilotageFundingQuery>;
  /** The legal delay chain (beneficiaries), under its versioned definitions; null (not asked) when not published for the period and scope. */
  delays: Panel<PilotageDelaysQuery> | null;
  /** The Département's publication, for a caller without exact counts (null: not computed yet; undefined: an administrator, or not read). */
  publication?: Publication | null | undefined;
}

/** Who reads Pilotage (`/auth/me`): the access catalogue's actions, and the reach the API narrows the aggregates to. */
export type PilotageViewer = Pick<SessionUser, 'actions'> & Partial<Pick<SessionUser, 'role' | 'partnerId' | 'territoryIds'>>;

/** What the API publishes to this viewer for these filters (lib/publication.ts), so that nothing is asked only to be hidden. */
function published(filters: Filters, viewer: PilotageViewer, publication: Publication | null | undefined, today = parisToday()): { exact: boolean; contracts: boolean; statistics: boolean } {
  const exact = viewer.actions.includes('counts:readExact');
  const reach = reachOf(viewer);
  return {
    exact,
    contracts: contractsPublished(filters.period, filters, exact, reach, today),
    statistics: statisticsPublished(filters.period, filters, exact, reach, { publication, to: filters.to }, today),
  };
}

/**
 * Loads every panel of the Pilotage page, all in parallel (one round trip of the slowest). The
 * comparison of territories is made for the programme, operator and period chosen but every
 * territory: its CER and places are asked without the territory selected. What the API would
 * answer only « non publié à ce niveau » to the viewer (CER, legal delays and statistics off a
 * calendar year of its whole reach, CER per territory) is not asked: the page says why instead.
 */
export async function loadPilotage(fetch: typeof globalThis.fetch, filters: Filters, viewer: PilotageViewer): Promise<PilotageData> {
  const scope = { territoryId: filters.territoryId, programmeId: filters.programmeId, operatorId: filters.operatorId };
  const everyTerritory = { ...scope, territoryId: null };
  const period = { from: filters.from, to: filters.to };
  // Whether the publication holds the caller's reach decides the statistics: those two panels wait for it (read once per request, not for administrators).
  const publication = loadPublication(fetch, viewer);
  const shown = published(filters, viewer, undefined);
  const statistics = publication.then((p) => published(filters, viewer, p).statistics);
  const skipped = Promise.resolve(null);
  // The conventions' money, asked only of a role that reads it (the catalogue's `funding:readConventions`): an operator's places come without it.
  const money = viewer.actions.includes('funding:readConventions');
  // With no territory chosen, the CER panel asks the comparison's very scope: its rows per territory serve both (one request fewer).
  const contractsServeComparison = shown.exact && shown.contracts && filters.territoryId === null;
  const [programmes, filterLists, indicators, comparison, comparisonContracts, comparisonPlaces, contracts, funding, delays, read] = await Promise.all([
    loadPanel<PilotageProgrammesQuery>(fetch, 'programmes', programmesDocument),
    loadPanel<PilotageFiltersQuery>(fetch, 'territoires et opérateurs', filtersDocument),
    statistics.then((asked) => loadPanel<PilotageIndicatorsQuery>(fetch, 'indicateurs d’accompagnement', indicatorsDocument, { scope, period, statistics: asked })),
    // Every territory, compared for the same programme, operator and period.
    loadPanel<PilotageComparisonQuery>(fetch, 'comparaison des territoires', comparisonDocument, { scope: everyTerritory, period }),
    // Published to exact callers only: the others' column reads « non publié par territoire ».
    shown.exact && !contractsServeComparison
      ? loadPanel<PilotageComparisonContractsQuery>(fetch, 'CER par territoire', comparisonContractsDocument, { scope: { territoryId: null, operatorId: filters.operatorId }, period })
      : skipped,
    loadPanel<PilotageComparisonPlacesQuery>(fetch, 'places et financements par territoire', comparisonPlacesDocument, { scope: everyTerritory, period, money }),
    // CER are not tied to a programme: the contracts subgraph counts them per territory and operator.
    shown.contracts ? loadPanel<PilotageContractsQuery>(fetch, 'contrats d’engagement', contractsDocument, { scope: { territoryId: filters.territoryId, operatorId: filters.operatorId }, period }) : skipped,
    loadPanel<PilotageFundingQuery>(fetch, 'conventions et financements', fundingDocument, { scope, period, money }),
    statistics.then((asked) => (asked ? loadPanel<PilotageDelaysQuery>(fetch, 'délais légaux', delaysDocument, { scope, period }) : null)),
    publication,
  ]);
  return {
    filters,
    programmes,
    filterLists,
    indicators,
    comparison,
    comparisonContracts: contractsServeComparison ? contracts : comparisonContracts,
    comparisonPlaces,
    contracts,
    funding,
    delays,
    publication: read,
  };
}

// ── Figures ─────────────────────────────────────────────────────────────────────────────────

/** One figure: a card on the page, a row of a table in the review and the exports. */
export interface Figure {
  label: string;
  /** Unit shown in the table's label, e.g. « jours », « € », « % ». */
  unit?: string;
  /** The value exported (number, « < 11 », or null when unknown). */
  value: Cell;
  /** The value shown on a card, in French. */
  shown: string;
  detail?: string;
  suppressed: boolean;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const euros = (cents: number | null | undefined): number | null => (cents === null || cents === undefined ? null : round(cents / 100, 2));
const cents = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : formatEuros(value));
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2025-03` → « mars 2025 ». */
export const formatMonth = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

export function countFigure(label: string, count: Count, detail?: string): Figure {
  return { label, value: exportCountValue(count), shown: formatCountValue(count), suppressed: count.suppressed, ...(detail ? { detail } : {}) };
}

function shareFigure(label: string, share: number | null, detail?: string): Figure {
  return { label, unit: '%', value: share === null ? null : round(share * 100, 1), shown: formatShare(share), suppressed: false, ...(detail ? { detail } : {}) };
}

export function daysFigure(label: string, days: number | null, detail?: string): Figure {
  return { label, unit: 'jours', value: days, shown: days === null ? '—' : `${formatDecimal(days)} j`, suppressed: false, ...(detail ? { detail } : {}) };
}

function moneyFigure(label: string, amountCents: number | null, detail?: string): Figure {
  return { label, unit: '€', value: euros(amountCents), shown: cents(amountCents), suppressed: false, ...(detail ? { detail } : {}) };
}

function numberFigure(label: string, value: number | null, detail?: string): Figure {
  return { label, value, shown: value === null ? '—' : formatCount(value), suppressed: false, ...(detail ? { detail } : {}) };
}

/** « médiane 12 j … », or nothing when the median is unknown or hidden. */
const median = (days: number | null, what: string): string | undefined => (days === null ? undefined : `médiane ${formatDecimal(days)} j ${what}`);

type Indicators = PilotageIndicatorsQuery['indicators'];
type ContractFigures = PilotageContractsQuery['contractIndicators'];
type Conventions = PilotageFundingQuery['conventionIndicators'];

/**
 * The occupancy of the conventions in force at the end of the period: the API's (contracts), the
 * same definition and wording as the conventions' pages.
 */
function occupancyFigure(o: OccupancyFigures): Figure {
  return {
    label: 'Taux d’occupation des places',
    unit: '%',
    value: occupancyPercentCell(o),
    shown: o.rate === null ? (o.caseload?.suppressed ? formatCountValue(o.caseload) : '—') : formatShare(o.rate),
    detail: `${occupancyText(o)} : file active des conventions au ${formatDay(o.date)} ÷ places en vigueur ce jour-là`,
    suppressed: o.caseload?.suppressed ?? false,
  };
}

/**
 * The CER cards. The CER in force at the end of the period (a stock) is given to exact callers
 * only: the others read the year's signatures, without it. When the share of objectives done is
 * hidden (its group suppressed), the card says why rather than « — ».
 */
function contractFigures(c: ContractFigures, exact: boolean): Figure[] {
  const objectives = shareFigure('Objectifs des CER atteints', c.objectivesDonePercent === null ? null : c.objectivesDonePercent / 100, 'objectifs des CER en vigueur sur la période');
  const done = c.objectivesDone;
  return [
    countFigure('CER signés', c.cerSigned, exact ? `${formatCountValue(c.cerActive)} en cours en fin de période` : undefined),
    countFigure('CER renouvelés', c.cerRenewed),
    c.objectivesDonePercent === null && done.suppressed ? { ...objectives, value: exportCountValue(done), shown: formatCountValue(done), suppressed: true } : objectives,
  ];
}

/**
 * Accompaniments (beneficiaries), with the CER (contracts, when published for the period and scope)
 * and the places and occupancy (contracts) when those answered; the delay, appointments and
 * partners' replies only when published for the period and scope (`statistics`, null otherwise).
 */
function accompanimentFigures(i: Indicators, c: ContractFigures | null, conventions: Conventions | null, filters: Filters, exact: boolean, statistics: Statistics | null): Figure[] {
  return [
    countFigure('Personnes accueillies', i.peopleWelcomed, 'accompagnement commencé sur la période'),
    countFigure('Personnes accompagnées', i.peopleAccompanied, 'à un moment de la période'),
    countFigure('File active en fin de période', i.activeCaseload, `au ${formatDay(filters.to)}, tous accompagnements du périmètre`),
    ...(conventions ? [occupancyFigure(occupancyOf(conventions.occupancyAtEnd))] : []),
    ...(c ? contractFigures(c, exact) : []),
    daysFigure('Durée moyenne d’accompagnement', i.durationDays.mean, median(i.durationDays.median, 'des accompagnements terminés sur la période')),
    countFigure('Sorties', i.exitsTotal),
    countFigure('Stabilisations', i.stabilisations, 'stabilisation du parcours de vie'),
    countFigure('Évolutions de parcours', i.pathEvolutions),
    ...(statistics ? statisticFigures(statistics) : []),
  ];
}

/** The statistics that are not linked counts, asked only when published for the period and scope. */
type Statistics = Required<Pick<Indicators, 'psychologicalDifficulties' | 'delayToFirstInterview' | 'appointmentAdherence' | 'referralDecision'>>;

/** The statistics the API answered, or null when they were not asked (not published for the period and scope). */
function statisticsOf(i: Indicators): Statistics | null {
  const { psychologicalDifficulties, delayToFirstInterview, appointmentAdherence, referralDecision } = i;
  return psychologicalDifficulties && delayToFirstInterview && appointmentAdherence && referralDecision ? { psychologicalDifficulties, delayToFirstInterview, appointmentAdherence, referralDecision } : null;
}

/** The statistics that are not linked counts, as cards: the delay before the first interview, the appointments kept, the partners' replies. */
function statisticFigures(i: Statistics): Figure[] {
  const delay = i.delayToFirstInterview;
  return [
    daysFigure('Délai moyen avant le premier entretien', delay.meanDays, median(delay.medianDays, 'après la prescription')),
    shareFigure('Premiers entretiens sous 30 jours', delay.shareUnder30Days, 'part des accompagnements commencés sur la période'),
    shareFigure(
      'Rendez-vous honorés',
      i.appointmentAdherence.rate,
      `${formatCountValue(i.appointmentAdherence.honoured)} sur ${formatCountValue(i.appointmentAdherence.closed)} rendez-vous passés et renseignés` +
        (i.appointmentAdherence.leftOpen.value === 0 ? '' : ` ; ${formatCountValue(i.appointmentAdherence.leftOpen)} passés encore « prévus », non comptés`),
    ),
    countFigure(
      'Orientations vers les partenaires',
      i.referralDecision.sent,
      `envoyées sur la période : ${formatCountValue(i.referralDecision.answered)} avec une réponse, ${formatCountValue(i.referralDecision.expired)} expirées sans réponse (30 jours)`,
    ),
    daysFigure(
      'Délai de réponse des partenaires',
      i.referralDecision.medianDays,
      i.referralDecision.p90Days === null ? 'médiane, de l’envoi à l’acceptation ou au refus' : `médiane ; 9 sur 10 en ${formatDecimal(i.referralDecision.p90Days)} j au plus`,
    ),
  ];
}

/** Places (contracts) and money (funding) of the conventions of the period, with the unit costs. */
function fundingFigures(conventions: Conventions, i: Indicators | null, filters: Filters): Figure[] {
  const f = conventions.funding;
  // Per person only when the count is published: else the cost would give the hidden count away.
  const accompanied = i && !i.peopleAccompanied.suppressed ? i.peopleAccompanied.value : null;
  return [
    numberFigure('Conventions', conventions.conventionCount, 'en vigueur à un moment de la période'),
    numberFigure('Places conventionnées', conventions.placesContracted, `dont ${formatCount(conventions.occupancyAtEnd.places)} en vigueur au ${formatDay(filters.to)}`),
    ...(f
      ? [
          moneyFigure('Engagé', f.committedCents),
          moneyFigure('Versé', f.paidCents),
          moneyFigure('Reste à verser', f.balanceDueCents),
          moneyFigure('À récupérer', f.toRecoverCents, 'versé au-delà du dû'),
          moneyFigure('Coût par place conventionnée', f.perPlaceContractedCents, 'engagé ÷ places conventionnées'),
          moneyFigure('Coût par personne accompagnée', accompanied ? Math.round(f.committedCents / accompanied) : null, 'engagé ÷ personnes accompagnées sur la période'),
          numberFigure('Bilans finaux en retard', f.overdueFinalReportCount, 'non reçus à leur échéance'),
        ]
      : []),
  ];
}

/** A table of figures: « Indicateur | Valeur », units in the labels. */
function figureTable(id: string, title: string, figures: readonly Figure[], extraNote?: string): Table {
  const note = extraNote ? `${extraNote} ${SUPPRESSION_NOTE}` : SUPPRESSION_NOTE;
  return { id, title, columns: ['Indicateur', 'Valeur'], rows: figures.map((f) => [f.unit ? `${f.label} (${f.unit})` : f.label, f.value]), note };
}

// ── The view of the page, the review and the exports ────────────────────────────────────────

export interface Option {
  id: string;
  name: string;
}

/** One section's figures, or why it has none. */
export type Section = { ok: true; figures: Figure[]; notices: string[] } | { ok: false; message: string };

export interface PilotageView {
  filters: Filters;
  /**
   * What the filters offer: the territories and operators of the viewer's reach only (a territory
   * or operator beyond it reads nothing), and what « all » of each means for the viewer — the
   * Département, or its own territories or structure (`everyTerritory`, `everyOperator`).
   */
  options: {
    programmes: Option[];
    territories: Option[];
    operators: Option[];
    periods: GridYear[];
    everyTerritory: string;
    everyOperator: string;
    /** The territory and operator chosen, as the filters' values: '' (« all ») for none, and for the one territory or structure the viewer is limited to. */
    chosenTerritory: string;
    chosenOperator: string;
  };
  /** Filters whose list could not be loaded (French). */
  filterNotices: string[];
  accompaniments: Section;
  /**
   * Why the CER cards are missing for a caller without exact counts (the period is not a calendar
   * year, or a territory or operator is chosen: the API does not publish them), null when shown.
   */
  contractsNotice: string | null;
  /**
   * Why the delay, appointments and partners' replies cards, the difficulties and the legal delays
   * are missing for a caller without exact counts (the period is not a calendar year, or a filter
   * is chosen: the API publishes none of them), null when shown.
   */
  statisticsNotice: string | null;
  /** True when the period and scope hold no accompaniment at all (the page says so instead of drawing zeros). */
  empty: boolean;
  funding: Section;
  comparison: { ok: true; notices: string[] } | { ok: false; message: string };
  /**
   * The legal delays: the definitions' line (« Définitions : version 2025-01 (…) »), or why they are
   * missing; null when not published for the period and scope (`statisticsNotice` says so, not asked).
   */
  delays: { ok: true; definitions: string } | { ok: false; message: string } | null;
  tables: Table[];
  /** Whether any figure or cell shown is suppressed (the page then explains « < 11 »). */
  suppressed: boolean;
}

const unavailable = (part: string): string => `Les données « ${part} » sont momentanément indisponibles.`;

function options(data: PilotageData, viewer: PilotageViewer): PilotageView['options'] {
  const partners = data.filterLists.ok ? data.filterLists.data.partners.nodes : [];
  // Operators hold a convention; without contracts' answer every partner is listed.
  const holding = partners.filter((p) => (p.conventions?.length ?? 0) > 0);
  const operators = (partners.some((p) => p.conventions === null) ? partners : holding).map(({ id, name }) => ({ id, name }));
  const territories = data.filterLists.ok ? data.filterLists.data.territories : [];
  const reach = reachOf(viewer);
  // Within the reach only; a reach of one territory or structure is « all » itself, named in its label.
  const mine = territories.filter((t) => reach.territoryIds.includes(t.id));
  const own = partners.find((p) => p.id === reach.operatorId);
  const named = (label: string, names: readonly string[]): string => (names.length > 0 ? `${label} (${names.join(', ')})` : label);
  const { territoryId, operatorId } = data.filters;
  const onlyTerritory = reach.territoryIds.length === 1 ? reach.territoryIds[0] : null;
  return {
    programmes: data.programmes.ok ? data.programmes.data.programmes : [],
    territories: reach.territoryIds.length === 0 ? territories : reach.territoryIds.length === 1 ? [] : mine,
    operators: reach.operatorId ? [] : operators,
    periods: gridYears(parisToday()),
    everyTerritory:
      reach.territoryIds.length === 0 ? 'Tout le Département' : reach.territoryIds.length === 1 ? named('Votre territoire', mine.map((t) => t.name)) : named('Vos territoires', mine.map((t) => t.name)),
    everyOperator: reach.operatorId ? named('Votre structure', own ? [own.name] : []) : 'Tous les opérateurs',
    chosenTerritory: !territoryId || territoryId === onlyTerritory ? '' : territoryId,
    chosenOperator: !operatorId || operatorId === reach.operatorId ? '' : operatorId,
  };
}

/** The accompaniments' tables; the psychological difficulties only when published for the period and scope (`statistics`, null otherwise). */
function indicatorTables(i: Indicators, statistics: Statistics | null): Table[] {
  return [
    {
      id: 'mensuel',
      title: 'Évolution mensuelle',
      columns: ['Mois', 'Personnes accueillies', 'File active', 'Sorties'],
      rows: i.monthly.map((m) => [formatMonth(m.month), exportCountValue(m.peopleWelcomed), exportCountValue(m.activeCaseload), exportCountValue(m.exits)]),
      note: SUPPRESSION_NOTE,
    },
    {
      id: 'sorties',
      title: 'Sorties par motif',
      columns: ['Motif', 'Sorties'],
      rows: i.exitsByReason.map((e) => [labelOf(EXIT_REASONS, e.reason), exportCountValue(e.count)]),
      note: SUPPRESSION_NOTE,
    },
    ...(statistics
      ? [
          {
            id: 'difficultes',
            title: 'Types de difficultés psychiques rencontrées',
            columns: ['Difficulté', 'Personnes'],
            rows: statistics.psychologicalDifficulties.map((d) => [labelOf(PSYCHOLOGICAL_DIFFICULTIES, d.difficulty), exportCountValue(d.count)]),
            note: `Une personne accompagnée sur la période peut compter dans plusieurs types. ${SUPPRESSION_NOTE}`,
          },
        ]
      : []),
  ];
}

type DelayChain = PilotageDelaysQuery['indicators']['delayChain'];

/** « Définitions : version 2025-01 (Loi pour le plein emploi …) ». */
const delayDefinitions = (chain: DelayChain): string => `Définitions : version ${chain.definitionVersion} (${chain.definitionLabel})`;

/** « 42 jours », « 1 mois », or nothing for a step without a legal target. */
const legalTarget = (s: DelayChain['steps'][number]): string | null =>
  s.targetDays !== null ? `${s.targetDays} jours` : s.targetMonths !== null ? `${s.targetMonths} mois` : null;

/**
 * The legal delays: per step of the chain, the people whose step ended in the period, the median
 * and 90th percentile in days, the legal target and the share within it; the note names the
 * version of the definitions used, so that an export says which targets it was judged on.
 */
function delayTable(chain: DelayChain): Table {
  return {
    id: 'delais',
    title: 'Délais légaux',
    columns: ['Étape', 'Personnes', 'Médiane (jours)', '90e centile (jours)', 'Délai légal', 'Part dans le délai légal (%)'],
    rows: chain.steps.map((s) => [
      labelOf(DELAY_STEPS, s.step),
      exportCountValue(s.counted),
      s.medianDays,
      s.p90Days,
      legalTarget(s),
      s.shareWithinTarget === null ? null : round(s.shareWithinTarget * 100, 1),
    ]),
    note: `${delayDefinitions(chain)}. Personnes dont le droit au RSA a été ouvert depuis l’entrée en vigueur de ces définitions et dont l’étape s’est terminée sur la période ; chaque étape est mesurée depuis la fin de la précédente (première orientation ; premier accompagnement commencé après la notification ; première orientation vers un partenaire acceptée), sauf le contrat, mesuré depuis la notification comme la loi compte son mois (premier CER ou contrat d’engagement signé depuis). Médianes, centiles et parts ne sont publiés que si l’effectif l’est. ${SUPPRESSION_NOTE}`,
  };
}

type PlacesByTerritory = PilotageComparisonPlacesQuery['conventionIndicators']['territories'];

/**
 * The comparison of territories: beneficiaries' figures, with CER (contracts) and places,
 * occupancy and money (contracts, funding) of every territory when they answered — asked without
 * the territory selected, so that the other territories show their own figures.
 */
function comparisonTable(
  rows: PilotageComparisonQuery['indicatorsByTerritory'],
  cerByTerritory: ContractFigures['byTerritory'] | null,
  places: PlacesByTerritory | null,
  withMoney: boolean,
  exact: boolean,
): Table {
  const cer = new Map(cerByTerritory?.map((t) => [t.territoryId, t.cerSigned]) ?? []);
  const held = new Map(places?.map((t) => [t.territoryId, t]) ?? []);
  const zero: Count = { value: 0, suppressed: false };
  return {
    id: 'territoires',
    title: 'Comparaison des territoires sur la période',
    columns: [
      'Territoire',
      'Personnes accueillies',
      'Personnes accompagnées',
      'File active en fin de période',
      'Places en fin de période',
      'File active des conventions en fin de période',
      'Taux d’occupation (%)',
      'Sorties',
      'Stabilisations',
      'Évolutions de parcours',
      'CER signés',
      'Financement engagé (€)',
    ],
    rows: rows.map((t) => {
      const territory = held.get(t.territoryId);
      // A territory no convention serves: no places, nothing to occupy.
      const occupancy = territory ? occupancyOf(territory.occupancyAtEnd) : null;
      const hasPlaces = occupancy !== null && occupancy.places > 0;
      return [
        t.territory?.name ?? t.territoryId,
        exportCountValue(t.peopleWelcomed),
        exportCountValue(t.peopleAccompanied),
        exportCountValue(t.activeCaseload),
        places ? (occupancy?.places ?? 0) : null,
        places ? (hasPlaces && occupancy.caseload ? exportCountValue(occupancy.caseload) : null) : null,
        hasPlaces ? occupancyPercentCell(occupancy) : null,
        exportCountValue(t.exitsTotal),
        exportCountValue(t.stabilisations),
        exportCountValue(t.pathEvolutions),
        // CER per territory are given to exact callers only: the others read « non publié par territoire ».
        exact ? (cerByTerritory ? exportCountValue(cer.get(t.territoryId) ?? zero) : null) : NOT_PUBLISHED_BY_TERRITORY,
        places && withMoney ? (euros(territory?.funding?.committedCents) ?? 0) : null,
      ];
    }),
    note: `Chaque territoire est compté pour le programme, l’opérateur et la période choisis, quel que soit le territoire sélectionné ; une convention compte pour ses places dans le territoire. Occupation : file active des conventions en fin de période ÷ places en vigueur ce jour-là.${exact ? '' : ' Les CER ne sont pas publiés par territoire (secret statistique) : seulement pour l’ensemble du Département, par année civile.'} ${SUPPRESSION_NOTE}`,
  };
}

/** Everything the page, the review and the exports show, from the panels that answered. */
export function pilotageView(data: PilotageData, viewer: PilotageViewer, today = parisToday()): PilotageView {
  const { filters } = data;
  const i = data.indicators.ok ? data.indicators.data.indicators : null;
  const c = data.contracts?.ok ? data.contracts.data.contractIndicators : null;
  const conventions = data.funding.ok ? data.funding.data.conventionIndicators : null;
  // The access catalogue's `funding:readConventions`, as the API applies it (given with the user by the gateway).
  const moneyRefused = !viewer.actions.includes('funding:readConventions');
  // The access catalogue's `counts:readExact` (administrators): every figure, every period and scope.
  // Off a calendar year or with a territory or another operator, the API gives the others only « non publié à ce niveau » CER;
  // off a calendar year of their whole reach, only « non publié à ce niveau » delays, difficulties, replies and appointments.
  // Off a calendar year of their reach, or when the publication does not hold that reach, the statistics are not published either.
  // Only closed calendar years (ten days after their end): a year not closed yet is said so, not « choisissez une année ».
  const { exact, contracts: contractsShown, statistics: statisticsShown } = published(filters, viewer, data.publication, today);
  // Not asked then (null), or asked and answered: the sentence instead of the cards.
  const contractsNotice = !contractsShown && (data.contracts === null || c) ? whyNoContracts(filters.period, today) : null;
  const statisticsNotice = whyNoStatistics(filters.period, filters, exact, reachOf(viewer), data.publication, filters.to, today);
  const tables: Table[] = [];

  let accompaniments: Section;
  let empty = false;
  if (i) {
    const statistics = statisticsShown ? statisticsOf(i) : null;
    const figures = accompanimentFigures(i, contractsShown ? c : null, conventions, filters, exact, statistics);
    const notices = [
      ...(data.contracts === null || data.contracts.ok ? [] : [data.contracts.message]),
      ...(c && contractsShown && filters.programmeId ? ['Les CER ne sont pas rattachés à un programme : le filtre « programme » ne s’applique pas à eux.'] : []),
    ];
    accompaniments = { ok: true, figures, notices };
    empty = [i.peopleAccompanied, i.peopleWelcomed, i.exitsTotal].every((n) => !n.suppressed && n.value === 0);
    // The review and the exports say it in the table's note, as the page under the cards.
    const notes = [contractsNotice, statisticsNotice].filter((note) => note !== null);
    tables.push(figureTable('indicateurs', 'Indicateurs d’accompagnement', figures, notes.length > 0 ? notes.join(' ') : undefined), ...indicatorTables(i, statistics));
  } else {
    accompaniments = { ok: false, message: data.indicators.ok ? unavailable('indicateurs d’accompagnement') : data.indicators.message };
  }

  let funding: Section;
  if (conventions) {
    const figures = fundingFigures(conventions, i, filters);
    const notices = [
      'Les montants portent sur les conventions en vigueur à un moment de la période, pour le programme, l’opérateur et le territoire choisis ; pour un territoire, chaque convention compte pour la part de ses places qui s’y trouvent.',
      ...(conventions.funding ? [] : [moneyRefused ? 'Votre rôle ne donne pas accès aux montants des conventions.' : unavailable('financements')]),
    ];
    funding = { ok: true, figures, notices };
    tables.push(figureTable('financements', 'Conventions, financements et coûts', figures));
    if (conventions.funding) {
      tables.push({
        id: 'cofinancement',
        title: 'Répartition des financements par financeur',
        columns: ['Financeur', 'Montant engagé (€)', 'Part (%)'],
        rows: conventions.funding.cofundingSplit.map((s) => [labelOf(FUNDERS, s.funder), euros(s.amountCents), round(s.shareBasisPoints / 100, 2)]),
      });
    }
  } else {
    funding = { ok: false, message: data.funding.ok ? unavailable('conventions et financements') : data.funding.message };
  }

  let comparison: PilotageView['comparison'];
  if (data.comparison.ok) {
    const cer = data.comparisonContracts?.ok ? data.comparisonContracts.data.contractIndicators.byTerritory : null;
    const places = data.comparisonPlaces.ok ? data.comparisonPlaces.data.conventionIndicators.territories : null;
    const withMoney = places !== null && places.every((t) => t.funding !== null);
    const notices = [
      ...(cer || !exact ? [] : ['Les CER par territoire sont momentanément indisponibles.']),
      ...(places ? [] : ['Les places et financements par territoire sont momentanément indisponibles.']),
      ...(places && !withMoney ? [moneyRefused ? 'Votre rôle ne donne pas accès aux montants des conventions.' : unavailable('financements par territoire')] : []),
    ];
    comparison = { ok: true, notices };
    tables.push(comparisonTable(data.comparison.data.indicatorsByTerritory, cer, places, withMoney, exact));
  } else {
    comparison = { ok: false, message: data.comparison.message };
  }

  let delays: PilotageView['delays'];
  if (!statisticsShown || data.delays === null) {
    // Not published for the period and scope (not asked): no table of « non publié à ce niveau », the sentence says why.
    delays = null;
  } else if (data.delays.ok) {
    const chain = data.delays.data.indicators.delayChain;
    delays = { ok: true, definitions: delayDefinitions(chain) };
    tables.push(delayTable(chain));
  } else {
    delays = { ok: false, message: data.delays.message };
  }

  const filterNotices = [
    ...(data.programmes.ok ? [] : [`${data.programmes.message} Le filtre « programme » est limité à « tous ».`]),
    ...(data.filterLists.ok ? [] : [`${data.filterLists.message} Les filtres « territoire » et « opérateur » sont limités à « tous ».`]),
  ];

  return {
    filters,
    options: options(data, viewer),
    filterNotices,
    accompaniments,
    contractsNotice,
    statisticsNotice,
    empty,
    funding,
    comparison,
    delays,
    tables,
    suppressed: tables.some(hasSuppressed),
  };
}


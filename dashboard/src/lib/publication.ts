// What the Département's publication (statistical secrecy, docs/adr/0023) lets a caller without
// exact counts see: the page names the grid, offers only the periods it publishes for the scope
// chosen, and says so when the scope or period is finer — rather than a page of « non publié à ce
// niveau ». Before the job's first run nothing is published: the page says so rather than show
// « non publié à ce niveau » everywhere. Administrators read exact figures: none of this applies to them.
import { formatDay, parisToday } from './days.ts';
import type { GridYear } from './periods.ts';

export type Granularity = 'MONTH' | 'QUARTER' | 'YEAR';

/** The publication as the API gives it (`Query.publication`). */
export interface Publication {
  /** The day the job ran (YYYY-MM-DD). */
  asOf: string;
  /** The last month published (YYYY-MM): the last closed when the job ran (`closedThrough`); later periods are « non publié à ce niveau ». */
  throughMonth: string;
  gridName: string | null;
  /** How many of territory, programme and operator a published scope may fix at once; null when nothing is published. */
  crossings: number | null;
  /** The finest period published, by number of those fixed. */
  finest: readonly string[];
}

/** The scope filters the grid counts (territory, programme, operator). */
export interface Scope {
  territoryId: string | null;
  programmeId: string | null;
  operatorId: string | null;
}

export interface PublicationLimits {
  /** The line under the filters naming the grid and its date. */
  notice: string;
  /** Why the scope or period chosen is not published (French), empty when it is. */
  warnings: string[];
  /** The finest period the filter offers for the scope chosen; null when nothing is published. */
  finest: Granularity | null;
  /** Nothing is published for the Département (the job has not run yet, or could publish nothing): the page says so first. */
  nothingPublished: boolean;
  /** The last month whose periods the filter offers (YYYY-MM): the publication's `throughMonth`, or before its first run the last month closed today. */
  throughMonth: string;
  /** The period chosen is not closed yet (it ends after `throughMonth`): its counts are not published, the page says so once instead. */
  periodOpen: boolean;
}

// ── Time: only closed periods are published (ADR 0023 « time ») ─────────────────────────────

/** Days a month's records are given to arrive before it is closed (the API's `PUBLICATION_SETTLING_DAYS`). */
export const SETTLING_DAYS = 10;

/**
 * The last month closed on `today` (YYYY-MM-DD), as the API's `closedThrough`: the last whose next
 * month began at least `settlingDays` days before. On 2026-12-06: October 2026; on 2026-12-11: November.
 */
export function closedThrough(today: string, settlingDays: number = SETTLING_DAYS): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - settlingDays);
  // The month before the one `today − settlingDays` falls in.
  day.setUTCDate(1);
  day.setUTCMonth(day.getUTCMonth() - 1);
  return day.toISOString().slice(0, 7);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The last month (YYYY-MM) of a grid period: `2026` → `2026-12`, `2026-T3` → `2026-09`, `2026-11` → itself. */
export function lastMonthOf(period: string): string {
  const year = period.slice(0, 4);
  switch (granularityOf(period)) {
    case 'YEAR':
      return `${year}-12`;
    case 'QUARTER':
      return `${year}-${pad(3 * Number(period.slice(6)))}`;
    case 'MONTH':
      return period.slice(0, 7);
  }
}

/** The latest period of a granularity whose last month is `through` or before: the last closed month, quarter or year. */
export function latestClosed(granularity: Granularity, through: string): string {
  const year = Number(through.slice(0, 4));
  const month = Number(through.slice(5, 7));
  switch (granularity) {
    case 'MONTH':
      return through;
    case 'QUARTER':
      return month >= 3 ? `${year}-T${Math.floor(month / 3)}` : `${year - 1}-T4`;
    case 'YEAR':
      return String(month === 12 ? year : year - 1);
  }
}

/**
 * The default period of a caller without exact counts: the most recent the publication holds for
 * the Département — the latest closed period of its finest level for the Département (`finest[0]`).
 * Before the job's first run (or when it could publish nothing, or could not be read), the last
 * closed calendar year: the contracts, sanctions and statistics are published for it.
 */
export function defaultPublishedPeriod(publication: Publication | null | undefined, today: string = parisToday()): string {
  const finest = publication && publication.gridName !== null ? granularity(publication.finest[0]) : null;
  return latestClosed(finest ?? 'YEAR', publication?.throughMonth ?? closedThrough(today));
}

/** Why a period not closed yet shows no counts (the warning next to the filters). */
export const PERIOD_NOT_CLOSED =
  'Cette période n’est pas encore close : ses chiffres seront publiés dix jours après la fin de son dernier mois (secret statistique). Choisissez une période terminée pour les voir.';

const MONTH_FORMAT = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-10` → « octobre 2026 ». */
export const formatMonth = (month: string): string => MONTH_FORMAT.format(new Date(`${month}-01T00:00:00Z`));

/** The notice of a Département whose publication job has not run yet: every count is « non publié à ce niveau » until it has. */
export const NOT_YET_PUBLISHED =
  'Les chiffres de ce Département ne sont pas encore publiés. Pour que personne ne puisse être reconnu (secret statistique), ils sont protégés tous ensemble par une publication calculée chaque nuit et au démarrage de Passerelles ; ce calcul n’a pas encore tourné pour ce Département. D’ici là, les effectifs, les délais et les orientations sont affichés « non publié à ce niveau ». Revenez après son premier calcul ; les administrateurs du Département voient, eux, les chiffres exacts.';

/** The notice of a Département whose publication protects nothing (too few people for any grid). */
export const NOTHING_PUBLISHABLE = 'Aucun chiffre n’a pu être publié sans risque pour ce Département : les effectifs sont affichés « non publié à ce niveau ».';

const ORDER: readonly Granularity[] = ['MONTH', 'QUARTER', 'YEAR'];
const PUBLISHED_BY: Record<Granularity, string> = { MONTH: 'par mois, par trimestre ou par an', QUARTER: 'par trimestre ou par an', YEAR: 'par an' };
const granularity = (value: string | undefined): Granularity | null => (ORDER as readonly string[]).includes(value ?? '') ? (value as Granularity) : null;

/** The granularity of a grid period's value: `2026` a year, `2026-T4` a quarter, `2026-11` a month. */
export function granularityOf(period: string): Granularity {
  return period.includes('-T') ? 'QUARTER' : period.includes('-') ? 'MONTH' : 'YEAR';
}

const finerThan = (a: Granularity, b: Granularity): boolean => ORDER.indexOf(a) < ORDER.indexOf(b);

/**
 * The notice and warnings for a scope and period (`period` null: an administrator's free dates),
 * or null for an administrator (exact figures: nothing to say). A null publication is a Département
 * whose job has not run yet: nothing is published to the caller, and the notice says why.
 *
 * The warnings are those of the scope the API reads (`scopeRead`): the filters narrowed to the
 * caller's reach. An operator reads its own structure, a user limited to territories reads them,
 * whether or not it chose that filter: the same sentence is said with and without it, and when the
 * grid does not publish that reach, the sentence says so and what the caller can read instead.
 */
export function publicationLimits(
  publication: Publication | null,
  scope: Scope,
  period: string | null,
  exact: boolean,
  reach: Reach = DEPARTMENT_REACH,
  today: string = parisToday(),
): PublicationLimits | null {
  if (exact) return null;
  if (!publication) return { notice: NOT_YET_PUBLISHED, warnings: [], finest: null, nothingPublished: true, throughMonth: closedThrough(today), periodOpen: false };
  const throughMonth = publication.throughMonth;
  if (publication.gridName === null || publication.crossings === null) {
    return { notice: NOTHING_PUBLISHABLE, warnings: [], finest: null, nothingPublished: true, throughMonth, periodOpen: false };
  }
  const notice =
    `Chiffres arrêtés à fin ${formatMonth(throughMonth)}, publiés le ${formatDay(publication.asOf)}, selon la grille : ${publication.gridName}. Les chiffres plus fins sont « non publié à ce niveau » (secret statistique). ` +
    'Une période n’est publiée qu’une fois close, dix jours après la fin de son dernier mois, et ce qui est enregistré ensuite sur un mois clos ne l’est pas : ces chiffres peuvent donc différer de ceux d’un administrateur. ' +
    'Les effectifs publiés comptent des accompagnements : une personne accompagnée deux fois sur la période compte deux fois.';
  const periodOpen = period !== null && lastMonthOf(period) > throughMonth;
  const crossings = publication.crossings;
  const read = scopeRead(scope, reach);
  // Several territories together count as one fixed: choosing one of them is the widest the caller can read.
  const fixed = fixedIn(read ?? { ...scope, territoryId: reach.territoryIds[0]!, operatorId: scope.operatorId ?? reach.operatorId });
  const finest = granularity(publication.finest[Math.min(fixed, crossings)]);
  const byReach = fixedByReach(reach);
  // The reach itself is off the grid: no filter can help, one sentence says so and where to read instead.
  if (byReach > crossings) return { notice, warnings: [reachNotPublished(reach, crossings)], finest, nothingPublished: false, throughMonth, periodOpen };
  // Not closed yet: said first, whatever else is said about the scope.
  const warnings: string[] = periodOpen ? [PERIOD_NOT_CLOSED] : [];
  if (!read) {
    warnings.push('Vos territoires ensemble ne sont pas publiés : la grille du Département publie un territoire à la fois (secret statistique). Choisissez l’un d’eux dans le filtre Territoire.');
  }
  if (fixed > crossings) warnings.push(crossingNotPublished(reach, crossings));
  // Past the crossings allowed, the periods of the widest scope published are offered.
  if (finest && period && finerThan(granularityOf(period), finest)) {
    warnings.push(`Pour ce périmètre, les chiffres sont publiés ${PUBLISHED_BY[finest]} : choisissez ${finest === 'YEAR' ? 'une année' : 'un trimestre ou une année'}.`);
  }
  return { notice, warnings, finest, nothingPublished: false, throughMonth, periodOpen };
}

/** How many of territory, programme and operator a scope fixes. */
const fixedIn = (scope: Scope): number => [scope.territoryId, scope.programmeId, scope.operatorId].filter((id) => id !== null).length;

/** How many of them the reach fixes whatever the filters: an operator's structure; one territory (one of those it is limited to). */
const fixedByReach = (reach: Reach): number => (reach.operatorId ? 1 : 0) + (reach.territoryIds.length > 0 ? 1 : 0);

/** The reach in a sentence: « votre structure », « vos territoires »… */
function reachName(reach: Reach): string {
  const territories = reach.territoryIds.length === 0 ? null : reach.territoryIds.length === 1 ? 'votre territoire' : 'vos territoires';
  if (reach.operatorId) return territories ? `votre structure dans ${territories}` : 'votre structure';
  return territories ?? 'le Département entier';
}

/** The grid's widest in a sentence: « ne publie que le Département entier », or the crossings it allows. */
const gridPublishes = (crossings: number): string =>
  crossings === 0 ? 'ne publie que le Département entier' : `ne croise pas plus ${crossings === 1 ? 'd’un' : `de ${crossings}`} de territoire, programme et opérateur`;

/**
 * Why nothing is published to a caller whose reach the grid does not hold (an operator's structure,
 * territories, on a grid of the Département only), and what it can read instead: the Département's
 * figures are published to the steering committee (its accounts without territories); an operator
 * reads its own conventions' exact counts (`conventionCounts:readExact`) on « Conventions & financements ».
 */
function reachNotPublished(reach: Reach, crossings: number): string {
  const instead = reach.operatorId ? ' ; les effectifs exacts de vos conventions sont sur la page Conventions & financements' : '';
  return `Ce périmètre n’est pas publié : vos chiffres sont ceux de ${reachName(reach)}, et la grille du Département ${gridPublishes(crossings)} (secret statistique). Les chiffres du Département entier sont publiés au comité de pilotage${instead}.`;
}

/** Why the filters chosen, with the reach, cross more than the grid publishes, and which the caller may still choose. */
function crossingNotPublished(reach: Reach, crossings: number): string {
  const byReach = fixedByReach(reach);
  if (byReach === 0) {
    return crossings === 0
      ? 'Ce périmètre n’est pas publié : seuls les chiffres du Département entier le sont (tous les territoires, programmes et opérateurs).'
      : `Ce croisement n’est pas publié : choisissez au plus ${crossings === 1 ? 'un filtre' : `${crossings} filtres`} parmi territoire, programme et opérateur.`;
  }
  const others = [reach.territoryIds.length === 0 ? 'territoire' : null, 'programme', reach.operatorId ? null : 'opérateur'].filter((name) => name !== null);
  const left = crossings - byReach;
  const reachOne = reach.territoryIds.length > 1 && !reach.operatorId ? 'chacun de vos territoires' : reachName(reach);
  return left === 0
    ? `Ce croisement n’est pas publié : la grille publie ${reachOne} sans autre filtre ; ne choisissez ni ${others.join(' ni ')}.`
    : `Ce croisement n’est pas publié : ${reachOne} compte déjà pour un filtre ; choisissez au plus ${left === 1 ? 'un autre filtre' : `${left} autres filtres`} parmi ${others.join(' et ')}.`;
}

/**
 * The filter's periods no finer than `finest` and closed by `throughMonth` (ending with it or
 * before), keeping the one selected (so that the select shows it); a year left with none is dropped.
 */
export function publishedPeriods(years: readonly GridYear[], finest: Granularity | null, selected: string | null, throughMonth: string | null = null): GridYear[] {
  const offered = (value: string): boolean => (!finest || !finerThan(granularityOf(value), finest)) && (!throughMonth || lastMonthOf(value) <= throughMonth);
  return years
    .map((year) => ({ ...year, options: year.options.filter((o) => o.value === selected || offered(o.value)) }))
    .filter((year) => year.options.length > 0);
}

// ── Contracts, sanctions and statistics: published by calendar year, for the whole reach ────
// The CER (contracts), the sanctions and the statistics that are not linked counts (beneficiaries)
// are not read from the publication: the API gives them to callers without exact counts for their
// whole reach over a calendar year only (« non publié à ce niveau » otherwise), with no stock (the
// CER in force at the end of the period) and no table per territory (ADR 0023). The page says so
// once rather than show such cards.

/**
 * The one sentence said instead of figures published by calendar year for the whole reach only:
 * « <what> ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) :
 * choisissez une année, <without>, pour les voir. »
 */
export function publishedByYearOnly(what: string, without: string): string {
  return `${what} ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, ${without}, pour les voir.`;
}

/**
 * The one sentence said instead of figures published by closed calendar year, for a year not closed
 * yet (its December closes ten days after its end, `closedThrough`): « <what> de 2026 ne sont pas
 * encore publiés… ».
 */
export function yearNotClosed(what: string, year: string): string {
  return `${what} de ${year} ne sont pas encore publiés : une année civile l’est une fois close, dix jours après la fin de décembre (secret statistique). Choisissez une année terminée pour les voir.`;
}

const CONTRACTS = 'Les chiffres des contrats (CER)';
const SANCTIONS = 'Les chiffres des sanctions';
const STATISTICS = 'Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés';

/** Near the CER cards, for a period other than a year or with a territory or operator chosen. */
export const CONTRACTS_BY_YEAR = publishedByYearOnly(CONTRACTS, 'sans territoire ni opérateur');

/** Near the sanction figures, for a period other than a year or with a filter chosen. */
export const SANCTIONS_BY_YEAR = publishedByYearOnly(SANCTIONS, 'sans programme, territoire ni opérateur');

/**
 * Instead of the statistics that are not linked counts (the delay before the first interview, the
 * psychological difficulties, the partners' replies, the appointments kept and the legal delays),
 * for a period other than a year or with a filter chosen.
 */
export const STATISTICS_BY_YEAR = publishedByYearOnly(STATISTICS, 'sans filtre');

/** The CER column of the comparison of territories, for callers without exact counts. */
export const NOT_PUBLISHED_BY_TERRITORY = 'non publié par territoire';

const isYear = (period: string | null): boolean => period !== null && granularityOf(period) === 'YEAR';

/**
 * Whether a grid period is a closed calendar year on `today` — its December closed
 * (`closedThrough`) — as the API's `publishedYearOfReach` requires for the contracts, sanctions and
 * statistics: 2026 is published from 2027-01-11 on, never cut at a day.
 */
export function closedYear(period: string | null, today: string = parisToday()): boolean {
  return period !== null && isYear(period) && `${period}-12` <= closedThrough(today);
}

/** A year chosen but not closed yet: its figures are said « pas encore publiés » rather than « par année civile ». */
const openYear = (period: string | null, today: string): period is string => isYear(period) && !closedYear(period, today);

/** Why the CER cards are not shown to a caller without exact counts: the year is not closed yet, or the period or scope is not a year of its whole reach. */
export const contractsNotice = (period: string | null, today: string = parisToday()): string => (openYear(period, today) ? yearNotClosed(CONTRACTS, period) : CONTRACTS_BY_YEAR);

/** Why the sanction figures are not shown to a caller without exact counts (as `contractsNotice`). */
export const sanctionsNotice = (period: string | null, today: string = parisToday()): string => (openYear(period, today) ? yearNotClosed(SANCTIONS, period) : SANCTIONS_BY_YEAR);

/**
 * The reach the API narrows a caller's aggregates to, whatever the filters: an operator's own
 * structure (the access catalogue's row scope), the territories a user is limited to. An operator
 * filtered on its own structure has chosen nothing narrower than its whole reach.
 */
export interface Reach {
  operatorId: string | null;
  territoryIds: readonly string[];
}

/** The reach of the whole Département (steering, administrators): no structure, no territory of one's own. */
export const DEPARTMENT_REACH: Reach = { operatorId: null, territoryIds: [] };

/** The reach of a signed-in user (`/auth/me`): an operator's partner, the territories it is limited to. */
export function reachOf(viewer: { role?: string; partnerId?: string | null; territoryIds?: readonly string[] }): Reach {
  return { operatorId: viewer.role === 'OPERATOR' ? (viewer.partnerId ?? null) : null, territoryIds: viewer.territoryIds ?? [] };
}

/**
 * The scope the API reads for a caller (the beneficiaries API's `indicatorFilter` as a grid scope):
 * the filters narrowed to its reach — its own structure for an operator, the only territory it is
 * limited to — or null for the union of the several territories it is limited to, with none chosen,
 * which no grid publishes.
 */
export function scopeRead(scope: Scope, reach: Reach): Scope | null {
  if (!scope.territoryId && reach.territoryIds.length > 1) return null;
  return { territoryId: scope.territoryId ?? reach.territoryIds[0] ?? null, programmeId: scope.programmeId, operatorId: scope.operatorId ?? reach.operatorId };
}

/** The operator filter as the reach makes it: none when it is the caller's own structure (its whole reach, the same rows). */
export const operatorBeyondReach = (operatorId: string | null, reach: Reach): string | null => (operatorId === reach.operatorId ? null : operatorId);

/**
 * Whether a scope is narrower than the caller's whole reach, as the beneficiaries API decides it
 * for the statistics (`scopeChosen` of `publishedYearOfReach`): a programme; an operator other than
 * its own structure; a territory other than the only one it is limited to.
 */
export function scopeChosen(scope: Scope, reach: Reach): boolean {
  const ownTerritory = reach.territoryIds.length === 1 && scope.territoryId === reach.territoryIds[0];
  return Boolean(scope.programmeId || operatorBeyondReach(scope.operatorId, reach) || (scope.territoryId && !ownTerritory));
}

/**
 * Whether the API publishes the contract figures (CER) for a grid period (null: an administrator's
 * free dates) and scope: always to exact callers; to the others for a closed calendar year over their
 * whole reach (the API's `narrowsReach`: an operator's own structure, a user's only territory,
 * choose nothing). CER are not tied to a programme: that filter does not apply to them.
 */
export function contractsPublished(period: string | null, scope: Pick<Scope, 'territoryId' | 'operatorId'>, exact: boolean, reach: Reach = DEPARTMENT_REACH, today: string = parisToday()): boolean {
  return exact || (closedYear(period, today) && !scopeChosen({ ...scope, programmeId: null }, reach));
}

/**
 * Whether the API publishes the sanction figures: always to exact callers; to the others for a
 * closed calendar year over their whole reach (the API's `narrowsReach`: a user limited to one territory
 * naming it has chosen nothing).
 */
export function sanctionsPublished(period: string | null, scope: Scope, exact: boolean, reach: Reach = DEPARTMENT_REACH, today: string = parisToday()): boolean {
  return exact || (closedYear(period, today) && !scopeChosen(scope, reach));
}

/**
 * Whether the publication holds, over a calendar year ending on `to`, the scope the API reads for
 * the caller (the API's `covers`): the filters narrowed to its reach — an operator's own structure,
 * the only territory a user is limited to — fix no more of territory, programme and operator than
 * the grid crosses (a user limited to several territories reads their union, which no grid holds),
 * and the publication holds the year's last month (`throughMonth`: the year is closed). Unknown (`undefined`: not read) or
 * not computed yet (null, no grid: the page says « pas encore publiés » first): the API decides.
 */
export function yearOnGrid(publication: Publication | null | undefined, scope: Scope, reach: Reach, to: string): boolean {
  if (!publication || publication.gridName === null || publication.crossings === null) return true;
  const read = scopeRead(scope, reach);
  return read !== null && fixedIn(read) <= publication.crossings && to.slice(0, 7) <= publication.throughMonth;
}

/**
 * Whether the API publishes the statistics that are not linked counts (delays, psychological
 * difficulties, partners' replies, appointments kept, the legal delay chain): always to exact
 * callers; to the others for a closed calendar year over their whole reach, when the publication holds
 * that reach (otherwise every count is « non publié à ce niveau » and every statistic null). The
 * API compares the scope with the caller's reach: an operator filtered on its own structure reads
 * them (`scopeChosen`). `to`: the period's last day (the publication must reach it).
 */
export function statisticsPublished(
  period: string | null,
  scope: Scope,
  exact: boolean,
  reach: Reach = DEPARTMENT_REACH,
  publication?: { publication: Publication | null | undefined; to: string },
  today: string = parisToday(),
): boolean {
  return exact || (closedYear(period, today) && !scopeChosen(scope, reach) && (!publication || yearOnGrid(publication.publication, scope, reach, publication.to)));
}

/**
 * Instead of the statistics when the caller chose a year of its whole reach but the publication does
 * not hold that reach (an operator's structure, a territory, on a grid of the Département only).
 */
export const STATISTICS_NOT_ON_GRID =
  'Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ne sont pas publiés pour votre périmètre : la publication du Département ne le détaille pas (secret statistique).';

/** Why the statistics are not shown (the sentence said once instead of their cards), or null when they are published. */
export function statisticsNotice(
  period: string | null,
  scope: Scope,
  exact: boolean,
  reach: Reach,
  publication: Publication | null | undefined,
  to: string,
  today: string = parisToday(),
): string | null {
  if (statisticsPublished(period, scope, exact, reach, { publication, to }, today)) return null;
  if (openYear(period, today)) return yearNotClosed(STATISTICS, period);
  return isYear(period) && !scopeChosen(scope, reach) ? STATISTICS_NOT_ON_GRID : STATISTICS_BY_YEAR;
}

// ── The caseload per territory as published (Territoires, Couverture) ───────────────────────
// A caseload (« file active ») is published only at the end of a closed period the grid holds for
// its scope: per territory, at the end of the periods the grid holds with one dimension fixed
// (`finest[1]`; two for an operator, whose own structure is already one). « Today » is never
// published: a caller without exact counts reads each territory's caseload at the end of the
// latest such period, the same figure as Pilotage's comparison of territories for that period.

/** Where the caseload per territory is read for a caller without exact counts, or why it is not published. */
export type TerritoryCaseloadPublication =
  | {
      published: true;
      /** The grid period (`2025`, `2026-T3`, `2026-10`) whose end the caseload is at. */
      period: string;
      /** Its first and last days (YYYY-MM-DD): the `PeriodInput` to ask. */
      from: string;
      to: string;
      /** « File active au 31 décembre 2025 (chiffres publiés) ». */
      label: string;
    }
  | { published: false; sentence: string };

/** Before the publication job's first run (the notice above the page says why). */
export const CASELOAD_NOT_YET_PUBLISHED = 'Les personnes accompagnées par territoire ne sont pas encore publiées : voir l’avertissement ci-dessus.';

/** A publication that could protect nothing. */
export const CASELOAD_NOTHING_PUBLISHABLE = 'Les personnes accompagnées par territoire ne sont pas publiées : aucun chiffre n’a pu être publié sans risque pour ce Département (secret statistique).';

const lastDay = (month: string): string => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The first month (YYYY-MM) of a grid period: `2026` → `2026-01`, `2026-T3` → `2026-07`. */
function firstMonthOf(period: string): string {
  switch (granularityOf(period)) {
    case 'YEAR':
      return `${period}-01`;
    case 'QUARTER':
      return `${period.slice(0, 4)}-${pad(3 * Number(period.slice(6)) - 2)}`;
    case 'MONTH':
      return period.slice(0, 7);
  }
}

/**
 * The period whose end a caller without exact counts reads each territory's caseload at: the
 * latest closed (by the publication's `throughMonth`) of the finest level the grid holds for one
 * territory (with the caller's own structure for an operator); or the one sentence said instead of a
 * column of « non publié à ce niveau » — nothing published yet, or no territory on the grid.
 */
export function territoryCaseloadPublication(publication: Publication | null, reach: Reach = DEPARTMENT_REACH): TerritoryCaseloadPublication {
  if (!publication) return { published: false, sentence: CASELOAD_NOT_YET_PUBLISHED };
  if (publication.gridName === null || publication.crossings === null) return { published: false, sentence: CASELOAD_NOTHING_PUBLISHABLE };
  // The territory, and the operator's own structure: a user limited to territories fixes the same dimension.
  const fixed = 1 + (reach.operatorId ? 1 : 0);
  if (fixed > publication.crossings) {
    return {
      published: false,
      sentence: `Les personnes accompagnées ne sont pas publiées par territoire${reach.operatorId ? ' pour votre structure' : ''} : la grille du Département ${gridPublishes(publication.crossings)} (secret statistique).`,
    };
  }
  const period = latestClosed(granularity(publication.finest[fixed]) ?? 'YEAR', publication.throughMonth);
  const to = lastDay(lastMonthOf(period));
  return { published: true, period, from: `${firstMonthOf(period)}-01`, to, label: `File active au ${formatDay(to)} (chiffres publiés)` };
}

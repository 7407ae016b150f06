// What the Département's publication (statistical secrecy, docs/adr/0023) lets a caller without
// exact counts see: the page names the grid, offers only the periods it publishes for the scope
// chosen, and says so when the scope or period is finer — rather than a page of « non publié à ce
// niveau ». Before the job's first run nothing is published: the page says so rather than show
// « non publié à ce niveau » everywhere. Administrators read exact figures: none of this applies to them.
import { formatDay } from './days.ts';
import type { GridYear } from './periods.ts';

export type Granularity = 'MONTH' | 'QUARTER' | 'YEAR';

/** The publication as the API gives it (`Query.publication`). */
export interface Publication {
  asOf: string;
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
}

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
 */
export function publicationLimits(publication: Publication | null, scope: Scope, period: string | null, exact: boolean): PublicationLimits | null {
  if (exact) return null;
  if (!publication) return { notice: NOT_YET_PUBLISHED, warnings: [], finest: null, nothingPublished: true };
  if (publication.gridName === null || publication.crossings === null) {
    return { notice: NOTHING_PUBLISHABLE, warnings: [], finest: null, nothingPublished: true };
  }
  const notice = `Chiffres publiés au ${formatDay(publication.asOf)} selon la grille : ${publication.gridName}. Les chiffres plus fins sont « non publié à ce niveau » (secret statistique). Les effectifs publiés comptent des accompagnements : une personne accompagnée deux fois sur la période compte deux fois.`;
  const fixed = [scope.territoryId, scope.programmeId, scope.operatorId].filter((id) => id !== null).length;
  const crossings = publication.crossings;
  const warnings: string[] = [];
  if (fixed > crossings) {
    warnings.push(
      crossings === 0
        ? 'Ce périmètre n’est pas publié : seuls les chiffres du Département entier le sont (tous les territoires, programmes et opérateurs).'
        : `Ce croisement n’est pas publié : choisissez au plus ${crossings === 1 ? 'un filtre' : `${crossings} filtres`} parmi territoire, programme et opérateur.`,
    );
  }
  // Past the crossings allowed, the periods of the widest scope published are offered.
  const finest = granularity(publication.finest[Math.min(fixed, crossings)]);
  if (finest && period && finerThan(granularityOf(period), finest)) {
    warnings.push(`Pour ce périmètre, les chiffres sont publiés ${PUBLISHED_BY[finest]} : choisissez ${finest === 'YEAR' ? 'une année' : 'un trimestre ou une année'}.`);
  }
  return { notice, warnings, finest, nothingPublished: false };
}

/** The filter's periods no finer than `finest`, keeping the one selected (so that the select shows it). */
export function publishedPeriods(years: readonly GridYear[], finest: Granularity | null, selected: string | null): GridYear[] {
  if (!finest) return [...years];
  return years.map((year) => ({
    ...year,
    options: year.options.filter((o) => o.value === selected || !finerThan(granularityOf(o.value), finest)),
  }));
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

/** Near the CER cards, for a period other than a year or with a territory or operator chosen. */
export const CONTRACTS_BY_YEAR = publishedByYearOnly('Les chiffres des contrats (CER)', 'sans territoire ni opérateur');

/** Near the sanction figures, for a period other than a year or with a filter chosen. */
export const SANCTIONS_BY_YEAR = publishedByYearOnly('Les chiffres des sanctions', 'sans programme, territoire ni opérateur');

/**
 * Instead of the statistics that are not linked counts (the delay before the first interview, the
 * psychological difficulties, the partners' replies, the appointments kept and the legal delays),
 * for a period other than a year or with a filter chosen.
 */
export const STATISTICS_BY_YEAR = publishedByYearOnly('Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés', 'sans filtre');

/** The CER column of the comparison of territories, for callers without exact counts. */
export const NOT_PUBLISHED_BY_TERRITORY = 'non publié par territoire';

const isYear = (period: string | null): boolean => period !== null && granularityOf(period) === 'YEAR';

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
 * free dates) and scope: always to exact callers; to the others for a calendar year with no
 * territory nor operator (CER are not tied to a programme: that filter does not apply to them).
 * An operator's own structure is its whole reach: Pilotage asks the contracts without it (the same
 * rows, `operatorBeyondReach`), and the API publishes them.
 */
export function contractsPublished(period: string | null, scope: Pick<Scope, 'territoryId' | 'operatorId'>, exact: boolean, reach: Reach = DEPARTMENT_REACH): boolean {
  return exact || (isYear(period) && !scope.territoryId && !operatorBeyondReach(scope.operatorId, reach));
}

/** Whether the API publishes the sanction figures: always to exact callers; to the others for a calendar year with no filter at all. */
export function sanctionsPublished(period: string | null, scope: Scope, exact: boolean): boolean {
  return exact || (isYear(period) && !scope.territoryId && !scope.programmeId && !scope.operatorId);
}

/**
 * Whether the publication holds, over a calendar year ending on `to`, the scope the API reads for
 * the caller (the API's `covers`): the filters narrowed to its reach — an operator's own structure,
 * the only territory a user is limited to — fix no more of territory, programme and operator than
 * the grid crosses (a user limited to several territories reads their union, which no grid holds),
 * and the publication is not older than the year's last month. Unknown (`undefined`: not read) or
 * not computed yet (null, no grid: the page says « pas encore publiés » first): the API decides.
 */
export function yearOnGrid(publication: Publication | null | undefined, scope: Scope, reach: Reach, to: string): boolean {
  if (!publication || publication.gridName === null || publication.crossings === null) return true;
  if (!scope.territoryId && reach.territoryIds.length > 1) return false;
  const read = [scope.territoryId ?? reach.territoryIds[0] ?? null, scope.programmeId, scope.operatorId ?? reach.operatorId];
  return read.filter((id) => id !== null).length <= publication.crossings && to.slice(0, 7) <= publication.asOf.slice(0, 7);
}

/**
 * Whether the API publishes the statistics that are not linked counts (delays, psychological
 * difficulties, partners' replies, appointments kept, the legal delay chain): always to exact
 * callers; to the others for a calendar year over their whole reach, when the publication holds
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
): boolean {
  return exact || (isYear(period) && !scopeChosen(scope, reach) && (!publication || yearOnGrid(publication.publication, scope, reach, publication.to)));
}

/**
 * Instead of the statistics when the caller chose a year of its whole reach but the publication does
 * not hold that reach (an operator's structure, a territory, on a grid of the Département only).
 */
export const STATISTICS_NOT_ON_GRID =
  'Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ne sont pas publiés pour votre périmètre : la publication du Département ne le détaille pas (secret statistique).';

/** Why the statistics are not shown (the sentence said once instead of their cards), or null when they are published. */
export function statisticsNotice(period: string | null, scope: Scope, exact: boolean, reach: Reach, publication: Publication | null | undefined, to: string): string | null {
  if (statisticsPublished(period, scope, exact, reach, { publication, to })) return null;
  return isYear(period) && !scopeChosen(scope, reach) ? STATISTICS_NOT_ON_GRID : STATISTICS_BY_YEAR;
}

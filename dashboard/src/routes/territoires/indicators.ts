// The per-territory indicators that come from other subgraphs, and what the page shows when
// some of them are missing because a subgraph is down.
import type { GraphQLResponseError } from '#lib/server/gateway.ts';
import type { TerritoryOverviewTerritory } from './territoires.types';

export const INDICATORS = ['partnerCount', 'activeBeneficiaries', 'placesContracted', 'fundingCommitted'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** The part of the data each indicator comes from, as named to users. */
export const INDICATOR_PARTS: Readonly<Record<Indicator, string>> = {
  partnerCount: 'offre partenaire',
  activeBeneficiaries: 'bénéficiaires',
  placesContracted: 'contrats',
  fundingCommitted: 'financements',
};

export type Totals = { communeCount: number } & Record<Indicator, number | null>;

function isIndicator(field: string | number | undefined): field is Indicator {
  return typeof field === 'string' && (INDICATORS as readonly string[]).includes(field);
}

/** The field an error is about: the last name in its path (`['territories', 3, 'partnerCount']` → `partnerCount`). */
function errorField(error: GraphQLResponseError): string | undefined {
  const names = (error.path ?? []).filter((segment): segment is string => typeof segment === 'string');
  return names.at(-1);
}

/**
 * The indicators that are (at least partly) missing, in column order: named by an error's
 * path, or null in some territory.
 */
export function unavailableIndicators(
  territories: readonly TerritoryOverviewTerritory[],
  errors: readonly GraphQLResponseError[],
): Indicator[] {
  const missing = new Set<Indicator>();
  for (const error of errors) {
    const field = errorField(error);
    if (isIndicator(field)) missing.add(field);
  }
  for (const territory of territories) {
    for (const indicator of INDICATORS) {
      // A count hidden by statistical secrecy is not missing: the page says it is secret.
      if (territory[indicator] === null && !(indicator === 'activeBeneficiaries' && isSecret(territory))) missing.add(indicator);
    }
  }
  return INDICATORS.filter((indicator) => missing.has(indicator));
}

/** Whether a territory's count of people is hidden by statistical secrecy (1 to 10 people), not missing. */
export function isSecret(territory: TerritoryOverviewTerritory): boolean {
  return territory.activeBeneficiaries === null && territory.activeCaseload?.suppressed === true;
}

/** Errors that are not about one of the indicators (the page then says that some data may be missing). */
export function otherErrors(errors: readonly GraphQLResponseError[]): GraphQLResponseError[] {
  return errors.filter((error) => !isIndicator(errorField(error)));
}

/** Column totals; an indicator's total is `null` as soon as one territory lacks it. */
export function totals(territories: readonly TerritoryOverviewTerritory[]): Totals {
  const sum = (indicator: Indicator): number | null => {
    let total = 0;
    for (const territory of territories) {
      const value = territory[indicator];
      if (value === null) return null;
      total += value;
    }
    return total;
  };
  return {
    communeCount: territories.reduce((total, territory) => total + territory.communeCount, 0),
    partnerCount: sum('partnerCount'),
    activeBeneficiaries: sum('activeBeneficiaries'),
    placesContracted: sum('placesContracted'),
    fundingCommitted: sum('fundingCommitted'),
  };
}

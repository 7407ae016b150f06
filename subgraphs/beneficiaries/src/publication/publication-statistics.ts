import type { EntityManager } from '@mikro-orm/postgresql';
import { gridPeriodKind } from '@passerelles/subgraph-kit';
import { definitionFor } from '../indicators/delay-chain.definitions.js';
import { delayChainRows, type DelayRow } from '../indicators/delay-chain.repository.js';
import { IndicatorsRepository, type IndicatorFilter, type Period } from '../indicators/indicators.repository.js';
import { PublicationRepository } from './publication.repository.js';

/**
 * The statistics that are not linked counts of a closed calendar year for a whole Département, as
 * the repository computes them (exact values; each read applies its rules): what the publication
 * job stores once per year closed (Migration20261209090000) and callers without exact counts read.
 */
export interface YearStatistics {
  durations: Awaited<ReturnType<IndicatorsRepository['durations']>>;
  delays: Awaited<ReturnType<IndicatorsRepository['delays']>>;
  difficulties: Awaited<ReturnType<IndicatorsRepository['difficulties']>>;
  adherence: Awaited<ReturnType<IndicatorsRepository['adherence']>>;
  referralDecisions: Awaited<ReturnType<IndicatorsRepository['referralDecisions']>>;
  delayChain: DelayRow[];
}

/** A calendar year given as a period (`2025-01-01` → `2025-12-31`), or null. */
export function calendarYearOf(period: Period): number | null {
  // A whole year only: one in progress cut at a day is never stored ('' is no day).
  return gridPeriodKind(period, '') === 'YEAR' ? Number(period.from.slice(0, 4)) : null;
}

/** The whole Département: no territory, programme or operator chosen. */
export const wholeDepartment = (filter: IndicatorFilter): boolean => filter.territoryIds === null && filter.programmeId === null && filter.operatorId === null;

/** Computes a year's statistics for a Département, as of a day (appointments left open, referrals expired, on that day). */
async function computeYear(em: EntityManager, departmentCode: string, year: number, asOf: string): Promise<YearStatistics> {
  const filter: IndicatorFilter = { departmentCode, territoryIds: null, programmeId: null, operatorId: null };
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const repository = new IndicatorsRepository(em);
  // One after the other: the job runs them in its transaction, on one connection.
  const durations = await repository.durations(filter, period);
  const delays = await repository.delays(filter, period);
  const difficulties = await repository.difficulties(filter, period);
  const adherence = await repository.adherence(filter, period, asOf);
  const referralDecisions = await repository.referralDecisions(filter, period, asOf);
  const delayChain = await delayChainRows(em, filter, period, definitionFor(period.to));
  return { durations, delays, difficulties, adherence, referralDecisions, delayChain };
}

/**
 * Stores the statistics of every calendar year closed through `throughMonth` (from the year of
 * `firstMonth`) that the Département has none of yet: computed once, when the year closes, and
 * never again — like the frozen months of the counts, a record entered late is the
 * administrators' only. Call it in the job's transaction. Returns the years stored now.
 */
export async function storeClosedYears(em: EntityManager, departmentCode: string, asOf: string, throughMonth: string, firstMonth: string | null): Promise<number[]> {
  if (!firstMonth) return [];
  const lastClosed = Number(throughMonth.slice(0, 4)) - (throughMonth.endsWith('-12') ? 0 : 1);
  const repository = new PublicationRepository(em);
  const present = new Set(await repository.yearsStored(departmentCode));
  const stored: number[] = [];
  for (let year = Number(firstMonth.slice(0, 4)); year <= lastClosed; year++) {
    if (present.has(year)) continue;
    const statistics = await computeYear(em, departmentCode, year, asOf);
    await repository.saveYear(departmentCode, year, asOf, statistics);
    stored.push(year);
  }
  return stored;
}

/** A year's stored statistics for a Département, or null when the job has not stored them (then they are computed live). */
export function storedYear(em: EntityManager, departmentCode: string, year: number): Promise<YearStatistics | null> {
  return new PublicationRepository(em).findYear<YearStatistics>(departmentCode, year);
}

/**
 * Occupancy of conventions, defined once (docs/contracts.md « Occupancy »):
 *
 *   occupancy at a day D = active caseload at D ÷ places in force at D
 *
 * - active caseload at D (owned by beneficiaries): distinct people with an accompaniment under the
 *   convention(s) started on or before D and not ended on or before D;
 * - places in force at D (owned here): the places after the amendments signed on or before D (an
 *   amendment is in force from its signature), 0 when the convention is not in force at D (D outside
 *   its period as in force at D); narrowed to territories, the places held there.
 *
 * Every page, export and the balance rule read `ConventionOccupancy.rate`, computed by `occupancyRate`.
 */
import { UserFacingError } from '@passerelles/subgraph-kit';

/** Rounded to 4 decimals (0.1778 = 17,8 %): what every reader gets, so every page shows the same figure. */
export function occupancyRate(activeCaseload: number | null | undefined, places: number): number | null {
  if (activeCaseload === null || activeCaseload === undefined || !(places > 0)) return null;
  return Math.round((activeCaseload / places) * 10_000) / 10_000;
}

/** What an occupancy counts: a day, the conventions, and the territories it is narrowed to (null: all their places). */
export interface OccupancyScope {
  date: string;
  territoryIds: string[] | null;
  conventionIds: string[];
}

/** The key of an occupancy: its scope (base64url JSON `[date, territoryIds | null, conventionIds]`), which beneficiaries reads for the active caseload. */
export function encodeOccupancyKey(scope: OccupancyScope): string {
  const territories = scope.territoryIds === null ? null : [...new Set(scope.territoryIds)].sort();
  return Buffer.from(JSON.stringify([scope.date, territories, [...new Set(scope.conventionIds)].sort()])).toString('base64url');
}

export function decodeOccupancyKey(key: string): OccupancyScope {
  try {
    const [date, territoryIds, conventionIds] = JSON.parse(Buffer.from(key, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
    if (typeof date !== 'string' || !(territoryIds === null || strings(territoryIds)) || !strings(conventionIds)) throw new Error('shape');
    return { date, territoryIds, conventionIds };
  } catch {
    throw new UserFacingError('Malformed ConventionOccupancy key.', 'BAD_USER_INPUT', { argument: 'key' });
  }
}

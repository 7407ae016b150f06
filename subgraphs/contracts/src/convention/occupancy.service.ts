import { parseIsoDate, parsePublishedDay, scopeOf, seesExactConventionCounts, todayIso, type SubgraphContext } from '@passerelles/subgraph-kit';
import { decodeKey } from '../convention-indicators/convention-indicators.service.js';
import type { ConventionIndicatorsType } from '../convention-indicators/convention-indicators.type.js';
import { ConventionRepository, type ConventionInForce } from './convention.repository.js';
import { conventionAccess } from './convention.service.js';
import { decodeOccupancyKey, encodeOccupancyKey, occupancyRate } from './occupancy.js';
import { ConventionOccupancyType } from './occupancy.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const inForceByDay = Symbol('conventionsInForceByDay');

/** Conventions as in force on a day, batched: one statement per distinct day of a request (in practice one or two). */
function inForceOn(ctx: SubgraphContext, conventionId: string, date: string): Promise<ConventionInForce | null> {
  if (!UUID.test(conventionId)) return Promise.resolve(null);
  const access = conventionAccess(ctx.caller);
  return ctx.loaders
    .get<string, ConventionInForce | null>(inForceByDay, async (keys) => {
      const byDay = new Map<string, string[]>();
      for (const k of keys) {
        const [day, id] = k.split('|') as [string, string];
        byDay.set(day, [...(byDay.get(day) ?? []), id]);
      }
      const found = new Map<string, ConventionInForce>();
      for (const [day, ids] of byDay) {
        for (const row of await new ConventionRepository(ctx.em).inForceOn(access, [...new Set(ids)], day)) found.set(`${day}|${row.conventionId}`, row);
      }
      return keys.map((k) => found.get(k) ?? null);
    })
    .load(`${date}|${conventionId}`);
}

const isInForce = (c: ConventionInForce, date: string): boolean => c.startsOn <= date && date <= c.endsOn;

/** Places of one convention in force on the day, narrowed to territories (their current share of the places in force). */
function placesOf(c: ConventionInForce, date: string, territoryIds: readonly string[] | null): number {
  if (!isInForce(c, date)) return 0;
  if (territoryIds === null) return c.places;
  const held = c.territories.filter((t) => territoryIds.includes(t.territoryId)).reduce((sum, t) => sum + t.places, 0);
  return c.currentPlaces > 0 ? Math.round((held * c.places) / c.currentPlaces) : 0;
}

/**
 * The occupancy of some conventions on a day: their places in force then (here), the key that
 * beneficiaries needs for the active caseload then, and the rate once it is known. With
 * `onlyInForce`, conventions not in force on the day are left out (a steering selection).
 */
export async function occupancyOf(ctx: SubgraphContext, date: string, territoryIds: string[] | null, conventionIds: readonly string[], onlyInForce = false): Promise<ConventionOccupancyType> {
  const day = parseIsoDate(date, 'date');
  const conventions = (await Promise.all([...new Set(conventionIds)].map((id) => inForceOn(ctx, id, day)))).filter((c): c is ConventionInForce => c !== null);
  const counted = onlyInForce ? conventions.filter((c) => isInForce(c, day)) : conventions;
  const ids = counted.map((c) => c.conventionId).sort();
  return Object.assign(new ConventionOccupancyType(), {
    key: encodeOccupancyKey({ date: day, territoryIds, conventionIds: ids }),
    date: day,
    territoryIds: territoryIds === null ? null : [...new Set(territoryIds)].sort(),
    conventionIds: ids,
    places: counted.reduce((sum, c) => sum + placesOf(c, day, territoryIds), 0),
  });
}

/** One convention's occupancy on a day (today by default). */
export function conventionOccupancyOn(ctx: SubgraphContext, conventionId: string, date: string | null): Promise<ConventionOccupancyType> {
  return occupancyOf(ctx, date ?? todayIso(), null, [conventionId]);
}

/** `Convention.occupancyAt(date)`: a stock, so on the grid's days (a month's last day or today) for callers who do not see a convention's exact counts. */
export function conventionOccupancyAt(ctx: SubgraphContext, conventionId: string, date: string | null): Promise<ConventionOccupancyType> {
  const day = date === null ? null : parsePublishedDay(date, { exact: seesExactConventionCounts(ctx.caller), argument: 'date' });
  return conventionOccupancyOn(ctx, conventionId, day);
}

/** The rate of one convention today, from the active caseload today (beneficiaries): the same as `occupancyAt().rate`. */
export async function conventionOccupancyToday(ctx: SubgraphContext, conventionId: string, activeCaseload: number | null | undefined): Promise<number | null> {
  return occupancyRate(activeCaseload, (await conventionOccupancyOn(ctx, conventionId, null)).places);
}

/** An occupancy from its key, with the active caseload beneficiaries sent (for `rate`). */
export async function occupancyReference(ctx: SubgraphContext, reference: { key: string; activeCaseload?: number | null }): Promise<ConventionOccupancyType> {
  const scope = decodeOccupancyKey(reference.key);
  const occupancy = await occupancyOf(ctx, scope.date, scope.territoryIds, scope.conventionIds);
  if ('activeCaseload' in reference) occupancy.activeCaseload = reference.activeCaseload ?? null;
  return occupancy;
}

/**
 * A steering selection's occupancy on the last day of its period: the conventions of the
 * selection in force that day, their places then (in the selection's territory, or the caller's
 * territories), and their active caseload then.
 */
export function selectionOccupancyAtEnd(ctx: SubgraphContext, selection: Pick<ConventionIndicatorsType, 'key' | 'territoryId' | 'shares'>): Promise<ConventionOccupancyType> {
  const { period } = decodeKey(selection.key);
  const limit = scopeOf(ctx.caller, 'convention:read')?.territoryIds ?? [];
  const territoryIds = selection.territoryId !== null ? [selection.territoryId] : limit.length > 0 ? [...limit] : null;
  return occupancyOf(ctx, period.to, territoryIds, selection.shares.map((s) => s.conventionId), true);
}

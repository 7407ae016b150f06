import type { EntityManager } from '@mikro-orm/postgresql';
import { assertPageSize, decodeCursor, encodeCursor, UserFacingError, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { Service } from '../service/service.entity.js';
import type { NearInput, ServiceFiltersInput } from '../service/service.input.js';
import { ServiceRepository, type SearchAfter, type SearchCriteria, type SearchOrder, type SearchRow } from '../service/service.repository.js';
import { minuteOfWeek, openWeekRanges } from './hours.js';
import { slugs } from './vocabulary.js';

/**
 * The directory search's plan (criteria, order, cursor) and the derived columns it reads: shared by
 * the search of services and the search of structures, so it lives here, not in either.
 */
export interface SearchArgs {
  query?: string | null;
  filters?: ServiceFiltersInput | null;
  near?: NearInput | null;
  eligibleFor?: string | null;
  first: number;
  after?: string | null;
}

export interface SearchResult {
  edges: { service: Service; partnerId: string; distanceKm: number | null; rank: number | null; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

function parseNear(near: NearInput | null | undefined): { communeCode: string } | { latitude: number; longitude: number } | null {
  if (!near) return null;
  const { latitude, longitude } = near;
  // Coordinates off the Earth are refused even beside a commune code (which wins over them).
  if ((typeof latitude === 'number' && Math.abs(latitude) > 90) || (typeof longitude === 'number' && Math.abs(longitude) > 180)) {
    throw new UserFacingError('near: latitude must be between -90 and 90, longitude between -180 and 180.', 'BAD_USER_INPUT', { argument: 'near' });
  }
  if (near.communeCode) return { communeCode: near.communeCode };
  if (typeof latitude === 'number' && typeof longitude === 'number') return { latitude, longitude };
  throw new UserFacingError('near needs a communeCode, or a latitude and a longitude.', 'BAD_USER_INPUT', { argument: 'near' });
}

/** Cursor of a search result in the order of its search. */
export function cursorOf(order: SearchOrder, row: Pick<SearchRow, 'id' | 'name' | 'rank' | 'distance_km'>): string {
  if (order === 'distance') return encodeCursor(['d', row.distance_km === null ? 1 : 0, row.distance_km ?? 0, row.id]);
  if (order === 'rank') return encodeCursor(['r', row.rank ?? 0, row.id]);
  return encodeCursor(['n', row.name, row.id]);
}

function parseAfter(order: SearchOrder, cursor: string): SearchAfter {
  const arity = order === 'distance' ? 4 : 3;
  const values = decodeCursor(cursor, arity);
  const [tag] = values;
  if (order === 'distance' && tag === 'd' && typeof values[1] === 'number' && typeof values[2] === 'number' && typeof values[3] === 'string') {
    return { order, missing: values[1], km: values[2], id: values[3] };
  }
  if (order === 'rank' && tag === 'r' && typeof values[1] === 'number' && typeof values[2] === 'string') return { order, rank: values[1], id: values[2] };
  if (order === 'name' && tag === 'n' && typeof values[1] === 'string' && typeof values[2] === 'string') return { order, name: values[1], id: values[2] };
  throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page of the same search.', 'BAD_USER_INPUT', { argument: 'after' });
}

/**
 * What a directory search asks for, from its arguments: the criteria, the order (by distance when
 * `near` is given, unknown distances last; else by relevance when `query` is given; else by name;
 * ties by id, so pages never overlap or skip) and where the page starts.
 */
export function searchPlan(ctx: SubgraphContext, args: SearchArgs, now: Date): { criteria: SearchCriteria; order: SearchOrder; after: SearchAfter | null } {
  assertPageSize(args.first);
  const query = args.query?.trim() ? args.query.trim() : null;
  const near = parseNear(args.near);
  const order: SearchOrder = near ? 'distance' : query ? 'rank' : 'name';
  const f = args.filters ?? {};
  return {
    criteria: {
      departmentCode: ctx.caller.departmentCode,
      query,
      themes: slugs(f.themes),
      kinds: f.kinds && f.kinds.length > 0 ? f.kinds : null,
      types: slugs(f.types),
      publics: slugs(f.publics),
      receptionModes: slugs(f.receptionModes),
      free: f.free === true,
      stepFreeAccess: f.stepFreeAccess === true,
      signLanguage: f.signLanguage === true,
      language: f.language ?? null,
      openAtMinute: f.openNow ? minuteOfWeek(now) : null,
      eligibleFor: args.eligibleFor ?? null,
      near,
    },
    order,
    after: args.after ? parseAfter(order, args.after) : null,
  };
}

/** The directory search for référents. Listings are not nominative: every role of the Département may search. */
/** Recomputes the derived search columns and weekly hours of services after a write. */
export async function refreshDerived(em: EntityManager, departmentCode: string, serviceIds: readonly string[], now: Date = new Date()): Promise<void> {
  if (serviceIds.length === 0) return;
  const repository = new ServiceRepository(em);
  await repository.refreshSearchColumns(departmentCode, serviceIds);
  const hours = await repository.effectiveHours(departmentCode, serviceIds);
  await repository.setOpenWeeks(
    departmentCode,
    hours.map((h) => ({ id: h.id, week: openWeekRanges(h.hours, now) })),
  );
}

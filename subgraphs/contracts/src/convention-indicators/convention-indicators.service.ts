import { parsePublishedPeriod, seesExactCounts, scopeOf, UserFacingError, withinTerritories, type PeriodInput, type SubgraphContext } from '@passerelles/subgraph-kit';
import { conventionAccess } from '../convention/convention.service.js';
import { ConventionIndicatorsRepository, type ConventionScope, type PlacesRow } from './convention-indicators.repository.js';
import type { ConventionIndicatorScopeInput, ConventionIndicatorsType } from './convention-indicators.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Matches no convention: an id of another tenant or a malformed one yields empty figures, never an error. */
const NOTHING = '00000000-0000-0000-0000-000000000000';

interface Period {
  from: string;
  to: string;
}

/** The key of a scope and a period: what `__resolveReference` needs to compute the figures again. */
export function encodeKey(scope: ConventionScope, period: Period): string {
  return Buffer.from(JSON.stringify([period.from, period.to, scope.programmeId, scope.operatorId, scope.territoryId])).toString('base64url');
}

export function decodeKey(key: string): { scope: ConventionIndicatorScopeInput; period: PeriodInput } {
  try {
    const [from, to, programmeId, operatorId, territoryId] = JSON.parse(Buffer.from(key, 'base64url').toString('utf8')) as (string | null)[];
    return { scope: { programmeId: programmeId ?? null, operatorId: operatorId ?? null, territoryId: territoryId ?? null }, period: { from: String(from), to: String(to) } };
  } catch {
    throw new UserFacingError('Malformed ConventionIndicators key.', 'BAD_USER_INPUT', { argument: 'key' });
  }
}

/** The figures of some places rows: conventions, places, and the places counted per convention. */
function figures(rows: readonly PlacesRow[], scope: ConventionScope, period: Period, territories: ConventionIndicatorsType[]): ConventionIndicatorsType {
  const shares = new Map<string, { conventionId: string; territoryPlaces: number; conventionPlaces: number }>();
  for (const r of rows) {
    const share = shares.get(r.conventionId) ?? { conventionId: r.conventionId, territoryPlaces: 0, conventionPlaces: r.conventionPlaces };
    share.territoryPlaces += r.territoryPlaces;
    shares.set(r.conventionId, share);
  }
  return {
    key: encodeKey(scope, period),
    territoryId: scope.territoryId,
    conventionCount: shares.size,
    placesContracted: rows.reduce((sum, r) => sum + r.territoryPlaces, 0),
    placesInForceAtEnd: rows.reduce((sum, r) => sum + (r.inForceAtEnd ? r.territoryPlaces : 0), 0),
    shares: [...shares.values()],
    territories,
  };
}

/**
 * Places of the conventions in force at some day of the period, for a programme, an operator and
 * a territory, and per territory served: one statement, whatever the number of territories. Not
 * nominative: every role reads it, narrowed as for conventions (an OPERATOR to its own, a
 * territory-limited caller to its territories' places).
 */
export async function conventionIndicators(ctx: SubgraphContext, input: ConventionIndicatorScopeInput | null | undefined, periodInput: PeriodInput): Promise<ConventionIndicatorsType> {
  const period = parsePublishedPeriod(periodInput, { exact: seesExactCounts(ctx.caller) });
  const access = conventionAccess(ctx.caller);
  const id = (value: string | null | undefined): string | null => (value ? (UUID.test(value) ? value : NOTHING) : null);
  const territoryId = input?.territoryId || null;
  const scope: ConventionScope = {
    programmeId: id(input?.programmeId),
    operatorId: id(input?.operatorId),
    // A territory outside the caller's is simply empty ('' is no territory's id).
    territoryId: territoryId !== null && !withinTerritories(scopeOf(ctx.caller, 'convention:read'), territoryId) ? '' : territoryId,
  };
  const rows = await new ConventionIndicatorsRepository(ctx.em).placesOfPeriod(access, scope, period.from, period.to);
  const territoryIds = [...new Set(rows.flatMap((r) => (r.territoryId === null ? [] : [r.territoryId])))].sort();
  const perTerritory = territoryIds.map((t) =>
    figures(
      rows.filter((r) => r.territoryId === t),
      { ...scope, territoryId: t },
      period,
      [],
    ),
  );
  return figures(rows, scope, period, perTerritory);
}

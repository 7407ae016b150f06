import { CountType, UserFacingError, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { caseloadOn } from './convention.service.js';
import { ConventionOccupancyType } from './occupancy.type.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day, territories and conventions an occupancy key names (contracts writes it: `[date, territoryIds | null, conventionIds]`). */
function scopeOf(key: string): { date: string; territoryIds: string[] | null; conventionIds: string[] } {
  try {
    const [date, territoryIds, conventionIds] = JSON.parse(Buffer.from(key, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
    if (typeof date === 'string' && ISO_DAY.test(date) && (territoryIds === null || strings(territoryIds)) && strings(conventionIds)) return { date, territoryIds, conventionIds };
  } catch {
    // Refused below.
  }
  throw new UserFacingError('Malformed ConventionOccupancy key.', 'BAD_USER_INPUT', { argument: 'key' });
}

function caseloadOf(ctx: SubgraphContext, occupancy: ConventionOccupancyType): Promise<PublishedCount> {
  return caseloadOn(ctx, scopeOf(occupancy.key));
}

@Resolver(() => ConventionOccupancyType)
export class ConventionOccupancyResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Active caseload on the day: distinct people with an accompaniment under these conventions started on or before it and not ended on or before it (in the territories, when narrowed); null when 1 to 10 for callers other than ADMIN and OPERATOR (suppressed).',
  })
  async activeCaseload(@Root() occupancy: ConventionOccupancyType, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return (await caseloadOf(ctx, occupancy)).value;
  }

  @FieldResolver(() => CountType, { description: 'The active caseload on the day as an aggregate count: « < 11 » (suppressed) when 1 to 10 for callers other than ADMIN and OPERATOR.' })
  caseload(@Root() occupancy: ConventionOccupancyType, @Ctx() ctx: SubgraphContext): Promise<CountType> {
    return caseloadOf(ctx, occupancy);
  }
}

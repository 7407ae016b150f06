import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConventionIndicatorsType } from '../convention-indicators/convention-indicators.type.js';
import { selectionOccupancyAtEnd } from './occupancy.service.js';
import { ConventionOccupancyType } from './occupancy.type.js';

/** The occupancy of a steering selection of conventions: the same definition as a convention's. */
@Resolver(() => ConventionIndicatorsType)
export class ConventionIndicatorsOccupancyResolver {
  @FieldResolver(() => ConventionOccupancyType, {
    description:
      'Occupancy on the last day of the period: active caseload of these conventions that day ÷ their places in force that day (in the territory, when narrowed to one). Same definition as `Convention.occupancyAt`.',
  })
  occupancyAtEnd(@Root() selection: ConventionIndicatorsType, @Ctx() ctx: SubgraphContext): Promise<ConventionOccupancyType> {
    return selectionOccupancyAtEnd(ctx, selection);
  }
}

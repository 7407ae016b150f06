import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { conventionPlaces, placesContracted } from '../convention/convention.service.js';
import { ConventionPlacesType } from '../convention/convention.type.js';
import { TerritoryType } from './territory.type.js';

@Resolver(() => TerritoryType)
export class TerritoryResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Places in active caseload contracted for this territory by the conventions in force today.' })
  placesContracted(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return placesContracted(ctx, territory.id);
  }

  @FieldResolver(() => [ConventionPlacesType], { description: 'The conventions in force today that serve this territory, with their places.' })
  conventionPlaces(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<ConventionPlacesType[]> {
    return conventionPlaces(ctx, territory.id);
  }
}

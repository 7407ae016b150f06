import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { communeCount, listTerritories, partnerCount } from './territory.service.js';
import { TerritoryType } from './territory.type.js';

@Resolver(() => TerritoryType)
export class TerritoryResolver {
  @Query(() => [TerritoryType], {
    description: "Territories of a Département, by name. Defaults to the caller's Département; another Département gives an empty list.",
  })
  territories(
    @Ctx() ctx: SubgraphContext,
    @Arg('department', () => String, { nullable: true, description: 'INSEE code of the Département.' }) department?: string | null,
  ): Promise<TerritoryType[]> {
    return listTerritories(ctx, department);
  }

  @FieldResolver(() => Int, { description: 'Number of communes in the territory.' })
  communeCount(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return communeCount(ctx, territory.id);
  }

  @FieldResolver(() => Int, { description: "Number of partner structures whose address is in one of the territory's communes." })
  partnerCount(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return partnerCount(ctx, territory.id);
  }
}

import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { fundingCommitted } from './territory.service.js';
import { TerritoryType } from './territory.type.js';

@Resolver(() => TerritoryType)
export class TerritoryResolver {
  @FieldResolver(() => GraphQLSafeInt, {
    nullable: true,
    description: 'Euro cents committed to the conventions in force serving this territory, prorated by their places here.',
  })
  fundingCommitted(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return fundingCommitted(ctx, territory.id);
  }
}

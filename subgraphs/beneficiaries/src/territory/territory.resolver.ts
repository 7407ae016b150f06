import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { activeBeneficiaries } from './territory.service.js';
import { TerritoryType } from './territory.type.js';

@Resolver(() => TerritoryType)
export class TerritoryResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'People whose accompaniment in this territory has started and not ended (active caseload).' })
  activeBeneficiaries(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return activeBeneficiaries(ctx, territory.id);
  }
}

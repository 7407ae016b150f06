import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { listPartners, partnerById } from './partner.service.js';
import { PartnerConnection, PartnerType } from './partner.type.js';

@Resolver(() => PartnerType)
export class PartnerResolver {
  @Query(() => PartnerType, { nullable: true, description: "A partner structure of the caller's Département." })
  partner(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<PartnerType | null> {
    return partnerById(ctx, id);
  }

  @Query(() => PartnerConnection, { description: "Partner structures of the caller's Département, in name order." })
  partners(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PartnerConnection> {
    return listPartners(ctx, first, after);
  }
}

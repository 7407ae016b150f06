import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { peopleReferred } from '../referral/referral.service.js';
import { PartnerType } from './partner.type.js';

@Resolver(() => PartnerType)
export class PartnerResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'People currently referred to this partner (referral sent or accepted, not closed).' })
  peopleReferred(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return peopleReferred(ctx, partner.id);
  }
}

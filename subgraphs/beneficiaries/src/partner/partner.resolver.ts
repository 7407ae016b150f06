import { CountType, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { peopleReferred, peopleReferredCount } from '../referral/referral.service.js';
import { PartnerType } from './partner.type.js';

@Resolver(() => PartnerType)
export class PartnerResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'People currently referred to this partner (referral sent or accepted, not closed); null when 1 to 10, except for ADMIN and the partner itself (suppressed).' })
  peopleReferred(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return peopleReferred(ctx, partner.id);
  }

  @FieldResolver(() => CountType, { nullable: true, description: 'People currently referred to this partner as an aggregate count: « < 11 » (suppressed) when 1 to 10, except for ADMIN and the partner itself.' })
  referred(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<CountType> {
    return peopleReferredCount(ctx, partner.id);
  }
}

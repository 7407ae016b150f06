import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import { PartnerRefType } from '../partner/partner.type.js';
import type { Convention } from './convention.entity.js';
import { conventionById } from './convention.service.js';
import { ConventionType } from './convention.type.js';

@Resolver(() => ConventionType)
export class ConventionResolver {
  @Query(() => ConventionType, { nullable: true, description: "A convention of the caller's Département." })
  convention(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<Convention | null> {
    return conventionById(ctx, id);
  }

  @FieldResolver(() => Float, { description: 'Full-time equivalents funded.' })
  fte(@Root() convention: Convention): number {
    return Number(convention.fte);
  }

  @FieldResolver(() => PartnerRefType, { description: 'The operator that delivers the accompaniment.' })
  operator(@Root() convention: Convention): PartnerRefType {
    return { id: convention.operatorId };
  }
}

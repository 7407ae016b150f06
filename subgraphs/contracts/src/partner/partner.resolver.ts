import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Convention } from '../convention/convention.entity.js';
import { conventionsOfOperator } from '../convention/convention.service.js';
import { ConventionType } from '../convention/convention.type.js';
import { PartnerRefType } from './partner.type.js';

@Resolver(() => PartnerRefType)
export class PartnerResolver {
  @FieldResolver(() => [ConventionType], { nullable: true, description: 'Conventions this partner operates (in force on a day, when given), by start date, newest first.' })
  conventions(
    @Root() partner: PartnerRefType,
    @Ctx() ctx: SubgraphContext,
    @Arg('inForceOn', () => String, { nullable: true, description: 'ISO date.' }) inForceOn?: string | null,
  ): Promise<Convention[]> {
    return conventionsOfOperator(ctx, partner.id, inForceOn ?? null);
  }
}

import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { selectionFunding } from '../convention/convention.service.js';
import { toOverviewType } from '../overview/overview.resolver.js';
import { FundingOverviewType } from '../overview/overview.type.js';
import { ConventionIndicatorsType } from './convention-indicators.type.js';

@Resolver(() => ConventionIndicatorsType)
export class ConventionIndicatorsResolver {
  @FieldResolver(() => FundingOverviewType, {
    nullable: true,
    description: 'Money of these conventions (ADMIN and STEERING), each counted for the share of its places in the selection; with the cost per place contracted.',
  })
  @Directive('@requires(fields: "shares { conventionId territoryPlaces conventionPlaces }")')
  async funding(@Root() selection: ConventionIndicatorsType, @Ctx() ctx: SubgraphContext): Promise<FundingOverviewType> {
    return toOverviewType(await selectionFunding(ctx, selection.shares ?? []));
  }
}

import { PeriodInput, PUBLISHED_PERIOD_DESCRIPTION, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { conventionIndicators } from './convention-indicators.service.js';
import { ConventionIndicatorScopeInput, ConventionIndicatorsType } from './convention-indicators.type.js';

@Resolver(() => ConventionIndicatorsType)
export class ConventionIndicatorsResolver {
  @Query(() => ConventionIndicatorsType, {
    description: 'Places of the conventions in force at some day of a period, for a programme, an operator and a territory, and per territory served (funding adds their money).',
  })
  conventionIndicators(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput,
    @Arg('scope', () => ConventionIndicatorScopeInput, { nullable: true }) scope: ConventionIndicatorScopeInput | null,
  ): Promise<ConventionIndicatorsType> {
    return conventionIndicators(ctx, scope, period);
  }
}

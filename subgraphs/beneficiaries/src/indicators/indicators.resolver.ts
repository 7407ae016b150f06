import { PeriodInput, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { indicators } from './indicators.service.js';
import { BeneficiaryIndicators, IndicatorScopeInput } from './indicators.type.js';

@Resolver(() => BeneficiaryIndicators)
export class IndicatorsResolver {
  @Query(() => BeneficiaryIndicators, { description: "Steering indicators of accompaniments in the caller's Département, for a scope and a period." })
  indicators(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('scope', () => IndicatorScopeInput, { nullable: true }) scope: IndicatorScopeInput | null,
  ): Promise<BeneficiaryIndicators> {
    return indicators(ctx, scope, period);
  }
}

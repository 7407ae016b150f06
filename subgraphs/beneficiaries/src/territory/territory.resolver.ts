import { CountType, PeriodInput, PUBLISHED_PERIOD_DESCRIPTION, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ExitReasonCount } from '../indicators/indicators.type.js';
import { activeBeneficiaries, activeCaseload, peopleOnRsa, peopleOriented, territoryExitsByReason } from './territory.service.js';
import { TerritoryType } from './territory.type.js';

@Resolver(() => TerritoryType)
export class TerritoryResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'People whose accompaniment in this territory has started and not ended (active caseload); null when suppressed for callers other than ADMIN (see `activeCaseload`).',
  })
  activeBeneficiaries(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return activeBeneficiaries(ctx, territory.id);
  }

  @FieldResolver(() => CountType, {
    nullable: true,
    description: 'The active caseload as an aggregate: suppressed from 1 to 10 (and secondarily, across the Département’s territories) for callers other than ADMIN.',
  })
  activeCaseload(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<CountType> {
    return activeCaseload(ctx, territory.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'People on the RSA living in the territory (need count for coverage rates); for callers other than ADMIN, null when suppressed (from 1 to 10, and secondarily across the Département’s territories).' })
  peopleOnRsa(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return peopleOnRsa(ctx, territory.id);
  }

  @FieldResolver(() => CountType, { nullable: true, description: 'People welcomed (accompaniment started) in this territory in the period; suppressed across territories.' })
  peopleOriented(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext, @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput): Promise<CountType | null> {
    return peopleOriented(ctx, territory.id, period);
  }

  @FieldResolver(() => [ExitReasonCount], { nullable: true, description: 'Exits in this territory in the period, for every reason; suppressed as a territory × reason table.' })
  exitsByReason(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext, @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput): Promise<ExitReasonCount[] | null> {
    return territoryExitsByReason(ctx, territory.id, period);
  }
}

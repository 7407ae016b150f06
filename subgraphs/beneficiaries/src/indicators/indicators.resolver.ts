import { Can, CountType, PeriodInput, PUBLISHED_PERIOD_DESCRIPTION, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ExitReason } from '../accompaniment/accompaniment.enums.js';
import { delayChain } from './delay-chain.service.js';
import { DelayChainType } from './delay-chain.type.js';
import { indicators, indicatorsByTerritory, type IndicatorsComputation } from './indicators.service.js';
import { AdherenceStats, BeneficiaryIndicators, DelayStats, DifficultyCount, DurationStats, ExitReasonCount, IndicatorScopeInput, MonthlyIndicators, ReferralDecisionStats, TerritoryIndicators } from './indicators.type.js';

@Resolver(() => BeneficiaryIndicators)
export class IndicatorsResolver {
  @Can('indicators:read')
  @Query(() => BeneficiaryIndicators, { description: "Steering indicators of accompaniments in the caller's Département, for a scope and a period." })
  indicators(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput,
    @Arg('scope', () => IndicatorScopeInput, { nullable: true }) scope: IndicatorScopeInput | null,
  ): IndicatorsComputation {
    return indicators(ctx, scope, period);
  }

  @Can('indicators:read')
  @Query(() => [TerritoryIndicators], {
    description:
      "The steering indicators of each territory the caller may see, for a programme / operator and a period, suppressed as a table across territories (a `scope.territoryId` only selects its row).",
  })
  indicatorsByTerritory(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput,
    @Arg('scope', () => IndicatorScopeInput, { nullable: true }) scope: IndicatorScopeInput | null,
  ): Promise<TerritoryIndicators[]> {
    return indicatorsByTerritory(ctx, scope, period);
  }

  @FieldResolver(() => CountType, { description: 'People welcomed: distinct people whose accompaniment started (first interview held) in the period. Read from the Département’s publication (ADR 0023) by callers without exact counts once it is computed: then accompaniments, not distinct people.' })
  peopleWelcomed(@Root() c: IndicatorsComputation): Promise<CountType> {
    return c.peopleWelcomed();
  }

  @FieldResolver(() => CountType, { description: 'People accompanied at some point of the period (started on or before its last day, not ended before its first). Read from the Département’s publication (ADR 0023) by callers without exact counts once it is computed: then accompaniments, not distinct people.' })
  peopleAccompanied(@Root() c: IndicatorsComputation): Promise<CountType> {
    return c.peopleAccompanied();
  }

  @FieldResolver(() => CountType, { description: 'People in active caseload on the last day of the period. Read from the Département’s publication (ADR 0023) by callers without exact counts once it is computed: then accompaniments, not distinct people.' })
  activeCaseload(@Root() c: IndicatorsComputation): Promise<CountType> {
    return c.activeCaseload();
  }

  @FieldResolver(() => DurationStats, { description: 'Duration in days of the accompaniments that ended in the period.' })
  durationDays(@Root() c: IndicatorsComputation): Promise<DurationStats> {
    return c.durationDays();
  }

  @FieldResolver(() => [ExitReasonCount], { description: 'Exits in the period, for every reason.' })
  async exitsByReason(@Root() c: IndicatorsComputation): Promise<ExitReasonCount[]> {
    return (await c.exits()).cells.map((cell) => ({ reason: cell.key, count: cell.count }));
  }

  @FieldResolver(() => CountType, { description: 'Exits in the period.' })
  async exitsTotal(@Root() c: IndicatorsComputation): Promise<CountType> {
    return (await c.exits()).total;
  }

  @FieldResolver(() => CountType, { description: 'Exits for stabilisation (the same cell as in exitsByReason).' })
  stabilisations(@Root() c: IndicatorsComputation): Promise<CountType> {
    return c.exitCell(ExitReason.STABILISATION);
  }

  @FieldResolver(() => CountType, { description: 'Exits for path evolution (the same cell as in exitsByReason).' })
  pathEvolutions(@Root() c: IndicatorsComputation): Promise<CountType> {
    return c.exitCell(ExitReason.EVOLUTION);
  }

  @FieldResolver(() => [DifficultyCount], { description: 'People accompanied during the period per psychological difficulty type (a person may count in several).' })
  psychologicalDifficulties(@Root() c: IndicatorsComputation): Promise<DifficultyCount[]> {
    return c.psychologicalDifficulties();
  }

  @FieldResolver(() => DelayStats, { description: 'Days from prescription to first interview of the accompaniments started in the period.' })
  delayToFirstInterview(@Root() c: IndicatorsComputation): Promise<DelayStats> {
    return c.delayToFirstInterview();
  }

  @FieldResolver(() => AdherenceStats, { description: 'Appointments dated in the period with their outcome recorded, how many were honoured, and how many past ones are still left open.' })
  appointmentAdherence(@Root() c: IndicatorsComputation): Promise<AdherenceStats> {
    return c.appointmentAdherence();
  }

  @FieldResolver(() => ReferralDecisionStats, { description: 'Referrals sent in the period and the partners’ decision time (median, 90th percentile), with those expired unanswered.' })
  referralDecision(@Root() c: IndicatorsComputation): Promise<ReferralDecisionStats> {
    return c.referralDecision();
  }

  @FieldResolver(() => [MonthlyIndicators], { description: 'One entry per calendar month of the period.' })
  monthly(@Root() c: IndicatorsComputation): Promise<MonthlyIndicators[]> {
    return c.monthly();
  }

  @FieldResolver(() => DelayChainType, {
    description:
      'The legal delay chain (right opened → orientation decided → notified → first interview → first partner appointment) of the people whose right was opened since the definitions came into force: per step ended in the period, median, 90th percentile and share within the legal target, with the version of the definitions used.',
  })
  async delayChain(@Root() c: IndicatorsComputation, @Ctx() ctx: SubgraphContext): Promise<DelayChainType> {
    return delayChain(ctx.em, c.filter, c.period, c.exact, await c.onGrid(), await c.storedDelayChain());
  }
}

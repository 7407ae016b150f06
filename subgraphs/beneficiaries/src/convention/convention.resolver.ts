import { CountType, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { conventionAccompanied, conventionActiveCaseload, conventionCaseload, conventionPeopleAccompanied } from './convention.service.js';
import { ConventionType } from './convention.type.js';

@Resolver(() => ConventionType)
export class ConventionResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Active caseload today: people with an accompaniment under this convention started on or before today and not ended on or before it (`occupancyAt.activeCaseload` for today); null when 1 to 10 for callers other than ADMIN and OPERATOR (suppressed).',
  })
  activeCaseload(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return conventionActiveCaseload(ctx, convention.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Distinct people accompanied at any time under this convention; null when 1 to 10 for callers other than ADMIN and OPERATOR (suppressed).',
  })
  peopleAccompanied(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return conventionPeopleAccompanied(ctx, convention.id);
  }

  @FieldResolver(() => CountType, { nullable: true, description: 'The active caseload today as an aggregate count: « < 11 » (suppressed) when 1 to 10 for callers other than ADMIN and OPERATOR.' })
  caseload(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<CountType> {
    return conventionCaseload(ctx, convention.id);
  }

  @FieldResolver(() => CountType, { nullable: true, description: 'People accompanied at any time as an aggregate count: « < 11 » (suppressed) when 1 to 10 for callers other than ADMIN and OPERATOR.' })
  accompanied(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<CountType> {
    return conventionAccompanied(ctx, convention.id);
  }
}

import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { conventionCaseload } from './convention.service.js';
import { ConventionType } from './convention.type.js';

@Resolver(() => ConventionType)
export class ConventionResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'People whose accompaniment under this convention has started and not ended.' })
  async activeCaseload(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await conventionCaseload(ctx, convention.id)).activeCaseload;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Distinct people accompanied under this convention at any time.' })
  async peopleAccompanied(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await conventionCaseload(ctx, convention.id)).peopleAccompanied;
  }
}

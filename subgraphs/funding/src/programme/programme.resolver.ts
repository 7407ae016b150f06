import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { listProgrammes, programmeById, programmeCommitted, programmePaid } from './programme.service.js';
import { ProgrammeType } from './programme.type.js';

@Resolver(() => ProgrammeType)
export class ProgrammeResolver {
  @Query(() => ProgrammeType, { nullable: true, description: "A programme of the caller's Département." })
  programme(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ProgrammeType | null> {
    return programmeById(ctx, id);
  }

  @Query(() => [ProgrammeType], { description: "Programmes of the caller's Département, by name (a handful per Département)." })
  programmes(@Ctx() ctx: SubgraphContext): Promise<ProgrammeType[]> {
    return listProgrammes(ctx);
  }

  @FieldResolver(() => GraphQLSafeInt, { description: 'Total committed to the programme, in euro cents.' })
  committedCents(@Root() programme: ProgrammeType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return programmeCommitted(ctx, programme.id);
  }

  @FieldResolver(() => GraphQLSafeInt, { description: 'Total paid under the programme, in euro cents.' })
  paidCents(@Root() programme: ProgrammeType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return programmePaid(ctx, programme.id);
  }
}

import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { listCalls } from './call.service.js';
import { CallForProjectsType } from './call.type.js';

@Resolver(() => CallForProjectsType)
export class CallResolver {
  @Query(() => [CallForProjectsType], { description: 'Calls for projects of the caller’s Département (of one programme when given), by name.' })
  callsForProjects(@Ctx() ctx: SubgraphContext, @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null): Promise<CallForProjectsType[]> {
    return listCalls(ctx, programmeId ?? null);
  }
}

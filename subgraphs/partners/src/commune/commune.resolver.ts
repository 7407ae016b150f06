import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { findCommunes } from './commune.service.js';
import { CommuneType } from './commune.type.js';

@Resolver(() => CommuneType)
export class CommuneResolver {
  @Query(() => [CommuneType], {
    description: "Communes of the caller's Département whose name starts with the text (accents, case and hyphens ignored), exact names first, then by name.",
  })
  async communes(
    @Ctx() ctx: SubgraphContext,
    @Arg('name', () => String, { description: 'The start of the name, e.g. « saint om ».' }) name: string,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
  ): Promise<CommuneType[]> {
    return (await findCommunes(ctx, name, first)).map((c) => CommuneType.from(c));
  }
}

import { Can, PublishedFigures, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import { publicationOf } from './publication.service.js';
import { PublicationType } from './publication.type.js';

@Resolver(() => PublicationType)
export class PublicationResolver {
  @Can('indicators:read')
  @Query(() => PublicationType, {
    nullable: true,
    description: "The caller's Département's publication (grid and date); null until the publication job has run (counts are then « non publié à ce niveau » to callers without exact counts).",
  })
  async publication(@Ctx() ctx: SubgraphContext): Promise<PublicationType | null> {
    const stored = await publicationOf(ctx);
    if (!stored) return null;
    return { asOf: stored.asOf, throughMonth: new PublishedFigures(stored).throughMonth, computedAt: stored.computedAt, gridName: stored.grid?.name ?? null, crossings: stored.grid?.crossings ?? null, finest: stored.grid?.finest ?? [] };
  }
}

import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { communeByCode } from '../commune/commune.service.js';
import { CommuneType } from '../commune/commune.type.js';
import { PermanenceType } from './permanence.type.js';

@Resolver(() => PermanenceType)
export class PermanenceResolver {
  @FieldResolver(() => CommuneType, { nullable: true, description: 'The commune of the place (null outside the caller’s Département).' })
  async commune(@Root() permanence: PermanenceType, @Ctx() ctx: SubgraphContext): Promise<CommuneType | null> {
    const commune = await communeByCode(ctx, permanence.communeCode);
    return commune ? CommuneType.from(commune) : null;
  }
}

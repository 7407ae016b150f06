import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { beneficiaryById } from './beneficiary.service.js';
import { BeneficiaryType } from './beneficiary.type.js';

@Resolver(() => BeneficiaryType)
export class BeneficiaryResolver {
  @Query(() => BeneficiaryType, { nullable: true, description: "A person of the caller's Département, if the caller may see them." })
  beneficiary(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<BeneficiaryType | null> {
    return beneficiaryById(ctx, id);
  }
}

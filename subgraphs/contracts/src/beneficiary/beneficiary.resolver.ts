import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { contractsOfBeneficiary } from '../engagement/engagement.service.js';
import { EngagementContractType } from '../engagement/engagement.type.js';
import { BeneficiaryRefType } from './beneficiary.type.js';

@Resolver(() => BeneficiaryRefType)
export class BeneficiaryContractsResolver {
  @FieldResolver(() => [EngagementContractType], { nullable: true, description: 'The person’s engagement contracts, newest first, history included (audited).' })
  contracts(@Root() beneficiary: BeneficiaryRefType, @Ctx() ctx: SubgraphContext): Promise<EngagementContractType[]> {
    return contractsOfBeneficiary(ctx, beneficiary.id);
  }
}

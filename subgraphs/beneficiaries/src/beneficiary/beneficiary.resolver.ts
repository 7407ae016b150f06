import { can, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { statusOf, type AccompanimentRecord } from '../accompaniment/accompaniment.record.js';
import { accompanimentsOf } from '../accompaniment/accompaniment.service.js';
import { AccompanimentType } from '../accompaniment/accompaniment.type.js';
import { CommuneRefType } from '../commune/commune.type.js';
import type { BeneficiaryRecord } from './beneficiary.entity.js';
import { identityOf, readBeneficiary } from './beneficiary.service.js';
import { BeneficiaryIdentityType, BeneficiaryType } from './beneficiary.type.js';

export const toAccompanimentType = (a: AccompanimentRecord): AccompanimentType => ({ ...a, status: statusOf(a) });

@Resolver(() => BeneficiaryType)
export class BeneficiaryResolver {
  @Query(() => BeneficiaryType, { nullable: true, description: "A person of the caller's Département, if the caller may see them." })
  beneficiary(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<BeneficiaryType | null> {
    return readBeneficiary(ctx, id);
  }

  @FieldResolver(() => BeneficiaryIdentityType, { nullable: true, description: 'Identifying fields, decrypted in the service; each read is audited.' })
  identity(@Root() beneficiary: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<BeneficiaryIdentityType | null> {
    return identityOf(ctx, beneficiary);
  }

  @FieldResolver(() => CommuneRefType, { nullable: true, description: 'Commune of residence (its name comes from partners); nullable so that partners being down blanks only it.' })
  commune(@Root() beneficiary: BeneficiaryRecord): CommuneRefType {
    return { code: beneficiary.communeCode };
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the caller may record on this person's path (appointments, exits, referrals, contracts): the access catalogue's `accompaniment:act` on one of the person's accompaniments. Screens show their forms from it.",
  })
  async viewerCanAct(@Root() beneficiary: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return (await accompanimentsOf(ctx, beneficiary.id)).some((a) => can(ctx.caller, 'accompaniment:act', a));
  }

  @FieldResolver(() => [AccompanimentType], { description: "The person's accompaniments, oldest first." })
  async accompaniments(@Root() beneficiary: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<AccompanimentType[]> {
    return (await accompanimentsOf(ctx, beneficiary.id)).map(toAccompanimentType);
  }
}

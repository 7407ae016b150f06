import { type SubgraphContext, RequiresRoles } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { CaseloadAlert } from '../accompaniment/accompaniment.enums.js';
import { statusOf, type AccompanimentRecord } from '../accompaniment/accompaniment.record.js';
import { accompanimentsOf } from '../accompaniment/accompaniment.service.js';
import { AccompanimentType } from '../accompaniment/accompaniment.type.js';
import type { BeneficiaryRecord } from './beneficiary.entity.js';
import { caseload, identityOf, readBeneficiary } from './beneficiary.service.js';
import { BeneficiaryConnection, BeneficiaryIdentityType, BeneficiaryType } from './beneficiary.type.js';

export const toAccompanimentType = (a: AccompanimentRecord): AccompanimentType => ({ ...a, status: statusOf(a) });

@Resolver(() => BeneficiaryType)
export class BeneficiaryResolver {
  @Query(() => BeneficiaryType, { nullable: true, description: "A person of the caller's Département, if the caller may see them." })
  beneficiary(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<BeneficiaryType | null> {
    return readBeneficiary(ctx, id);
  }

  @Query(() => BeneficiaryConnection, { description: "The caller's own caseload: people with an open accompaniment they follow." })
  @RequiresRoles('ADMIN', 'REFERENT')
  caseload(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('alert', () => CaseloadAlert, { nullable: true }) alert: CaseloadAlert | null,
  ): Promise<BeneficiaryConnection> {
    return caseload(ctx, { first, after: after ?? null, alert: alert ?? null });
  }

  @FieldResolver(() => BeneficiaryIdentityType, { nullable: true, description: 'Identifying fields, decrypted in the service; each read is audited.' })
  identity(@Root() beneficiary: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<BeneficiaryIdentityType | null> {
    return identityOf(ctx, beneficiary);
  }

  @FieldResolver(() => [AccompanimentType], { description: "The person's accompaniments, oldest first." })
  async accompaniments(@Root() beneficiary: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<AccompanimentType[]> {
    return (await accompanimentsOf(ctx, beneficiary.id)).map(toAccompanimentType);
  }
}

import { Can, mutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ReferralStatus } from '../accompaniment/accompaniment.enums.js';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { beneficiaryById } from '../beneficiary/beneficiary.service.js';
import { BeneficiaryType } from '../beneficiary/beneficiary.type.js';
import type { Outcome } from '../accompaniment/lifecycle.js';
import { PartnerType } from '../partner/partner.type.js';
import { ServiceRefType } from '../service/service.type.js';
import type { ReferralRecord } from './referral.repository.js';
import { createReferral, receivedReferrals, updateReferralStatus } from './referral.service.js';
import { CreateReferralInput, ReferralConnection, ReferralResultType, ReferralType, UpdateReferralStatusInput } from './referral.type.js';

const toResult = (outcome: Outcome<ReferralRecord>): ReferralResultType =>
  outcome.ok ? { ok: true, error: null, referral: outcome.value } : { ok: false, error: mutationError(outcome), referral: null };

@Resolver(() => ReferralType)
export class ReferralResolver {
  @Query(() => ReferralConnection, {
    description:
      "The partner's inbox: referrals its structure received (an operator: its own; an administrator: every partner of the Département, or `partnerId`), newest first. Nominative: each page is audited.",
  })
  @Can('referral:receive')
  receivedReferrals(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('statuses', () => [ReferralStatus], { nullable: true, description: 'Only these statuses (as read today: EXPIRED included).' }) statuses: ReferralStatus[] | null,
    @Arg('partnerId', () => ID, { nullable: true, description: 'Administrators: one partner only.' }) partnerId: string | null,
  ): Promise<ReferralConnection> {
    return receivedReferrals(ctx, { first, after, statuses, partnerId });
  }

  @Mutation(() => ReferralResultType, { description: "Sends a person to a partner's service." })
  @Can('referral:send')
  async createReferral(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateReferralInput) input: CreateReferralInput): Promise<ReferralResultType> {
    return toResult(await createReferral(ctx, input));
  }

  @Mutation(() => ReferralResultType, { description: 'Moves a referral to its next status.' })
  @Can('referral:update')
  async updateReferralStatus(@Ctx() ctx: SubgraphContext, @Arg('input', () => UpdateReferralStatusInput) input: UpdateReferralStatusInput): Promise<ReferralResultType> {
    return toResult(await updateReferralStatus(ctx, input));
  }

  @FieldResolver(() => BeneficiaryType, {
    nullable: true,
    description: 'The person referred, for those who may read them (their référent, an administrator, the receiving operator); each read is audited.',
  })
  beneficiary(@Root() referral: ReferralRecord, @Ctx() ctx: SubgraphContext): Promise<BeneficiaryRecord | null> {
    return beneficiaryById(ctx, referral.beneficiaryId);
  }

  @FieldResolver(() => PartnerType, { nullable: true, description: 'The partner running the service (its name comes from partners).' })
  partner(@Root() referral: ReferralRecord): PartnerType {
    return { id: referral.partnerId };
  }

  @FieldResolver(() => ServiceRefType, { nullable: true, description: 'The service the person is sent to (its name comes from partners).' })
  service(@Root() referral: ReferralRecord): ServiceRefType {
    return { id: referral.serviceId };
  }
}

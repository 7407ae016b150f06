import { Can, mutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Outcome } from '../accompaniment/lifecycle.js';
import { PartnerType } from '../partner/partner.type.js';
import { ServiceRefType } from '../service/service.type.js';
import type { ReferralRecord } from './referral.repository.js';
import { createReferral, updateReferralStatus } from './referral.service.js';
import { CreateReferralInput, ReferralResultType, ReferralType, UpdateReferralStatusInput } from './referral.type.js';

const toResult = (outcome: Outcome<ReferralRecord>): ReferralResultType =>
  outcome.ok ? { ok: true, error: null, referral: outcome.value } : { ok: false, error: mutationError(outcome), referral: null };

@Resolver(() => ReferralType)
export class ReferralResolver {
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

  @FieldResolver(() => PartnerType, { nullable: true, description: 'The partner running the service (its name comes from partners).' })
  partner(@Root() referral: ReferralRecord): PartnerType {
    return { id: referral.partnerId };
  }

  @FieldResolver(() => ServiceRefType, { nullable: true, description: 'The service the person is sent to (its name comes from partners).' })
  service(@Root() referral: ReferralRecord): ServiceRefType {
    return { id: referral.serviceId };
  }
}

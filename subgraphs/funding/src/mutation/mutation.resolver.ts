import { Can, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { PaymentStatusEnum } from '../convention/convention.type.js';
import type { PaymentStatus } from '../payment/payment.entity.js';
import { CreateCommitmentInput, FundingTermsInput, RecordFinalReportInput, ScheduleFundingInput } from './mutation.input.js';
import { createCommitment, recordFinalReport, scheduleFunding, setFundingTerms, setPaymentStatus } from './mutation.service.js';
import { FundingMutationResultType } from './mutation.type.js';

@Resolver()
export class FundingMutationResolver {
  @Mutation(() => FundingMutationResultType, { description: 'Commits money to a convention for a budget year, with its co-funding split (ADMIN).' })
  @Can('funding:write')
  createCommitment(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateCommitmentInput) input: CreateCommitmentInput): Promise<FundingMutationResultType> {
    return createCommitment(ctx, input);
  }

  @Mutation(() => FundingMutationResultType, { description: 'Sets the advance share and the balance rule of a convention (ADMIN).' })
  @Can('funding:write')
  setFundingTerms(@Ctx() ctx: SubgraphContext, @Arg('input', () => FundingTermsInput) input: FundingTermsInput): Promise<FundingMutationResultType> {
    return setFundingTerms(ctx, input);
  }

  @Mutation(() => FundingMutationResultType, { description: 'Plans the advance, the balance and the final report of a convention (ADMIN).' })
  @Can('funding:write')
  scheduleFunding(@Ctx() ctx: SubgraphContext, @Arg('input', () => ScheduleFundingInput) input: ScheduleFundingInput): Promise<FundingMutationResultType> {
    return scheduleFunding(ctx, input);
  }

  @Mutation(() => FundingMutationResultType, { description: 'Records a final report; the balance is then set by the balance rule (ADMIN).' })
  @Can('funding:write')
  recordFinalReport(@Ctx() ctx: SubgraphContext, @Arg('input', () => RecordFinalReportInput) input: RecordFinalReportInput): Promise<FundingMutationResultType> {
    return recordFinalReport(ctx, input);
  }

  @Mutation(() => FundingMutationResultType, { description: 'Moves a payment to REQUESTED, PAID or CANCELLED (ADMIN).' })
  @Can('funding:write')
  setPaymentStatus(
    @Ctx() ctx: SubgraphContext,
    @Arg('paymentId', () => ID) paymentId: string,
    @Arg('status', () => PaymentStatusEnum) status: PaymentStatus,
    @Arg('paidOn', () => String, { nullable: true }) paidOn?: string | null,
  ): Promise<FundingMutationResultType> {
    return setPaymentStatus(ctx, paymentId, status, paidOn ?? null);
  }
}

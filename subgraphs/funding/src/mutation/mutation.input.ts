import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { Funder } from '../cofunding/cofunding.entity.js';
import { BalanceRuleEnum, FunderEnum } from '../convention/convention.type.js';
import type { BalanceRule } from '../terms/balance-rule.js';

@InputType('CofundingShareInput', { description: 'What one funder pays of a commitment.' })
export class CofundingShareInput {
  @Field(() => FunderEnum)
  funder!: Funder;

  @Field(() => GraphQLSafeInt, { description: 'Euro cents.' })
  amountCents!: number;
}

@InputType('CommitmentBasisInput', { description: 'Computes an amount: annual cost × FTE × months ÷ 12, rounded to the cent.' })
export class CommitmentBasisInput {
  @Field(() => GraphQLSafeInt, { description: 'Annual amount in cents (per FTE when `fte` is given), e.g. 10 000 000 for 100 000 €.' })
  annualCents!: number;

  @Field(() => String, { nullable: true, description: 'FTE multiplier as a decimal string, e.g. "2.5"; 1 when omitted.' })
  fte?: string | null;

  @Field(() => Int, { description: 'Months covered.' })
  months!: number;
}

@InputType('CreateCommitmentInput', { description: 'Money committed to a convention for one budget year, with its co-funding split.' })
export class CreateCommitmentInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => ID)
  programmeId!: string;

  @Field(() => Int)
  budgetYear!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Amount in cents; or give `basis`.' })
  amountCents?: number | null;

  @Field(() => CommitmentBasisInput, { nullable: true })
  basis?: CommitmentBasisInput | null;

  @Field(() => [CofundingShareInput], { description: 'Shares by funder; they must add up to the amount exactly. Empty: the Département pays all.' })
  cofunding!: CofundingShareInput[];
}

@InputType('FundingTermsInput', { description: 'How a convention’s funding is paid.' })
export class FundingTermsInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => Int)
  advancePercent!: number;

  @Field(() => BalanceRuleEnum)
  balanceRule!: BalanceRule;

  @Field(() => Int, { defaultValue: 100 })
  fullFundingFromPercent!: number;
}

@InputType('ScheduleFundingInput', { description: 'Plans the advance at signature, the balance and the final report.' })
export class ScheduleFundingInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => String, { description: 'Signature date (ISO): the advance is due then.' })
  signedOn!: string;

  @Field(() => String, { description: 'Last day of the operation (ISO): the final report is due on 31 March of the next year.' })
  operationEndsOn!: string;
}

@InputType('FinalReportIndicatorInput', { description: 'One reported figure.' })
export class FinalReportIndicatorInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  value!: number;
}

@InputType('RecordFinalReportInput', { description: 'Records the receipt of a final report and its figures.' })
export class RecordFinalReportInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => String, { description: 'Date received (ISO).' })
  receivedOn!: string;

  @Field(() => Int, { nullable: true })
  placesContracted?: number | null;

  @Field(() => Int, { nullable: true })
  placesFilled?: number | null;

  @Field(() => Int, { nullable: true })
  peopleAccompanied?: number | null;

  @Field(() => [FinalReportIndicatorInput], { defaultValue: [] })
  indicators!: FinalReportIndicatorInput[];
}

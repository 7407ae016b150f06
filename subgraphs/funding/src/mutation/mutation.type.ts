import { Field, ID, ObjectType } from 'type-graphql';
import { ConventionFundingType } from '../convention/convention.type.js';

@ObjectType('FundingMutationError', { description: 'Why a funding change was refused.' })
export class FundingMutationErrorType {
  @Field(() => String, { description: 'Stable code, e.g. COFUNDING_DOES_NOT_ADD_UP, FINAL_REPORT_NOT_RECEIVED.' })
  code!: string;

  @Field(() => String, { description: 'Explanation for the user (English; the dashboard translates by code).' })
  message!: string;
}

@ObjectType('FundingMutationResult', { description: 'Outcome of a funding change: the convention’s funding after it, or why it was refused.' })
export class FundingMutationResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => FundingMutationErrorType, { nullable: true })
  error!: FundingMutationErrorType | null;

  @Field(() => ID, { nullable: true })
  conventionId!: string | null;

  @Field(() => ConventionFundingType, { nullable: true, description: 'The convention’s funding after the change.' })
  funding!: ConventionFundingType | null;
}

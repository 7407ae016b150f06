import { MutationError } from '@passerelles/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConventionFundingType } from '../convention/convention.type.js';

@ObjectType('FundingMutationResult', { description: 'Outcome of a funding change: the convention’s funding after it, or why it was refused.' })
export class FundingMutationResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => ID, { nullable: true })
  conventionId!: string | null;

  @Field(() => ConventionFundingType, { nullable: true, description: 'The convention’s funding after the change.' })
  funding!: ConventionFundingType | null;
}

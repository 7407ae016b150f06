import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ReferralStatus } from '../accompaniment/accompaniment.enums.js';
import { MutationError } from '@passerelles/subgraph-kit';

@ObjectType('Referral', { description: "A person sent to a partner's service." })
export class ReferralType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => ID, { nullable: true, description: 'The accompaniment it was made in, if any.' })
  accompanimentId!: string | null;

  @Field(() => ID, { description: 'The Service (owned by partners).' })
  serviceId!: string;

  @Field(() => ID, { description: 'The Partner running the service.' })
  partnerId!: string;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => String, { description: 'Day it was sent.' })
  sentOn!: string;

  @Field(() => String, { nullable: true, description: 'Day the partner accepted or refused.' })
  answeredOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day it was done or the person did not show up.' })
  closedOn!: string | null;
}

@InputType('CreateReferralInput', { description: "Sending a person to a partner's service." })
export class CreateReferralInput {
  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => ID)
  serviceId!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => ID, { nullable: true, description: 'The accompaniment it is made in.' })
  accompanimentId?: string | null;

  @Field(() => String, { description: 'Day it is sent (YYYY-MM-DD).' })
  sentOn!: string;
}

@InputType('UpdateReferralStatusInput', { description: 'A new status for a referral: SENT → ACCEPTED | REFUSED; ACCEPTED → DONE | NO_SHOW.' })
export class UpdateReferralStatusInput {
  @Field(() => ID)
  referralId!: string;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => String, { description: 'Day of the change (YYYY-MM-DD), on or after the sending.' })
  on!: string;
}

@ObjectType('ReferralResult', { description: 'Outcome of a change to a referral.' })
export class ReferralResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => ReferralType, { nullable: true })
  referral!: ReferralType | null;
}

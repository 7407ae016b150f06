import { MutationError, PageInfo } from '@passerelles/subgraph-kit';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { REFERRAL_EXPIRES_AFTER_DAYS, ReferralRefusalReason, ReferralStatus } from '../accompaniment/accompaniment.enums.js';

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

  @Field(() => ReferralStatus, { description: `Where it stands today: SENT and unanswered for more than ${REFERRAL_EXPIRES_AFTER_DAYS} days reads EXPIRED.` })
  status!: ReferralStatus;

  @Field(() => String, { description: 'Day it was sent.' })
  sentOn!: string;

  @Field(() => String, { nullable: true, description: 'Day the partner accepted or refused.' })
  answeredOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day it was done or the person did not show up.' })
  closedOn!: string | null;

  @Field(() => ReferralRefusalReason, { nullable: true, description: 'Why the partner refused it.' })
  refusalReason!: ReferralRefusalReason | null;

  @Field(() => String, { nullable: true, description: "The référent's note for the partner (what the person needs), and the partner's when it answers." })
  note!: string | null;

  @Field(() => String, { nullable: true, description: `The day it expires if still unanswered (${REFERRAL_EXPIRES_AFTER_DAYS} days after it was sent); null once answered.` })
  expiresOn!: string | null;
}

@ObjectType('ReferralConnection', { description: 'A page of referrals.' })
export class ReferralConnection {
  @Field(() => [ReferralType])
  nodes!: ReferralType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
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

  @Field(() => String, { nullable: true, description: 'A note for the partner: what the person needs (no health details beyond what the partner needs).' })
  note?: string | null;
}

@InputType('UpdateReferralStatusInput', { description: 'A new status for a referral: SENT → ACCEPTED | REFUSED (the receiving partner), ACCEPTED → DONE | NO_SHOW.' })
export class UpdateReferralStatusInput {
  @Field(() => ID)
  referralId!: string;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => String, { description: 'Day of the change (YYYY-MM-DD), on or after the sending.' })
  on!: string;

  @Field(() => ReferralRefusalReason, { nullable: true, description: 'Why the partner refuses (required with REFUSED).' })
  refusalReason?: ReferralRefusalReason | null;

  @Field(() => String, { nullable: true, description: "A note with the change (e.g. the partner's first appointment)." })
  note?: string | null;
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

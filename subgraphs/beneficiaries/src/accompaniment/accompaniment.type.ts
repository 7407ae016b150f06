import { Field, ID, ObjectType } from 'type-graphql';
import { MutationError } from '@passerelles/subgraph-kit';
import { AccompanimentStatus, AppointmentKind, AppointmentStatus, ExitReason, ExitSubReason, ReferralStatus, TimelineEventKind } from './accompaniment.enums.js';

@ObjectType('Accompaniment', { description: "One person's enrolment in one programme, from prescription to exit." })
export class AccompanimentType {
  @Field(() => ID, { description: 'Random id.' })
  id!: string;

  /** Not exposed: the tenant, kept so that services can reuse the record. */
  departmentCode!: string;

  @Field(() => ID, { description: 'The person accompanied.' })
  beneficiaryId!: string;

  @Field(() => ID, { description: 'Programme (owned by funding).' })
  programmeId!: string;

  @Field(() => ID, { description: 'Operator delivering the accompaniment (a Partner).' })
  operatorId!: string;

  @Field(() => ID, { nullable: true, description: 'Convention under which it is delivered (owned by contracts).' })
  conventionId!: string | null;

  @Field(() => String, { nullable: true, description: 'Territory of the accompaniment.' })
  territoryId!: string | null;

  @Field(() => String, { nullable: true, description: 'User id of the référent who follows the person.' })
  referentId!: string | null;

  @Field(() => String, { nullable: true, description: 'User id of the prescriber.' })
  prescriberId!: string | null;

  @Field(() => String, { description: 'Day of the prescription (YYYY-MM-DD).' })
  prescribedOn!: string;

  @Field(() => String, { nullable: true, description: 'Day the orientation was validated.' })
  validatedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day of the first interview held: the accompaniment starts then.' })
  startedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day of the final review held.' })
  finalReviewOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day of the exit.' })
  endedOn!: string | null;

  @Field(() => ExitReason, { nullable: true, description: 'Why it ended.' })
  exitReason!: ExitReason | null;

  @Field(() => ExitSubReason, { nullable: true, description: 'For a FINANCIAL_CHANGE exit: the new income.' })
  exitSubReason!: ExitSubReason | null;

  @Field(() => AccompanimentStatus, { description: 'Stage in the life cycle, derived from the dates.' })
  status!: AccompanimentStatus;
}

@ObjectType('AccompanimentResult', { description: 'Outcome of a change to an accompaniment.' })
export class AccompanimentResultType {
  @Field(() => Boolean, { description: 'True when the change was made.' })
  ok!: boolean;

  @Field(() => MutationError, { nullable: true, description: 'Why it was refused, when `ok` is false.' })
  error!: MutationError | null;

  @Field(() => AccompanimentType, { nullable: true, description: 'The accompaniment after the change.' })
  accompaniment!: AccompanimentType | null;
}

@ObjectType('TimelineEvent', { description: 'One dated event in an accompaniment.' })
export class TimelineEventType {
  @Field(() => String, { description: 'Day (YYYY-MM-DD).' })
  date!: string;

  @Field(() => TimelineEventKind)
  kind!: TimelineEventKind;

  @Field(() => String, { description: 'Short description in English (kinds and statuses, no free text); UIs build their own from the typed fields.' })
  label!: string;

  @Field(() => AppointmentKind, { nullable: true, description: 'For an APPOINTMENT: its kind.' })
  appointmentKind!: AppointmentKind | null;

  @Field(() => AppointmentStatus, { nullable: true, description: 'For an APPOINTMENT: its status.' })
  appointmentStatus!: AppointmentStatus | null;

  @Field(() => ID, { nullable: true, description: 'For a REFERRAL: which referral (see `Accompaniment.referrals`).' })
  referralId!: string | null;

  @Field(() => ReferralStatus, { nullable: true, description: 'For a REFERRAL: the status reached that day (SENT, then ACCEPTED or REFUSED, then DONE or NO_SHOW).' })
  referralStatus!: ReferralStatus | null;

  @Field(() => ExitReason, { nullable: true, description: 'For an EXIT: its reason.' })
  exitReason!: ExitReason | null;

  @Field(() => ExitSubReason, { nullable: true, description: 'For a FINANCIAL_CHANGE EXIT: the new income.' })
  exitSubReason!: ExitSubReason | null;
}

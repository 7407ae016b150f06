import { CountType, MutationError } from '@passerelles/subgraph-kit';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BreachKind, BreachSource, HearingOutcome, LiftReason, SanctionDecision, SanctionStatus } from './sanction.enums.js';

@ObjectType('SanctionProcedure', {
  description: 'A suspension-remobilisation procedure (décret of 30 May 2025): breach recorded → person heard → decision → lifted on remobilisation, or ended.',
})
export class SanctionProcedureType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => SanctionStatus)
  status!: SanctionStatus;

  @Field(() => BreachKind)
  breachKind!: BreachKind;

  @Field(() => String, { description: 'Day of the breach (YYYY-MM-DD).' })
  breachOn!: string;

  @Field(() => BreachSource, { description: 'Who reported the breach.' })
  breachSource!: BreachSource;

  @Field(() => String, { nullable: true, description: 'What the breach was, in a few words.' })
  breachNote!: string | null;

  @Field(() => String, { description: 'User id of whoever recorded the breach.' })
  recordedBy!: string;

  @Field(() => String, { nullable: true, description: 'Day of the hearing; null until then.' })
  hearingOn!: string | null;

  @Field(() => HearingOutcome, { nullable: true })
  hearingOutcome!: HearingOutcome | null;

  @Field(() => SanctionDecision, { nullable: true })
  decision!: SanctionDecision | null;

  @Field(() => Int, { nullable: true, description: 'SUSPENDED: the share of the allowance suspended, in whole percents (30–100; at most 50 for a household of more than one person).' })
  rate!: number | null;

  @Field(() => Int, { nullable: true, description: 'SUSPENDED: months (1–2, up to 4 for a repeat).' })
  durationMonths!: number | null;

  @Field(() => String, { nullable: true, description: 'The household type read when the decision was taken (the basis of the 50 % cap).' })
  householdType!: string | null;

  @Field(() => ID, { nullable: true, description: 'For a repeat: the suspension decided in the 12 months before.' })
  repeatOf!: string | null;

  @Field(() => String, { nullable: true, description: 'Day of the decision.' })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day the decision takes effect.' })
  effectiveOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Day the person re-engaged and the suspension was lifted.' })
  liftedOn!: string | null;

  @Field(() => LiftReason, { nullable: true })
  liftReason!: LiftReason | null;

  @Field(() => Boolean, { nullable: true, description: 'On lifting: whether the amounts withheld are paid back.' })
  withheldRepaid!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Day the procedure was ended (not by lifting).' })
  endedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was ended.' })
  endReason!: string | null;
}

@InputType('RecordBreachInput', { description: 'A breach of the person’s obligations, which opens a procedure.' })
export class RecordBreachInput {
  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => BreachKind)
  breachKind!: BreachKind;

  @Field(() => String, { description: 'Day of the breach (YYYY-MM-DD), from 1 June 2025, not in the future.' })
  breachOn!: string;

  @Field(() => BreachSource)
  source!: BreachSource;

  @Field(() => String, { nullable: true, description: 'What happened, in a few words (no health details).' })
  note?: string | null;
}

@InputType('RecordHearingInput', { description: 'The hearing of the person (« audition préalable »).' })
export class RecordHearingInput {
  @Field(() => ID)
  procedureId!: string;

  @Field(() => String, { description: 'Day of the hearing, on or after the breach, not in the future.' })
  hearingOn!: string;

  @Field(() => HearingOutcome)
  outcome!: HearingOutcome;
}

@InputType('DecideSanctionInput', { description: "The Département's decision after the hearing." })
export class DecideSanctionInput {
  @Field(() => ID)
  procedureId!: string;

  @Field(() => SanctionDecision)
  decision!: SanctionDecision;

  @Field(() => String, { description: 'Day of the decision, on or after the hearing, not in the future.' })
  decidedOn!: string;

  @Field(() => String, { nullable: true, description: 'Day it takes effect (default: the decision day), not before it.' })
  effectiveOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'SUSPENDED: whole percent, 30–100 (50 at most for a household of more than one person).' })
  rate?: number | null;

  @Field(() => Int, { nullable: true, description: 'SUSPENDED: 1–2 months, up to 4 for a repeat.' })
  durationMonths?: number | null;
}

@InputType('LiftSanctionInput', { description: 'The person re-engaged: the suspension is lifted.' })
export class LiftSanctionInput {
  @Field(() => ID)
  procedureId!: string;

  @Field(() => String, { description: 'Day lifted, on or after the decision, not in the future.' })
  liftedOn!: string;

  @Field(() => LiftReason)
  reason!: LiftReason;

  @Field(() => Boolean, { description: 'Whether the amounts withheld are paid back.' })
  withheldRepaid!: boolean;
}

@InputType('EndSanctionProcedureInput', { description: 'Closes a procedure otherwise than by lifting.' })
export class EndSanctionProcedureInput {
  @Field(() => ID)
  procedureId!: string;

  @Field(() => String, { description: 'Day ended, on or after the last step, not in the future.' })
  endedOn!: string;

  @Field(() => String, { description: 'Why (required).' })
  reason!: string;
}

@ObjectType('SanctionProcedureResult', { description: 'Outcome of a step of a suspension-remobilisation procedure.' })
export class SanctionProcedureResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => SanctionProcedureType, { nullable: true })
  procedure!: SanctionProcedureType | null;
}

@ObjectType('SanctionTerritoryCounts', { description: 'Sanction procedures of one territory (of the person), suppressed as a table across territories.' })
export class SanctionTerritoryCountsType {
  @Field(() => ID, { nullable: true, description: 'Null: people with no territory.' })
  territoryId!: string | null;

  @Field(() => CountType)
  opened!: CountType;

  @Field(() => CountType)
  suspended!: CountType;

  @Field(() => CountType)
  lifted!: CountType;
}

@ObjectType('SanctionIndicators', { description: 'How many suspension-remobilisation procedures and how long, for a scope and a period (counts of procedures, suppressed from 1 to 10).' })
export class SanctionIndicatorsType {
  @Field(() => CountType, { description: 'Procedures opened: breaches dated in the period.' })
  opened!: CountType;

  @Field(() => CountType, { description: 'Decisions taken in the period (suspended or not).' })
  decided!: CountType;

  @Field(() => CountType, { description: 'Suspensions decided in the period.' })
  suspended!: CountType;

  @Field(() => CountType, { description: 'Suspensions lifted (remobilisation) in the period.' })
  lifted!: CountType;

  @Field(() => Float, { nullable: true, description: 'Median duration decided (months) of the suspensions decided in the period; null when their count is not published.' })
  medianDurationMonths!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median days from the suspension taking effect to its lifting, of those lifted in the period; null when their count is not published.' })
  medianDaysToLift!: number | null;

  @Field(() => [SanctionTerritoryCountsType], { description: 'The same counts per territory of the person.' })
  byTerritory!: SanctionTerritoryCountsType[];
}

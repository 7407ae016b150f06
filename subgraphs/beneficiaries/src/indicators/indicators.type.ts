import { CountType } from '@passerelles/subgraph-kit';
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { ExitReason, PsychologicalDifficulty } from '../accompaniment/accompaniment.enums.js';
import { TerritoryType } from '../territory/territory.type.js';

@InputType('IndicatorScopeInput', { description: "What the indicators cover, within the caller's Département (all of it when empty)." })
export class IndicatorScopeInput {
  @Field(() => ID, { nullable: true, description: 'Only accompaniments in this territory.' })
  territoryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only accompaniments in this programme.' })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only accompaniments delivered by this operator (Partner).' })
  operatorId?: string | null;
}

@ObjectType('ExitReasonCount', { description: 'Exits for one reason.' })
export class ExitReasonCount {
  @Field(() => ExitReason)
  reason!: ExitReason;

  @Field(() => CountType)
  count!: CountType;
}

@ObjectType('DifficultyCount', { description: 'People accompanied in the period who met one type of psychological difficulty.' })
export class DifficultyCount {
  @Field(() => PsychologicalDifficulty)
  difficulty!: PsychologicalDifficulty;

  @Field(() => CountType)
  count!: CountType;
}

@ObjectType('DurationStats', { description: 'Duration in days of the accompaniments that ended in the period (start to exit).' })
export class DurationStats {
  @Field(() => Float, { nullable: true, description: 'Mean; null when `counted` is suppressed or zero.' })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median; null when `counted` is suppressed or zero.' })
  median!: number | null;

  @Field(() => CountType, { description: 'Accompaniments measured.' })
  counted!: CountType;
}

@ObjectType('DelayStats', { description: 'Days from prescription to first interview, for the accompaniments that started in the period.' })
export class DelayStats {
  @Field(() => Float, { nullable: true })
  meanDays!: number | null;

  @Field(() => Float, { nullable: true })
  medianDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share (0–1) started less than 30 days after the prescription.' })
  shareUnder30Days!: number | null;

  @Field(() => CountType, { description: 'Accompaniments measured.' })
  counted!: CountType;
}

@ObjectType('ReferralDecisionStats', {
  description: 'Referrals to partners sent in the period, and how long the partners took to decide (accept or refuse).',
})
export class ReferralDecisionStats {
  @Field(() => CountType, { description: 'Referrals sent in the period.' })
  sent!: CountType;

  @Field(() => CountType, { description: 'Of them, answered by the partner (accepted or refused).' })
  answered!: CountType;

  @Field(() => CountType, { description: 'Of them, expired unanswered (30 days).' })
  expired!: CountType;

  @Field(() => Float, { nullable: true, description: 'Median days from sending to the answer, rounded to 2 decimals; null when the answered count is not published.' })
  medianDays!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of the same days (2 decimals); null when the answered count is not published.' })
  p90Days!: number | null;
}

@ObjectType('AdherenceStats', { description: 'Appointments dated in the period, and how many were honoured.' })
export class AdherenceStats {
  @Field(() => CountType)
  honoured!: CountType;

  @Field(() => CountType, { description: 'Appointments dated in the period whose outcome is recorded: honoured, missed or excused (the base of the rate).' })
  closed!: CountType;

  @Field(() => CountType, { description: 'Appointments of past days in the period still « planned »: their outcome is missing (not counted as missed).' })
  leftOpen!: CountType;

  @Field(() => Float, { nullable: true, description: 'honoured / closed, rounded to 4 decimals; null when either is suppressed or none is closed.' })
  rate!: number | null;
}

@ObjectType('MonthlyIndicators', { description: 'Figures of one calendar month of the period (clipped to the period).' })
export class MonthlyIndicators {
  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => CountType, { description: 'People whose accompaniment started in the month.' })
  peopleWelcomed!: CountType;

  @Field(() => CountType, { description: "People in active caseload on the month's last day (or the period's end)." })
  activeCaseload!: CountType;

  @Field(() => CountType, { description: 'Exits in the month.' })
  exits!: CountType;
}

/** The indicators of one scope and period; every field is resolved on demand (indicators.resolver.ts). */
@ObjectType('BeneficiaryIndicators', { description: 'The steering indicators of accompaniments for a scope and a period. Counts 1–10 are suppressed for callers without nominative rights.' })
export class BeneficiaryIndicators {}

/** The steering counts of one territory over a period, suppressed together with the other territories (indicators.service.ts). */
@ObjectType('TerritoryIndicators', { description: 'The steering indicators of one territory for a scope and a period, suppressed as a table across the territories.' })
export class TerritoryIndicators {
  @Field(() => ID)
  territoryId!: string;

  @Field(() => TerritoryType, { nullable: true, description: 'The territory (name from partners); null only when it cannot be resolved.' })
  territory!: TerritoryType | null;

  @Field(() => CountType, { description: 'People whose accompaniment started in the period.' })
  peopleWelcomed!: CountType;

  @Field(() => CountType, { description: 'People accompanied at some point of the period.' })
  peopleAccompanied!: CountType;

  @Field(() => CountType, { description: 'People in active caseload on the last day of the period.' })
  activeCaseload!: CountType;

  @Field(() => CountType, { description: 'Exits in the period.' })
  exitsTotal!: CountType;

  @Field(() => CountType, { description: 'Exits for stabilisation.' })
  stabilisations!: CountType;

  @Field(() => CountType, { description: 'Exits for path evolution.' })
  pathEvolutions!: CountType;

  @Field(() => [ExitReasonCount], { description: 'Exits in the period, for every reason.' })
  exitsByReason!: ExitReasonCount[];
}

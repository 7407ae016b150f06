import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { CommitmentKind, CommitmentParty, CommitmentStatus, Theme } from './engagement.entity.js';
import type { ContractKind, ReductionReason, Track } from './engagement.rules.js';
import { CommitmentKindEnum, CommitmentPartyEnum, CommitmentStatusEnum, ContractKindEnum, ReductionReasonEnum, ThemeEnum, TrackEnum } from './engagement.type.js';

@InputType('ContractCommitmentInput', { description: 'A reciprocal commitment.' })
export class ContractCommitmentInput {
  @Field(() => ThemeEnum)
  theme!: Theme;

  @Field(() => CommitmentKindEnum)
  kind!: CommitmentKind;

  @Field(() => CommitmentPartyEnum)
  party!: CommitmentParty;

  @Field(() => String)
  description!: string;
}

@InputType('ContractActionInput', { description: 'An action of a contrat d’engagement: a directory service (with its hours and weeks) or a free action.' })
export class ContractActionInput {
  @Field(() => ID, { nullable: true, description: 'The directory service (Service id); null for a free action.' })
  serviceId?: string | null;

  @Field(() => String, { description: 'The service’s name, or the free action’s label.' })
  label!: string;

  @Field(() => Float, { description: 'Hours a week (more than 0, at most 48); for a service, its `volumeHoraireHebdomadaire`.' })
  weeklyHours!: number;

  @Field(() => Int, { description: 'Number of weeks (at least 1, at most the contract’s weeks); for a service, its `nombreSemaines`.' })
  weeks!: number;
}

@InputType('EngagementPlanInput', { description: 'What a contrat d’engagement adds to a contract: its track, actions (the planned weekly hours are computed from them), reduction of the 15 hours, review days.' })
export class EngagementPlanInput {
  @Field(() => TrackEnum, { description: 'The orientation track it follows.' })
  track!: Track;

  @Field(() => [ContractActionInput], { defaultValue: [] })
  actions!: ContractActionInput[];

  @Field(() => ReductionReasonEnum, { nullable: true, description: 'Below 15 hours a week: why (required to sign it).' })
  reductionReason?: ReductionReason | null;

  @Field(() => String, { nullable: true, description: 'Below 15 hours a week: the justification (required to sign it).' })
  reductionJustification?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'Planned review days (ISO), within the contract.' })
  reviewDates!: string[];
}

@InputType('CreateContractInput', { description: 'A new contract: a draft, or signed at once when `signedOn` is given.' })
export class CreateContractInput {
  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => ContractKindEnum)
  kind!: ContractKind;

  @Field(() => String, { description: 'First day (ISO).' })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'Last day (ISO); 6 months for a CER when omitted.' })
  endsOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Day of the signature (ISO), on or before the end: the contract is created signed, in the same transaction (refused if it overlaps another CER).',
  })
  signedOn?: string | null;

  @Field(() => ID, { nullable: true })
  accompanimentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The référent (user id); a référent creating a contract is its référent.' })
  referentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The operator (Partner id); an operator creating a contract is its operator.' })
  operatorId?: string | null;

  @Field(() => String, { nullable: true })
  territoryId?: string | null;

  @Field(() => [ContractCommitmentInput], { defaultValue: [] })
  commitments!: ContractCommitmentInput[];

  @Field(() => EngagementPlanInput, { nullable: true, description: 'Required for a contrat d’engagement, refused for the other kinds.' })
  plan?: EngagementPlanInput | null;
}

@InputType('ConvertCerInput', { description: 'The conversion of a CER in force into a contrat d’engagement, signed at once: the CER ends the day before it starts.' })
export class ConvertCerInput {
  @Field(() => ID, { description: 'The CER to convert (signed, in force on the new start).' })
  contractId!: string;

  @Field(() => String, { description: 'First day of the contrat d’engagement (ISO), after the CER’s first day and no later than the day after its last.' })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'Last day (ISO); 12 months when omitted.' })
  endsOn?: string | null;

  @Field(() => String, { description: 'Day of the signature (ISO).' })
  signedOn!: string;

  @Field(() => EngagementPlanInput)
  plan!: EngagementPlanInput;
}

@InputType('UpdateCommitmentInput', { description: 'Progress of a commitment.' })
export class UpdateCommitmentInput {
  @Field(() => ID)
  commitmentId!: string;

  @Field(() => CommitmentStatusEnum)
  status!: CommitmentStatus;

  @Field(() => String, { nullable: true })
  assessment?: string | null;
}

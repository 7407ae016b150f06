import { Field, ID, InputType } from 'type-graphql';
import type { CommitmentKind, CommitmentParty, CommitmentStatus, Theme } from './engagement.entity.js';
import type { ContractKind } from './engagement.rules.js';
import { CommitmentKindEnum, CommitmentPartyEnum, CommitmentStatusEnum, ContractKindEnum, ThemeEnum } from './engagement.type.js';

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

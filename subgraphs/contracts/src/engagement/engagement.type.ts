import { CountType } from '@passerelles/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { commitmentKinds, commitmentParties, commitmentStatuses, themes, type CommitmentKind, type CommitmentParty, type CommitmentStatus, type Theme } from './engagement.entity.js';
import type { ContractAccess } from './engagement.repository.js';
import { contractKinds, contractStatuses, reductionReasons, storedStatuses, tracks, type ContractKind, type ContractStatus, type ReductionReason, type StoredStatus, type Track } from './engagement.rules.js';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const ContractKindEnum = enumOf(contractKinds);
registerEnumType(ContractKindEnum, { name: 'ContractKind', description: 'CER (contrat d’engagements réciproques), CONTRAT_ENGAGEMENT (loi « plein emploi », since 2025), PPAE, CEJ or PACEA.' });
export const TrackEnum = enumOf(tracks);
registerEnumType(TrackEnum, { name: 'ContractTrack', description: 'The orientation track a contrat d’engagement follows: PRO (professional), SOCIO_PRO (socio-professional) or SOCIAL (social, remobilisation).' });
export const ReductionReasonEnum = enumOf(reductionReasons);
registerEnumType(ReductionReasonEnum, { name: 'HoursReductionReason', description: 'Why a contrat d’engagement plans fewer than 15 hours a week: HEALTH, DISABILITY, CHILDCARE (no childcare solution) or CARING (caring for a relative).' });
export const ContractStatusEnum = enumOf(contractStatuses);
registerEnumType(ContractStatusEnum, { name: 'ContractStatus', description: 'DRAFT, SIGNED (not started yet), ACTIVE, RENEWAL_REQUESTED, RENEWED, ENDED or CANCELLED.' });
export const StoredStatusEnum = enumOf(storedStatuses);
registerEnumType(StoredStatusEnum, { name: 'ContractRecordedStatus', description: 'A status as recorded by a decision (ACTIVE and the end by date are derived).' });
export const ThemeEnum = enumOf(themes);
registerEnumType(ThemeEnum, { name: 'CommitmentTheme', description: 'Theme of a commitment: health, mental health, addiction, housing, mobility, rights, employment…' });
export const CommitmentKindEnum = enumOf(commitmentKinds);
registerEnumType(CommitmentKindEnum, { name: 'CommitmentKind', description: 'OBJECTIVE (what is aimed at) or ACTION (what is done for it).' });
export const CommitmentPartyEnum = enumOf(commitmentParties);
registerEnumType(CommitmentPartyEnum, { name: 'CommitmentParty', description: 'Who commits: the person, the référent, the Département or a partner.' });
export const CommitmentStatusEnum = enumOf(commitmentStatuses);
registerEnumType(CommitmentStatusEnum, { name: 'CommitmentStatus', description: 'PLANNED, IN_PROGRESS, DONE or ABANDONED.' });

@ObjectType('ContractCommitment', { description: 'One reciprocal commitment of a contract.' })
export class ContractCommitmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => ThemeEnum)
  theme!: Theme;

  @Field(() => CommitmentKindEnum)
  kind!: CommitmentKind;

  @Field(() => CommitmentPartyEnum)
  party!: CommitmentParty;

  @Field(() => String)
  description!: string;

  @Field(() => CommitmentStatusEnum)
  status!: CommitmentStatus;

  @Field(() => String, { nullable: true, description: 'Assessment at the final review.' })
  assessment!: string | null;
}

@ObjectType('ContractAction', { description: 'An action of a contrat d’engagement: a service of the directory or a free action, hours a week × weeks.' })
export class ContractActionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The directory service (Service id), or null for a free action.' })
  serviceId!: string | null;

  @Field(() => String, { description: 'What the action is (the service’s name, or the free action’s label).' })
  label!: string;

  @Field(() => Float, { description: 'Hours a week.' })
  weeklyHours!: number;

  @Field(() => Int, { description: 'Number of weeks.' })
  weeks!: number;
}

@ObjectType('ContractStatusChange', { description: 'A step of a contract’s history.' })
export class ContractStatusChangeType {
  @Field(() => StoredStatusEnum)
  status!: StoredStatus;

  @Field(() => String, { description: 'Day of the decision (ISO).' })
  changedOn!: string;

  @Field(() => String, { description: 'User id of who recorded it.' })
  changedBy!: string;
}

@ObjectType('EngagementContract', { description: 'An engagement contract (CER, contrat d’engagement…) of a person: nominative, every read is audited.' })
@Directive('@key(fields: "id")')
export class EngagementContractType {
  @Field(() => ID)
  id!: string;

  @Field(() => ContractKindEnum)
  kind!: ContractKind;

  @Field(() => String, { description: 'First day (ISO).' })
  startsOn!: string;

  @Field(() => String, { description: 'Last day (ISO).' })
  endsOn!: string;

  @Field(() => ContractStatusEnum, { description: 'Status today.' })
  status!: ContractStatus;

  @Field(() => String, { nullable: true })
  signedOn!: string | null;

  @Field(() => String, { nullable: true })
  renewalRequestedOn!: string | null;

  @Field(() => String, { description: 'First day a renewal may be requested (month 5).' })
  renewalOpensOn!: string;

  @Field(() => ID, { nullable: true, description: 'The contract this one renews.' })
  renewedFromId!: string | null;

  @Field(() => String, { nullable: true, description: 'Final assessment, at the end.' })
  finalAssessment!: string | null;

  @Field(() => ID, { nullable: true, description: 'User id of the référent who follows it.' })
  referentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Operator (Partner id) that delivers the accompaniment.' })
  operatorId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Accompaniment (owned by beneficiaries) it belongs to.' })
  accompanimentId!: string | null;

  @Field(() => TrackEnum, { nullable: true, description: 'Contrat d’engagement: the orientation track it follows.' })
  track!: Track | null;

  @Field(() => Float, { nullable: true, description: 'Contrat d’engagement: planned hours of activity a week, computed from its actions (hours a week × weeks over the contract’s weeks).' })
  plannedWeeklyHours!: number | null;

  @Field(() => ReductionReasonEnum, { nullable: true, description: 'Contrat d’engagement: why fewer than 15 hours a week are planned.' })
  reductionReason!: ReductionReason | null;

  @Field(() => String, { nullable: true, description: 'Contrat d’engagement: the justification of the reduction.' })
  reductionJustification!: string | null;

  @Field(() => ID, { nullable: true, description: 'The CER this contrat d’engagement converts.' })
  convertedFromId!: string | null;

  @Field(() => ID, { nullable: true, description: 'On a converted CER: the contrat d’engagement it became.' })
  convertedToId!: string | null;
}

@ObjectType('ContractAlert', { description: 'A CER or contrat d’engagement that needs attention.' })
export class ContractAlertType {
  @Field(() => String, { description: 'ENDING_SOON (ends within 30 days, no renewal requested; CER or contrat d’engagement) or RENEWAL_NOT_REQUESTED (a CER past month 5).' })
  kind!: string;

  @Field(() => EngagementContractType)
  contract!: EngagementContractType;

  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => Int, { description: 'Days until the end.' })
  daysLeft!: number;
}

@ObjectType('ContractIndicators', { description: 'CER figures over a period; counts from 1 to 10 are suppressed for callers without exact rights.' })
export class ContractIndicatorsType {
  @Field(() => CountType, { description: 'CER signed in the period.' })
  cerSigned!: CountType;

  @Field(() => CountType, { description: 'CER in force on the last day of the period; NOT_PUBLISHED to callers without exact counts (with the CER signed, it would give those that ended).' })
  cerActive!: CountType;

  @Field(() => CountType, { description: 'CER signed in the period that renew a previous one.' })
  cerRenewed!: CountType;

  @Field(() => CountType, { description: 'Objectives of the CER in force during the period.' })
  objectives!: CountType;

  @Field(() => CountType, { description: 'Of which done.' })
  objectivesDone!: CountType;

  @Field(() => Int, { nullable: true, description: 'Share of objectives done, in percent (rounded); null when there are none or the counts are suppressed.' })
  objectivesDonePercent!: number | null;

  @Field(() => CountType, { description: 'Contrats d’engagement signed in the period.' })
  engagementSigned!: CountType;

  @Field(() => CountType, { description: 'Of which with fewer than 15 hours a week, for a justified reason (suppressed with the others, as a group).' })
  engagementReduced!: CountType;

  @Field(() => Float, { nullable: true, description: 'Median planned hours a week of the contrats d’engagement signed in the period; null when their count is suppressed or zero.' })
  engagementMedianWeeklyHours!: number | null;

  /** What was counted, for the fields computed on demand (`byTerritory`); not in the schema. */
  counted?: { access: ContractAccess; from: string; to: string };
}

@ObjectType('TerritoryContractIndicators', { description: 'CER figures of one territory over the period, suppressed across territories.' })
export class TerritoryContractIndicatorsType {
  @Field(() => ID)
  territoryId!: string;

  @Field(() => CountType, { description: 'CER signed in the period in this territory.' })
  cerSigned!: CountType;
}

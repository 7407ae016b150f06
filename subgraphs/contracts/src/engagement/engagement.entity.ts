import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ContractKind, ReductionReason, StoredStatus, Track } from './engagement.rules.js';

/**
 * An engagement contract (CER, contrat d'engagement, PPAE, CEJ, PACEA) of a person (`beneficiaryId`, owned by
 * beneficiaries), with the référent and operator who follow it, so that access rules apply here
 * without asking another subgraph.
 */
export const EngagementContractEntity = defineEntity({
  name: 'EngagementContract',
  tableName: 'engagement_contract',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    beneficiaryId: p.uuid(),
    accompanimentId: p.uuid().nullable(),
    referentId: p.string().nullable(),
    operatorId: p.uuid().nullable(),
    territoryId: p.string().nullable(),
    kind: p.string().$type<ContractKind>(),
    startsOn: p.date(),
    endsOn: p.date(),
    status: p.string().$type<StoredStatus>(),
    signedOn: p.date().nullable(),
    renewalRequestedOn: p.date().nullable(),
    renewedFromId: p.uuid().nullable(),
    finalAssessment: p.text().nullable(),
    /** Contrat d'engagement only: its orientation track, planned hours (computed) and reduction. */
    track: p.string().$type<Track>().nullable(),
    plannedWeeklyHours: p.decimal('number').precision(4).scale(1).nullable(),
    reductionReason: p.string().$type<ReductionReason>().nullable(),
    reductionJustification: p.text().nullable(),
    /** The CER this contrat d'engagement converts, and on the CER the contract it became. */
    convertedFromId: p.uuid().nullable(),
    convertedToId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type EngagementContract = InferEntity<typeof EngagementContractEntity>;

export const commitmentKinds = ['OBJECTIVE', 'ACTION'] as const;
export type CommitmentKind = (typeof commitmentKinds)[number];
export const commitmentParties = ['BENEFICIARY', 'REFERENT', 'DEPARTMENT', 'PARTNER'] as const;
export type CommitmentParty = (typeof commitmentParties)[number];
export const commitmentStatuses = ['PLANNED', 'IN_PROGRESS', 'DONE', 'ABANDONED'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];
export const themes = ['HEALTH', 'MENTAL_HEALTH', 'ADDICTION', 'HOUSING', 'MOBILITY', 'RIGHTS', 'EMPLOYMENT', 'TRAINING', 'FAMILY', 'BUDGET', 'DIGITAL', 'SOCIAL_LIFE', 'OTHER'] as const;
export type Theme = (typeof themes)[number];

/** One reciprocal commitment of a contract: an objective or an action, on a theme. */
export const ContractCommitmentEntity = defineEntity({
  name: 'ContractCommitment',
  tableName: 'contract_commitment',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    contractId: p.uuid(),
    position: p.smallint(),
    theme: p.string().$type<Theme>(),
    kind: p.string().$type<CommitmentKind>(),
    party: p.string().$type<CommitmentParty>(),
    description: p.text(),
    status: p.string().$type<CommitmentStatus>(),
    assessment: p.text().nullable(),
  },
});
export type ContractCommitment = InferEntity<typeof ContractCommitmentEntity>;

/** An action of a contrat d'engagement: a directory service (its id) or a free label, hours a week × weeks. */
export const ContractActionEntity = defineEntity({
  name: 'ContractAction',
  tableName: 'contract_action',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    contractId: p.uuid(),
    position: p.smallint(),
    serviceId: p.uuid().nullable(),
    label: p.text(),
    weeklyHours: p.decimal('number').precision(4).scale(1),
    weeks: p.smallint(),
  },
});
export type ContractAction = InferEntity<typeof ContractActionEntity>;

/** A planned review of a contract. */
export const ContractReviewEntity = defineEntity({
  name: 'ContractReview',
  tableName: 'contract_review',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    contractId: p.uuid(),
    plannedOn: p.date(),
  },
});
export type ContractReview = InferEntity<typeof ContractReviewEntity>;

/** Status history of a contract: who moved it, to what, when. */
export const ContractStatusChangeEntity = defineEntity({
  name: 'ContractStatusChange',
  tableName: 'contract_status_change',
  schema: 'contracts',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    departmentCode: p.string(),
    contractId: p.uuid(),
    status: p.string().$type<StoredStatus>(),
    changedOn: p.date(),
    changedBy: p.string(),
    changedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ContractStatusChange = InferEntity<typeof ContractStatusChangeEntity>;

import { MutationError, PageInfo } from '@passerelles/subgraph-kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrientationLead, OrientationSource, ReorientationDecision, ReorientationStatus } from './orientation.enums.js';

@ObjectType('OrientationTrack', { description: 'One of the three tracks a person is oriented to (loi pour le plein emploi): reference data.' })
export class OrientationTrackType {
  @Field(() => String, { description: 'PRO, SOCIO_PRO or SOCIAL: the values of `Beneficiary.orientationKind`.' })
  code!: string;

  @Field(() => String, { description: 'French label (« Professionnel », « Socio-professionnel », « Social (remobilisation) »).' })
  label!: string;

  @Field(() => String, { description: 'What the track is for, in French.' })
  description!: string;

  @Field(() => Int, { description: 'Order of display.' })
  position!: number;
}

@ObjectType('OrientationCriterion', { description: 'A criterion an orientation rests on (after the common criteria of the arrêté du 21 novembre 2024): reference data.' })
export class OrientationCriterionType {
  @Field(() => String, { description: 'Stable code (HEALTH, HOUSING, MOBILITY…).' })
  code!: string;

  @Field(() => String, { description: 'Group: EMPLOYMENT, QUALIFICATION, ASPIRATIONS or DIFFICULTIES.' })
  category!: string;

  @Field(() => String, { description: 'French label.' })
  label!: string;

  @Field(() => Int, { description: 'Order of display.' })
  position!: number;
}

@ObjectType('Orientation', { description: "One orientation decision in a person's history: dated, sourced, with its track and who leads the accompaniment." })
export class OrientationType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => OrientationLead, { description: 'Who leads the accompaniment (« structure référente »).' })
  leadKind!: OrientationLead;

  @Field(() => ID, { nullable: true, description: 'For a PARTNER lead: the partner (see `leadPartner`).' })
  leadPartnerId!: string | null;

  @Field(() => String, { description: 'Day decided (YYYY-MM-DD).' })
  decidedOn!: string;

  @Field(() => String, { nullable: true, description: 'Day the person was notified; null until then. The contrat d’engagement is due within a month of it.' })
  notifiedOn!: string | null;

  @Field(() => OrientationSource, { description: 'Where the decision comes from.' })
  source!: OrientationSource;

  @Field(() => String, { description: 'User id of whoever recorded it.' })
  recordedBy!: string;

  @Field(() => String, { nullable: true, description: 'For a reorientation: why.' })
  reason!: string | null;

  @Field(() => ID, { nullable: true, description: 'The orientation it replaced, if any.' })
  previousOrientationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The reorientation request it answers, if any.' })
  requestId!: string | null;
}

@ObjectType('ReorientationRequest', { description: "A référent's request to reorient a person, and the Département's answer." })
export class ReorientationRequestType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => ID, { nullable: true, description: 'The orientation in force when it was requested.' })
  orientationId!: string | null;

  @Field(() => String, { description: 'Why the référent asks for it.' })
  reason!: string;

  @Field(() => ReorientationStatus)
  status!: ReorientationStatus;

  @Field(() => String, { description: 'User id of the requester.' })
  requestedBy!: string;

  @Field(() => String, { description: 'Day requested (YYYY-MM-DD).' })
  requestedOn!: string;

  @Field(() => String, { nullable: true, description: 'Day answered or withdrawn.' })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The Département’s reason (required for a refusal).' })
  decisionReason!: string | null;

  @Field(() => ID, { nullable: true, description: 'For an accepted request: the orientation it gave.' })
  resultingOrientationId!: string | null;
}

@ObjectType('ReorientationRequestConnection', { description: 'A page of reorientation requests.' })
export class ReorientationRequestConnection {
  @Field(() => [ReorientationRequestType])
  nodes!: ReorientationRequestType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType('DecideOrientationInput', { description: "The Département's orientation decision for a person (a first one, or a reorientation with its reason)." })
export class DecideOrientationInput {
  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => String, { description: 'A track code (see `orientationTracks`).' })
  track!: string;

  @Field(() => OrientationLead)
  leadKind!: OrientationLead;

  @Field(() => ID, { nullable: true, description: 'Required for a PARTNER lead, refused otherwise.' })
  leadPartnerId?: string | null;

  @Field(() => [String], { description: 'Criteria codes (see `orientationCriteria`).' })
  criteria!: string[];

  @Field(() => String, { description: 'Day decided (YYYY-MM-DD), not in the future, not before the current orientation.' })
  decidedOn!: string;

  @Field(() => String, { nullable: true, description: 'Day notified, when already done (on or after the decision).' })
  notifiedOn?: string | null;

  @Field(() => OrientationSource, { nullable: true, description: 'DEPARTMENT (default) or FRANCE_TRAVAIL (IMPORT is for imports).' })
  source?: OrientationSource | null;

  @Field(() => String, { nullable: true, description: 'Why: required when the person already has an orientation.' })
  reason?: string | null;
}

@InputType('NotifyOrientationInput', { description: 'The day a person was notified of an orientation.' })
export class NotifyOrientationInput {
  @Field(() => ID)
  orientationId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, on or after the decision, not in the future.' })
  notifiedOn!: string;
}

@InputType('RequestReorientationInput', { description: 'A reorientation request by the person’s référent (or the operator running their accompaniment).' })
export class RequestReorientationInput {
  @Field(() => ID)
  beneficiaryId!: string;

  @Field(() => String, { description: 'The track proposed (see `orientationTracks`): not the current one.' })
  proposedTrack!: string;

  @Field(() => String, { description: 'Why (required).' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Day of the request (default: today).' })
  requestedOn?: string | null;
}

@InputType('DecideReorientationInput', { description: "The Département's answer to a reorientation request." })
export class DecideReorientationInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => ReorientationDecision)
  decision!: ReorientationDecision;

  @Field(() => String, { description: 'Day of the decision (YYYY-MM-DD), on or after the request, not in the future.' })
  decidedOn!: string;

  @Field(() => String, { nullable: true, description: 'Why: required for a refusal.' })
  reason?: string | null;

  @Field(() => OrientationLead, { nullable: true, description: 'ACCEPTED: who leads the new accompaniment (required).' })
  leadKind?: OrientationLead | null;

  @Field(() => ID, { nullable: true, description: 'ACCEPTED with a PARTNER lead: the partner.' })
  leadPartnerId?: string | null;

  @Field(() => [String], { nullable: true, description: 'ACCEPTED: the criteria codes of the new orientation.' })
  criteria?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ACCEPTED: the day the person was notified, when already done.' })
  notifiedOn?: string | null;
}

@ObjectType('OrientationResult', { description: 'Outcome of an orientation decision or notification.' })
export class OrientationResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => OrientationType, { nullable: true })
  orientation!: OrientationType | null;
}

@ObjectType('ReorientationRequestResult', { description: 'Outcome of a change to a reorientation request.' })
export class ReorientationRequestResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => ReorientationRequestType, { nullable: true })
  request!: ReorientationRequestType | null;
}

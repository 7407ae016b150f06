import { Can, refusalOf, type MutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { beneficiaryById } from '../beneficiary/beneficiary.service.js';
import { BeneficiaryType } from '../beneficiary/beneficiary.type.js';
import { PartnerType } from '../partner/partner.type.js';
import { ReorientationStatus } from './orientation.enums.js';
import type { OrientationRecord, ReorientationRequestRecord } from './orientation.record.js';
import {
  criteriaOf,
  decideOrientation,
  decideReorientation,
  mayDecide,
  mayDecideFor,
  mayRequestFor,
  mayWithdraw,
  notifyOrientation,
  orientationCriteria,
  orientationsOf,
  orientationTracks,
  reorientationRequests,
  requestReorientation,
  requestsOf,
  trackOf,
  withdrawReorientation,
} from './orientation.service.js';
import {
  DecideOrientationInput,
  DecideReorientationInput,
  NotifyOrientationInput,
  OrientationCriterionType,
  OrientationResultType,
  OrientationTrackType,
  OrientationType,
  ReorientationRequestConnection,
  ReorientationRequestResultType,
  ReorientationRequestType,
  RequestReorientationInput,
} from './orientation.type.js';

/** Runs a change: its value, or the refusal the caller can act on (anything else stays a GraphQL error). */
async function outcome<T>(change: () => Promise<T>): Promise<{ ok: true; error: null; value: T } | { ok: false; error: MutationError; value: null }> {
  try {
    return { ok: true, error: null, value: await change() };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { ok: false, error: refusal, value: null };
  }
}

const orientationResult = async (change: () => Promise<OrientationRecord>): Promise<OrientationResultType> => {
  const o = await outcome(change);
  return { ok: o.ok, error: o.error, orientation: o.value };
};
const requestResult = async (change: () => Promise<ReorientationRequestRecord>): Promise<ReorientationRequestResultType> => {
  const o = await outcome(change);
  return { ok: o.ok, error: o.error, request: o.value };
};

@Resolver(() => OrientationType)
export class OrientationResolver {
  @Query(() => [OrientationTrackType], { description: 'The three orientation tracks (reference data).' })
  orientationTracks(@Ctx() ctx: SubgraphContext): Promise<OrientationTrackType[]> {
    return orientationTracks(ctx);
  }

  @Query(() => [OrientationCriterionType], { description: 'The orientation criteria (reference data, after the arrêté du 21 novembre 2024).' })
  orientationCriteria(@Ctx() ctx: SubgraphContext): Promise<OrientationCriterionType[]> {
    return orientationCriteria(ctx);
  }

  @Mutation(() => OrientationResultType, { description: "The Département's orientation decision for a person: a first orientation, or a reorientation with its reason." })
  @Can('orientation:decide')
  decideOrientation(@Ctx() ctx: SubgraphContext, @Arg('input', () => DecideOrientationInput) input: DecideOrientationInput): Promise<OrientationResultType> {
    return orientationResult(() => decideOrientation(ctx, input));
  }

  @Mutation(() => OrientationResultType, { description: 'Records the day the person was notified of an orientation.' })
  @Can('orientation:decide')
  notifyOrientation(@Ctx() ctx: SubgraphContext, @Arg('input', () => NotifyOrientationInput) input: NotifyOrientationInput): Promise<OrientationResultType> {
    return orientationResult(() => notifyOrientation(ctx, input));
  }

  @FieldResolver(() => OrientationTrackType, { description: 'The track.' })
  track(@Root() o: OrientationRecord, @Ctx() ctx: SubgraphContext): Promise<OrientationTrackType> {
    return trackOf(ctx, o.track);
  }

  @FieldResolver(() => [OrientationCriterionType], { description: 'The criteria the decision rests on.' })
  criteria(@Root() o: OrientationRecord, @Ctx() ctx: SubgraphContext): Promise<OrientationCriterionType[]> {
    return criteriaOf(ctx, o.criteria);
  }

  @FieldResolver(() => PartnerType, { nullable: true, description: 'For a PARTNER lead: the partner (its name comes from partners).' })
  leadPartner(@Root() o: OrientationRecord): PartnerType | null {
    return o.leadPartnerId ? { id: o.leadPartnerId } : null;
  }
}

@Resolver(() => ReorientationRequestType)
export class ReorientationRequestResolver {
  @Query(() => ReorientationRequestConnection, {
    description:
      'Reorientation requests: for an administrator the Département’s, for a référent or an operator those on the people they follow; waiting ones unless `statuses` says otherwise, the longest waiting first. Nominative: each page is audited.',
  })
  @Can('orientation:readRequests')
  reorientationRequests(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('statuses', () => [ReorientationStatus], { nullable: true, description: 'Default: REQUESTED.' }) statuses: ReorientationStatus[] | null,
  ): Promise<ReorientationRequestConnection> {
    return reorientationRequests(ctx, { first, after, statuses });
  }

  @Mutation(() => ReorientationRequestResultType, { description: 'A reorientation request, with its reason and the track proposed (the person’s référent, or the operator running their accompaniment).' })
  @Can('orientation:request')
  requestReorientation(@Ctx() ctx: SubgraphContext, @Arg('input', () => RequestReorientationInput) input: RequestReorientationInput): Promise<ReorientationRequestResultType> {
    return requestResult(() => requestReorientation(ctx, input));
  }

  @Mutation(() => ReorientationRequestResultType, { description: "The Département's answer to a waiting request: ACCEPTED (writes the new orientation) or REFUSED (with its reason)." })
  @Can('orientation:decide')
  decideReorientation(@Ctx() ctx: SubgraphContext, @Arg('input', () => DecideReorientationInput) input: DecideReorientationInput): Promise<ReorientationRequestResultType> {
    return requestResult(() => decideReorientation(ctx, input));
  }

  @Mutation(() => ReorientationRequestResultType, { description: 'Its requester withdraws a request still waiting.' })
  @Can('orientation:request')
  withdrawReorientation(@Ctx() ctx: SubgraphContext, @Arg('requestId', () => ID) requestId: string): Promise<ReorientationRequestResultType> {
    return requestResult(() => withdrawReorientation(ctx, requestId));
  }

  @FieldResolver(() => OrientationTrackType, { description: 'The track proposed.' })
  proposedTrack(@Root() r: ReorientationRequestRecord, @Ctx() ctx: SubgraphContext): Promise<OrientationTrackType> {
    return trackOf(ctx, r.proposedTrack);
  }

  @FieldResolver(() => BeneficiaryType, { nullable: true, description: 'The person, for those who may read them; each read is audited.' })
  beneficiary(@Root() r: ReorientationRequestRecord, @Ctx() ctx: SubgraphContext): Promise<BeneficiaryRecord | null> {
    return beneficiaryById(ctx, r.beneficiaryId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may answer it (the catalogue’s `orientation:decide`, while it waits). Screens show the decision form from it.' })
  viewerCanDecide(@Root() r: ReorientationRequestRecord, @Ctx() ctx: SubgraphContext): boolean {
    return mayDecide(ctx, r);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may withdraw it (its requester, while it waits).' })
  viewerCanWithdraw(@Root() r: ReorientationRequestRecord, @Ctx() ctx: SubgraphContext): boolean {
    return mayWithdraw(ctx, r);
  }
}

@Resolver(() => BeneficiaryType)
export class BeneficiaryOrientationResolver {
  @FieldResolver(() => [OrientationType], { description: "The person's orientations, newest first (the first is the current one)." })
  orientations(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<OrientationRecord[]> {
    return orientationsOf(ctx, b.id);
  }

  @FieldResolver(() => OrientationType, { nullable: true, description: 'The current orientation: the latest decided. Null when none was recorded here.' })
  async currentOrientation(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<OrientationRecord | null> {
    return (await orientationsOf(ctx, b.id))[0] ?? null;
  }

  @FieldResolver(() => [ReorientationRequestType], { description: "The person's reorientation requests, newest first (empty for roles that do not read requests)." })
  reorientationRequests(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<ReorientationRequestRecord[]> {
    return requestsOf(ctx, b.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may request a reorientation for this person (the catalogue’s `orientation:request` on one of their accompaniments in progress).' })
  viewerCanRequestReorientation(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return mayRequestFor(ctx, b);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may decide this person’s orientation (the catalogue’s `orientation:decide`).' })
  viewerCanDecideOrientation(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): boolean {
    return mayDecideFor(ctx, b);
  }
}

import { Can, mutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { appointmentsOf, nextAppointmentOf } from '../appointment/appointment.service.js';
import { AppointmentType } from '../appointment/appointment.type.js';
import { toAccompanimentType } from '../beneficiary/beneficiary.resolver.js';
import { referralsOf } from '../referral/referral.service.js';
import { ReferralType } from '../referral/referral.type.js';
import { PrescribeAccompanimentInput, RecordExitInput, ValidateOrientationInput } from './accompaniment.input.js';
import type { AccompanimentRecord } from './accompaniment.record.js';
import { prescribeAccompaniment, recordExit, validateOrientation } from './accompaniment.service.js';
import { AccompanimentResultType, AccompanimentType, TimelineEventType } from './accompaniment.type.js';
import { timelineOf } from './timeline.js';
import type { Outcome } from './lifecycle.js';

const toResult = (outcome: Outcome<AccompanimentRecord>): AccompanimentResultType =>
  outcome.ok
    ? { ok: true, error: null, accompaniment: toAccompanimentType(outcome.value) }
    : { ok: false, error: mutationError(outcome), accompaniment: null };

@Resolver(() => AccompanimentType)
export class AccompanimentResolver {
  @Mutation(() => AccompanimentResultType, { description: 'Prescribes an accompaniment in a programme (one open accompaniment per person and programme).' })
  @Can('accompaniment:prescribe')
  async prescribeAccompaniment(@Ctx() ctx: SubgraphContext, @Arg('input', () => PrescribeAccompanimentInput) input: PrescribeAccompanimentInput): Promise<AccompanimentResultType> {
    return toResult(await prescribeAccompaniment(ctx, input));
  }

  @Mutation(() => AccompanimentResultType, { description: 'Validates the orientation of a prescribed accompaniment (administrators).' })
  @Can('accompaniment:validate')
  async validateOrientation(@Ctx() ctx: SubgraphContext, @Arg('input', () => ValidateOrientationInput) input: ValidateOrientationInput): Promise<AccompanimentResultType> {
    return toResult(await validateOrientation(ctx, input));
  }

  @Mutation(() => AccompanimentResultType, { description: 'Records the exit of a started accompaniment, with its reason.' })
  @Can('exit:record')
  async recordExit(@Ctx() ctx: SubgraphContext, @Arg('input', () => RecordExitInput) input: RecordExitInput): Promise<AccompanimentResultType> {
    return toResult(await recordExit(ctx, input));
  }

  @FieldResolver(() => [AppointmentType], { description: 'Appointments, oldest first.' })
  appointments(@Root() a: AccompanimentType, @Ctx() ctx: SubgraphContext): Promise<AppointmentType[]> {
    return appointmentsOf(ctx, a.id);
  }

  @FieldResolver(() => AppointmentType, { nullable: true, description: 'The next planned appointment, today or later.' })
  nextAppointment(@Root() a: AccompanimentType, @Ctx() ctx: SubgraphContext): Promise<AppointmentType | null> {
    return nextAppointmentOf(ctx, a.id);
  }

  @FieldResolver(() => [ReferralType], { description: 'Referrals to partners made in this accompaniment.' })
  referrals(@Root() a: AccompanimentType, @Ctx() ctx: SubgraphContext): Promise<ReferralType[]> {
    return referralsOf(ctx, a.id);
  }

  @FieldResolver(() => [TimelineEventType], { description: 'Every dated event of the accompaniment, in order.' })
  async timeline(@Root() a: AccompanimentType, @Ctx() ctx: SubgraphContext): Promise<TimelineEventType[]> {
    return timelineOf(a, await appointmentsOf(ctx, a.id), await referralsOf(ctx, a.id));
  }
}

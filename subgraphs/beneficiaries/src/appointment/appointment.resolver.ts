import { Can, mutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { recordAppointment } from './appointment.service.js';
import { AppointmentResultType, AppointmentType, RecordAppointmentInput } from './appointment.type.js';

@Resolver(() => AppointmentType)
export class AppointmentResolver {
  @Mutation(() => AppointmentResultType, { description: 'Records an appointment or its new status; a first interview held starts the accompaniment.' })
  @Can('appointment:record')
  async recordAppointment(@Ctx() ctx: SubgraphContext, @Arg('input', () => RecordAppointmentInput) input: RecordAppointmentInput): Promise<AppointmentResultType> {
    const outcome = await recordAppointment(ctx, input);
    return outcome.ok ? { ok: true, error: null, appointment: outcome.value } : { ok: false, error: mutationError(outcome), appointment: null };
  }
}

import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationError } from '@passerelles/subgraph-kit';
import { AppointmentKind, AppointmentStatus } from '../accompaniment/accompaniment.enums.js';

@ObjectType('Appointment', { description: 'An appointment of an accompaniment.' })
export class AppointmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The accompaniment it belongs to.' })
  accompanimentId!: string;

  @Field(() => AppointmentKind)
  kind!: AppointmentKind;

  @Field(() => String, { description: 'Day (YYYY-MM-DD).' })
  scheduledOn!: string;

  @Field(() => AppointmentStatus)
  status!: AppointmentStatus;
}

@InputType('RecordAppointmentInput', { description: 'A new appointment, or a new status for an existing one (`appointmentId`).' })
export class RecordAppointmentInput {
  @Field(() => ID)
  accompanimentId!: string;

  @Field(() => ID, { nullable: true, description: 'An existing appointment of this accompaniment whose status changes.' })
  appointmentId?: string | null;

  @Field(() => AppointmentKind)
  kind!: AppointmentKind;

  @Field(() => String, { description: 'Day (YYYY-MM-DD), on or after the validation.' })
  scheduledOn!: string;

  @Field(() => AppointmentStatus)
  status!: AppointmentStatus;
}

@ObjectType('AppointmentResult', { description: 'Outcome of recording an appointment.' })
export class AppointmentResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => AppointmentType, { nullable: true })
  appointment!: AppointmentType | null;
}

import { assertCan, recordAccess, todayIso, type SubgraphContext } from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { AppointmentKind, AppointmentStatus, LifecycleErrorCode } from '../accompaniment/accompaniment.enums.js';
import { actionableAccompaniment } from '../accompaniment/accompaniment.service.js';
import { done, notFound, refuse, validDate, type Outcome } from '../accompaniment/lifecycle.js';
import { AppointmentEntity } from './appointment.entity.js';
import { AppointmentRepository, type AppointmentRecord } from './appointment.repository.js';
import type { RecordAppointmentInput } from './appointment.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records an appointment (or a new status for one). Rules: the orientation is validated, the
 * accompaniment has not ended, the day is on or after the validation; intermediate and final
 * review appointments come after the start. A first interview held starts the accompaniment; a
 * final review held sets the final review day.
 */
export async function recordAppointment(ctx: SubgraphContext, input: RecordAppointmentInput): Promise<Outcome<AppointmentRecord>> {
  assertCan(ctx.caller, 'appointment:record');
  const a = await actionableAccompaniment(ctx, input.accompanimentId);
  if (!a) return notFound('Accompaniment');
  const day = validDate(input.scheduledOn, 'scheduledOn');
  if (!day) return refuse(LifecycleErrorCode.INVALID_DATE, 'scheduledOn must be a date as YYYY-MM-DD.', 'scheduledOn');
  if (a.endedOn) return refuse(LifecycleErrorCode.ALREADY_ENDED, 'This accompaniment has ended.');
  if (!a.validatedOn) return refuse(LifecycleErrorCode.NOT_VALIDATED, 'The orientation must be validated before any appointment.');
  if (day < a.validatedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'An appointment cannot precede the validation.');
  const needsStart = input.kind === AppointmentKind.INTERMEDIATE || input.kind === AppointmentKind.FINAL_REVIEW;
  if (needsStart && !a.startedOn) return refuse(LifecycleErrorCode.NOT_STARTED, 'Intermediate interviews and the final review come after the first interview.');
  if (needsStart && a.startedOn && day < a.startedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'This appointment cannot precede the first interview.');
  if (input.kind === AppointmentKind.FINAL_REVIEW && input.status === AppointmentStatus.HONOURED && a.finalReviewOn) {
    return refuse(LifecycleErrorCode.INVALID_TRANSITION, 'The final review has already been held.');
  }

  const department = a.departmentCode;
  const repository = new AppointmentRepository(ctx.em);
  let id = input.appointmentId ?? null;
  if (id) {
    const existing = UUID.test(id) ? await repository.byId(department, id) : undefined;
    if (!existing || existing.accompanimentId !== a.id) return notFound('Appointment');
    if (existing.status !== AppointmentStatus.PLANNED) return refuse(LifecycleErrorCode.INVALID_TRANSITION, `This appointment is already ${existing.status}.`);
    await ctx.em.execute(`update beneficiaries.appointment set status = ?, scheduled_on = ?, kind = ? where department_code = ? and id = ?`, [input.status, day, input.kind, department, id]);
  } else {
    id = randomUUID();
    ctx.em.create(AppointmentEntity, {
      id,
      departmentCode: department,
      accompanimentId: a.id,
      beneficiaryId: a.beneficiaryId,
      kind: input.kind,
      scheduledOn: day,
      status: input.status,
      createdAt: new Date(),
    });
    await ctx.em.flush();
  }
  if (input.status === AppointmentStatus.HONOURED && input.kind === AppointmentKind.FIRST) {
    // The accompaniment starts at the first interview held (the earliest one, when it spans two).
    await ctx.em.execute(`update beneficiaries.accompaniment set started_on = least(coalesce(started_on, ?::date), ?::date) where department_code = ? and id = ?`, [day, day, department, a.id]);
  }
  if (input.status === AppointmentStatus.HONOURED && input.kind === AppointmentKind.FINAL_REVIEW) {
    await ctx.em.execute(`update beneficiaries.accompaniment set final_review_on = ? where department_code = ? and id = ?`, [day, department, a.id]);
  }
  await recordAccess(ctx, { operation: input.appointmentId ? 'UPDATE' : 'CREATE', recordType: 'Appointment', recordIds: [id] });
  const saved = await repository.byId(department, id);
  if (!saved) throw new Error(`appointment ${id} vanished`);
  return done(saved);
}

const appointmentsByAccompaniment = Symbol('appointmentsByAccompaniment');

/** Appointments of an accompaniment the caller already reads (batched per request). */
export function appointmentsOf(ctx: SubgraphContext, accompanimentId: string): Promise<AppointmentRecord[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, AppointmentRecord[]>(appointmentsByAccompaniment, async (ids) => {
      const rows = await new AppointmentRepository(ctx.em).byAccompaniments(department, ids);
      return ids.map((id) => rows.filter((r) => r.accompanimentId === id));
    })
    .load(accompanimentId);
}

/** The next planned appointment of an accompaniment (today or later), from the batched appointments. */
export async function nextAppointmentOf(ctx: SubgraphContext, accompanimentId: string): Promise<AppointmentRecord | null> {
  const today = todayIso();
  return (await appointmentsOf(ctx, accompanimentId)).find((a) => a.status === AppointmentStatus.PLANNED && a.scheduledOn >= today) ?? null;
}

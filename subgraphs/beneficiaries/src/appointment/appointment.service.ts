import { assertCan, recordAccess, todayIso, type SubgraphContext } from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { AppointmentKind, AppointmentStatus, LifecycleErrorCode } from '../accompaniment/accompaniment.enums.js';
import { AccompanimentRepository } from '../accompaniment/accompaniment.repository.js';
import { actionableAccompaniment } from '../accompaniment/accompaniment.service.js';
import { done, notFound, refuse, validDate, type Outcome } from '../accompaniment/lifecycle.js';
import { AppointmentEntity } from './appointment.entity.js';
import { AppointmentRepository, type AppointmentRecord } from './appointment.repository.js';
import type { RecordAppointmentInput } from './appointment.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Outcomes an appointment is closed with once its day has come. */
const OUTCOMES: readonly AppointmentStatus[] = [AppointmentStatus.HONOURED, AppointmentStatus.MISSED, AppointmentStatus.EXCUSED];

/**
 * Records an appointment, or changes one (`appointmentId`: another day while it is planned, its
 * outcome, or its cancellation). Rules:
 * - the orientation is validated, the day is on or after the validation; intermediate and final
 *   review appointments come after the start;
 * - a new appointment is planned for today or later, and only while the accompaniment goes on;
 *   after the exit, only the outcome of an appointment dated on or before the exit can be recorded;
 * - an outcome (honoured, missed, excused) is recorded from the appointment's day on, never before;
 * - one first interview per accompaniment: another can be planned only after one was missed or
 *   excused (or cancelled);
 * - only a planned appointment changes; a cancelled or closed one stays as it is.
 * A first interview held starts the accompaniment; a final review held sets the final review day.
 * Under a lock on the accompaniment, so that two first interviews recorded at once cannot both pass.
 */
export async function recordAppointment(ctx: SubgraphContext, input: RecordAppointmentInput, today = todayIso()): Promise<Outcome<AppointmentRecord>> {
  assertCan(ctx.caller, 'appointment:record');
  const found = await actionableAccompaniment(ctx, input.accompanimentId);
  if (!found) return notFound('Accompaniment');
  const day = validDate(input.scheduledOn, 'scheduledOn');
  if (!day) return refuse(LifecycleErrorCode.INVALID_DATE, 'scheduledOn must be a date as YYYY-MM-DD.', 'scheduledOn');
  const changing = input.appointmentId ?? null;
  if (changing !== null && !UUID.test(changing)) return notFound('Appointment');
  if (!changing && input.status !== AppointmentStatus.PLANNED && !OUTCOMES.includes(input.status)) {
    return refuse(LifecycleErrorCode.INVALID_TRANSITION, 'Only a planned appointment can be cancelled.', 'status');
  }
  if (OUTCOMES.includes(input.status) && day > today) return refuse(LifecycleErrorCode.OUTCOME_IN_FUTURE, 'How an appointment went is recorded from its day on.', 'status');

  const department = found.departmentCode;
  const outcome = await ctx.em.transactional(async (em): Promise<Outcome<string>> => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`appointment:${found.id}`]);
    const a = (await new AccompanimentRepository(em).byId(department, found.id)) ?? found;
    if (!a.validatedOn) return refuse(LifecycleErrorCode.NOT_VALIDATED, 'The orientation must be validated before any appointment.');
    if (day < a.validatedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'An appointment cannot precede the validation.', 'scheduledOn');
    const needsStart = input.kind === AppointmentKind.INTERMEDIATE || input.kind === AppointmentKind.FINAL_REVIEW;
    if (needsStart && !a.startedOn) return refuse(LifecycleErrorCode.NOT_STARTED, 'Intermediate interviews and the final review come after the first interview.');
    if (needsStart && a.startedOn && day < a.startedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'This appointment cannot precede the first interview.', 'scheduledOn');
    if (input.kind === AppointmentKind.FINAL_REVIEW && input.status === AppointmentStatus.HONOURED && a.finalReviewOn) {
      return refuse(LifecycleErrorCode.INVALID_TRANSITION, 'The final review has already been held.');
    }
    const repository = new AppointmentRepository(em);
    const existing = changing ? await repository.byId(department, changing) : undefined;
    if (changing && (!existing || existing.accompanimentId !== a.id)) return notFound('Appointment');
    if (existing && existing.status !== AppointmentStatus.PLANNED) return refuse(LifecycleErrorCode.INVALID_TRANSITION, `This appointment is already ${existing.status}.`);
    if (a.endedOn) {
      // After the exit: only how an appointment of the accompaniment went, on or before the exit.
      if (!existing || !OUTCOMES.includes(input.status) || day > a.endedOn) return refuse(LifecycleErrorCode.ALREADY_ENDED, 'This accompaniment has ended.');
    } else if (input.status === AppointmentStatus.PLANNED && day < today && (!existing || existing.scheduledOn !== day)) {
      return refuse(LifecycleErrorCode.PLANNED_IN_PAST, 'An appointment is planned for today or later; record how a past one went instead.', 'scheduledOn');
    }
    if (input.kind === AppointmentKind.FIRST && input.status !== AppointmentStatus.CANCELLED) {
      const others = (await repository.byAccompaniments(department, [a.id])).filter((x) => x.id !== existing?.id && x.kind === AppointmentKind.FIRST);
      if (others.some((x) => x.status === AppointmentStatus.HONOURED || x.status === AppointmentStatus.PLANNED)) {
        return refuse(LifecycleErrorCode.FIRST_INTERVIEW_EXISTS, 'This accompaniment already has its first interview, held or planned.', 'kind');
      }
    }

    const id = existing?.id ?? randomUUID();
    if (existing) {
      await em.execute(`update beneficiaries.appointment set status = ?, scheduled_on = ?, kind = ? where department_code = ? and id = ?`, [input.status, day, input.kind, department, id]);
    } else {
      em.create(AppointmentEntity, { id, departmentCode: department, accompanimentId: a.id, beneficiaryId: a.beneficiaryId, kind: input.kind, scheduledOn: day, status: input.status, createdAt: new Date() });
      await em.flush();
    }
    if (input.status === AppointmentStatus.HONOURED && input.kind === AppointmentKind.FIRST) {
      // The accompaniment starts at the first interview held.
      await em.execute(`update beneficiaries.accompaniment set started_on = least(coalesce(started_on, ?::date), ?::date) where department_code = ? and id = ?`, [day, day, department, a.id]);
    }
    if (input.status === AppointmentStatus.HONOURED && input.kind === AppointmentKind.FINAL_REVIEW) {
      await em.execute(`update beneficiaries.accompaniment set final_review_on = ? where department_code = ? and id = ?`, [day, department, a.id]);
    }
    return done(id);
  });
  if (!outcome.ok) return outcome;
  await recordAccess(ctx, { operation: changing ? 'UPDATE' : 'CREATE', recordType: 'Appointment', recordIds: [outcome.value] });
  const saved = await new AppointmentRepository(ctx.em).byId(department, outcome.value);
  if (!saved) throw new Error(`appointment ${outcome.value} vanished`);
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

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ACCOMPANIMENT_CLOSED, assertCan, enqueueEvent, kickOutbox, recordAccess, roleMay, scopeAllows, scopeOf, scopeSql, todayIso, type AccompanimentClosed, type OutboxEvent, type SubgraphContext } from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { ExitReason, LifecycleErrorCode } from './accompaniment.enums.js';
import { AccompanimentEntity } from './accompaniment.entity.js';
import type { PrescribeAccompanimentInput, RecordExitInput, ValidateOrientationInput } from './accompaniment.input.js';
import type { AccompanimentRecord } from './accompaniment.record.js';
import { AccompanimentRepository } from './accompaniment.repository.js';
import { done, mayActOn, notFound, refuse, validDate, type Outcome } from './lifecycle.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function reload(ctx: SubgraphContext, id: string): Promise<AccompanimentRecord> {
  const a = await new AccompanimentRepository(ctx.em).byId(ctx.caller.departmentCode, id);
  if (!a) throw new Error(`accompaniment ${id} vanished`);
  return a;
}

/** An accompaniment the caller may act on, or null (not found, or not theirs: indistinguishable). */
export async function actionableAccompaniment(ctx: SubgraphContext, id: string): Promise<AccompanimentRecord | null> {
  if (!UUID.test(id)) return null;
  const a = await new AccompanimentRepository(ctx.em).byId(ctx.caller.departmentCode, id);
  return a && mayActOn(ctx.caller, a) ? a : null;
}

/**
 * Prescribes an accompaniment. Administrators, référents and prescribers may; the person must be
 * of the caller's Département and have no open accompaniment in the same programme.
 */
export async function prescribeAccompaniment(ctx: SubgraphContext, input: PrescribeAccompanimentInput): Promise<Outcome<AccompanimentRecord>> {
  const reach = assertCan(ctx.caller, 'accompaniment:prescribe')!;
  const prescribedOn = validDate(input.prescribedOn, 'prescribedOn');
  if (!prescribedOn) return refuse(LifecycleErrorCode.INVALID_DATE, 'prescribedOn must be a date as YYYY-MM-DD.', 'prescribedOn');
  for (const [name, value] of [['beneficiaryId', input.beneficiaryId], ['programmeId', input.programmeId], ['operatorId', input.operatorId], ['conventionId', input.conventionId]] as const) {
    if (value !== null && value !== undefined && !UUID.test(value)) return notFound(name.replace(/Id$/, ''));
  }
  const department = ctx.caller.departmentCode;
  const within = scopeSql(reach, { department: 'department_code', territory: 'territory_id' });
  const people = await ctx.em.execute<{ territoryId: string | null }[]>(
    `select territory_id as "territoryId" from beneficiaries.beneficiary where ${within.sql} and id = ?`,
    [...within.params, input.beneficiaryId],
  );
  const person = people[0];
  if (!person) return notFound('Person');
  const repository = new AccompanimentRepository(ctx.em);
  if (await repository.hasOpen(department, input.beneficiaryId, input.programmeId)) {
    return refuse(LifecycleErrorCode.ALREADY_OPEN_IN_PROGRAMME, 'This person already has an open accompaniment in this programme.');
  }
  const id = randomUUID();
  try {
    ctx.em.create(AccompanimentEntity, {
      id,
      departmentCode: department,
      beneficiaryId: input.beneficiaryId,
      programmeId: input.programmeId,
      operatorId: input.operatorId,
      conventionId: input.conventionId ?? null,
      territoryId: person.territoryId,
      referentId: input.referentId ?? (ctx.caller.role === 'REFERENT' ? ctx.caller.userId : null),
      prescriberId: ctx.caller.userId,
      prescribedOn,
      createdAt: new Date(),
    });
    await ctx.em.flush();
  } catch (error) {
    // Two prescriptions at once: the unique index keeps one open accompaniment per programme.
    if (error instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      return refuse(LifecycleErrorCode.ALREADY_OPEN_IN_PROGRAMME, 'This person already has an open accompaniment in this programme.');
    }
    throw error;
  }
  await recordAccess(ctx, { operation: 'CREATE', recordType: 'Accompaniment', recordIds: [id] });
  return done(await reload(ctx, id));
}

/** Validates the orientation (administrators: the SLAI's decision), optionally naming the référent. */
export async function validateOrientation(ctx: SubgraphContext, input: ValidateOrientationInput): Promise<Outcome<AccompanimentRecord>> {
  assertCan(ctx.caller, 'accompaniment:validate');
  const a = await actionableAccompaniment(ctx, input.accompanimentId);
  if (!a) return notFound('Accompaniment');
  const validatedOn = validDate(input.validatedOn, 'validatedOn');
  if (!validatedOn) return refuse(LifecycleErrorCode.INVALID_DATE, 'validatedOn must be a date as YYYY-MM-DD.', 'validatedOn');
  if (a.endedOn) return refuse(LifecycleErrorCode.ALREADY_ENDED, 'This accompaniment has ended.');
  if (a.validatedOn) return refuse(LifecycleErrorCode.ALREADY_VALIDATED, 'This orientation is already validated.');
  if (validatedOn < a.prescribedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'The validation cannot precede the prescription.');
  await ctx.em.execute(`update beneficiaries.accompaniment set validated_on = ?, referent_id = coalesce(?, referent_id) where department_code = ? and id = ?`, [
    validatedOn,
    input.referentId ?? null,
    a.departmentCode,
    a.id,
  ]);
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'Accompaniment', recordIds: [a.id] });
  return done(await reload(ctx, a.id));
}

/**
 * Records the exit: only after a start, never twice, on or after the start and the final review,
 * with a sub-reason exactly for FINANCIAL_CHANGE. Appointments on or before the exit day must have
 * their outcome first (OPEN_APPOINTMENTS); those planned after it are cancelled with the exit, in
 * one transaction. The accompaniment then takes no new appointment nor referral. The contract in
 * force belongs to the contracts subgraph: the same transaction writes the event that tells it
 * (`accompaniment-closed`, delivered by the outbox relay, ADR 0021), and contracts ends it on the
 * exit day and takes no new contract for this accompaniment.
 */
export async function recordExit(ctx: SubgraphContext, input: RecordExitInput): Promise<Outcome<AccompanimentRecord>> {
  assertCan(ctx.caller, 'exit:record');
  const a = await actionableAccompaniment(ctx, input.accompanimentId);
  if (!a) return notFound('Accompaniment');
  const endedOn = validDate(input.endedOn, 'endedOn');
  if (!endedOn) return refuse(LifecycleErrorCode.INVALID_DATE, 'endedOn must be a date as YYYY-MM-DD.', 'endedOn');
  if (a.endedOn) return refuse(LifecycleErrorCode.ALREADY_ENDED, 'This accompaniment has already ended.');
  if (!a.startedOn) return refuse(LifecycleErrorCode.NOT_STARTED, 'No exit before the first interview.');
  if (endedOn < a.startedOn || (a.finalReviewOn && endedOn < a.finalReviewOn)) {
    return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'The exit cannot precede the start or the final review.', 'endedOn');
  }
  if (endedOn > todayIso()) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'An exit is recorded on or after its day.', 'endedOn');
  const subReason = input.subReason ?? null;
  if (input.reason === ExitReason.FINANCIAL_CHANGE && !subReason) return refuse(LifecycleErrorCode.SUB_REASON_REQUIRED, 'A financial change needs its sub-reason.', 'subReason');
  if (input.reason !== ExitReason.FINANCIAL_CHANGE && subReason) return refuse(LifecycleErrorCode.SUB_REASON_NOT_ALLOWED, 'Only a financial change has a sub-reason.', 'subReason');
  const outcome = await ctx.em.transactional(async (em): Promise<Outcome<null>> => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`appointment:${a.id}`]);
    const open = await em.execute<{ count: number }[]>(
      `select count(*)::int as count from beneficiaries.appointment where department_code = ? and accompaniment_id = ? and status = 'PLANNED' and scheduled_on <= ?`,
      [a.departmentCode, a.id, endedOn],
    );
    const count = open[0]?.count ?? 0;
    if (count > 0) return refuse(LifecycleErrorCode.OPEN_APPOINTMENTS, `${count} appointment(s) on or before the exit day are still planned: record how they went first.`);
    await em.execute(`update beneficiaries.appointment set status = 'CANCELLED' where department_code = ? and accompaniment_id = ? and status = 'PLANNED' and scheduled_on > ?`, [
      a.departmentCode,
      a.id,
      endedOn,
    ]);
    await em.execute(`update beneficiaries.accompaniment set ended_on = ?, exit_reason = ?, exit_sub_reason = ? where department_code = ? and id = ? and ended_on is null`, [
      endedOn,
      input.reason,
      subReason,
      a.departmentCode,
      a.id,
    ]);
    await enqueueEvent(em, 'beneficiaries', accompanimentClosed(a, endedOn, input.reason));
    return done(null);
  });
  if (!outcome.ok) return outcome;
  kickOutbox('beneficiaries');
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'Accompaniment', recordIds: [a.id] });
  return done(await reload(ctx, a.id));
}

/** The event that tells contracts an accompaniment ended. */
function accompanimentClosed(a: AccompanimentRecord, endedOn: string, reason: ExitReason): OutboxEvent {
  const payload: AccompanimentClosed = { accompanimentId: a.id, beneficiaryId: a.beneficiaryId, endedOn, reason };
  return { departmentCode: a.departmentCode, topic: ACCOMPANIMENT_CLOSED, key: a.id, payload };
}

const accompanimentsByBeneficiary = Symbol('accompanimentsByBeneficiary');

/** Accompaniments of a person the caller may already read (batched per request). */
export function accompanimentsOf(ctx: SubgraphContext, beneficiaryId: string): Promise<AccompanimentRecord[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, AccompanimentRecord[]>(accompanimentsByBeneficiary, async (ids) => {
      // Administrators and référents see the whole path; operators and prescribers only their own part of it.
      const part = roleMay(ctx.caller, 'path:read') ? scopeOf(ctx.caller, 'path:read') : null;
      if (!part) return ids.map(() => []);
      const rows = (await new AccompanimentRepository(ctx.em).byBeneficiaries(department, ids)).filter((r) => scopeAllows(part, r));
      return ids.map((id) => rows.filter((r) => r.beneficiaryId === id));
    })
    .load(beneficiaryId);
}

import { addDays, addMonths, assertCan, recordAccess, Refusal, roleMay, scopeAllows, todayIso, type Action, type SubgraphContext } from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { decisionDate, notFuture } from '../decision-dates.js';
import { AccompanimentRepository } from '../accompaniment/accompaniment.repository.js';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { BeneficiaryRepository } from '../beneficiary/beneficiary.repository.js';
import { SanctionDecision, SanctionErrorCode as Code, SanctionStatus } from './sanction.enums.js';
import type { SanctionProcedureRecord } from './sanction.record.js';
import { SanctionRepository } from './sanction.repository.js';
import type { DecideSanctionInput, EndSanctionProcedureInput, LiftSanctionInput, RecordBreachInput, RecordHearingInput } from './sanction.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 2000;

/** The décret of 30 May 2025 applies to breaches from 1 June 2025. */
export const SANCTIONS_IN_FORCE_FROM = '2025-06-01';
/** Suspended share of the allowance, whole percents (CASF R. 262-68 as amended). */
export const RATE_MIN = 30;
export const RATE_MAX = 100;
/** A household of more than one person keeps at least half of its allowance. */
export const HOUSEHOLD_RATE_CAP = 50;
/** 1 to 2 months; up to 4 for a repeat. */
export const DURATION_MAX = 2;
export const REPEAT_DURATION_MAX = 4;
/** A repeat: a suspension was decided for the person in the 12 months before this decision (ADR 0026). */
export const REPEAT_WINDOW_MONTHS = 12;

/** Only a household of one person (`SINGLE`) may lose more than half: every other type counts more than one person, `OTHER` included (ADR 0026). */
export const isSinglePersonHousehold = (householdType: string): boolean => householdType === 'SINGLE';

/** The last day of a suspension: its duration in months from its effective day. */
export const suspendedUntil = (p: Pick<SanctionProcedureRecord, 'effectiveOn' | 'durationMonths'>): string | null =>
  p.effectiveOn && p.durationMonths ? addDays(addMonths(p.effectiveOn, p.durationMonths), -1) : null;

// Reading (a person the caller already reads: the same caseload rule as the person, audited here).

const byBeneficiary = Symbol('sanctionProceduresByBeneficiary');

/** A person's procedures, newest breach first, for the roles that read them (batched; each read audited). */
export function proceduresOf(ctx: SubgraphContext, beneficiaryId: string): Promise<SanctionProcedureRecord[]> {
  if (!roleMay(ctx.caller, 'sanction:read')) return Promise.resolve([]);
  return ctx.loaders
    .get<string, SanctionProcedureRecord[]>(byBeneficiary, async (ids) => {
      const rows = await new SanctionRepository(ctx.em).byBeneficiaries(ctx.caller.departmentCode, ids);
      await recordAccess(ctx, { operation: 'READ', recordType: 'SanctionProcedure', recordIds: rows.map((r) => r.id) });
      return ids.map((id) => rows.filter((r) => r.beneficiaryId === id));
    })
    .load(beneficiaryId);
}

// The rules.

function notBefore(day: string, earliest: string, field: string, what: string): void {
  if (day < earliest) throw new Refusal(Code.DATES_OUT_OF_ORDER, `This day comes before ${what} (${earliest}).`, field);
}

function textOf(value: string | null | undefined, field: string, required: boolean): string | null {
  const text = value?.trim() || null;
  if (required && !text) throw new Refusal(Code.REASON_REQUIRED, 'A reason is required.', field);
  if (text && text.length > MAX_TEXT) throw new Refusal('BAD_USER_INPUT', `At most ${MAX_TEXT} characters.`, field);
  return text;
}

/**
 * Whether the caller reaches the person for an action: an administrator the Département's people
 * (of their territories when limited), a référent the people they follow in one of their
 * accompaniments (the catalogue's caseload rule).
 */
async function reaches(ctx: SubgraphContext, action: Action, person: BeneficiaryRecord): Promise<boolean> {
  const scope = assertCan(ctx.caller, action);
  if (!scope) return false;
  if (scope.referentId === undefined && scope.operatorId === undefined && scope.prescriberId === undefined) return scopeAllows(scope, person);
  const accompaniments = await new AccompanimentRepository(ctx.em).byBeneficiaries(person.departmentCode, [person.id]);
  return accompaniments.some((a) => scopeAllows(scope, a));
}

async function personFor(ctx: SubgraphContext, action: Action, beneficiaryId: string, field: string): Promise<BeneficiaryRecord> {
  assertCan(ctx.caller, action);
  const [person] = UUID.test(beneficiaryId) ? await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [beneficiaryId]) : [];
  // Someone else's person, or another Département's: not found, never confirmed.
  if (!person || !(await reaches(ctx, action, person))) throw new Refusal(Code.NOT_FOUND, 'Person not found.', field);
  return person;
}

async function procedureFor(ctx: SubgraphContext, action: Action, procedureId: string): Promise<{ procedure: SanctionProcedureRecord; person: BeneficiaryRecord }> {
  assertCan(ctx.caller, action);
  const procedure = UUID.test(procedureId) ? await new SanctionRepository(ctx.em).byId(ctx.caller.departmentCode, procedureId) : undefined;
  const [person] = procedure ? await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [procedure.beneficiaryId]) : [];
  if (!procedure || !person || !(await reaches(ctx, action, person))) throw new Refusal(Code.NOT_FOUND, 'Procedure not found.', 'input.procedureId');
  return { procedure, person };
}

/** Serialises the sanction writes of one person: the state, the pending procedure and the previous suspensions are read and written under it. */
const lockPerson = (ctx: SubgraphContext, beneficiaryId: string): Promise<unknown> => ctx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`sanction:${beneficiaryId}`]);

/**
 * Runs one step in a transaction under the person's lock: `check` sees the procedure as it stands
 * under the lock and returns the status it leaves and the columns it sets; the update applies only
 * while the procedure still stands where `check` found it. Audited as an UPDATE.
 */
async function step(
  ctx: SubgraphContext,
  procedureId: string,
  beneficiaryId: string,
  check: (current: SanctionProcedureRecord, tx: SubgraphContext) => Promise<{ to: SanctionStatus; changes: Record<string, unknown> }>,
): Promise<SanctionProcedureRecord> {
  await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    await lockPerson(tx, beneficiaryId);
    const repository = new SanctionRepository(em);
    const current = await repository.byId(ctx.caller.departmentCode, procedureId);
    if (!current) throw new Error(`sanction procedure ${procedureId} vanished`);
    const { to, changes } = await check(current, tx);
    if ((await repository.transition(current.departmentCode, current.id, [current.status], to, changes)) === 0) {
      throw new Refusal(Code.WRONG_STATE, 'This procedure changed meanwhile.');
    }
  });
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'SanctionProcedure', recordIds: [procedureId] });
  return reload(ctx, procedureId);
}

async function reload(ctx: SubgraphContext, id: string): Promise<SanctionProcedureRecord> {
  const p = await new SanctionRepository(ctx.em).byId(ctx.caller.departmentCode, id);
  if (!p) throw new Error(`sanction procedure ${id} vanished`);
  return p;
}

function expectStatus(p: SanctionProcedureRecord, allowed: readonly SanctionStatus[], what: string): void {
  if (!allowed.includes(p.status)) throw new Refusal(Code.WRONG_STATE, `This procedure is ${p.status}: ${what} follows ${allowed.join(' or ')}.`);
}

/** A breach (« manquement ») recorded by the person's référent or an administrator: opens a procedure; one waits for its decision at a time per person. */
export async function recordBreach(ctx: SubgraphContext, input: RecordBreachInput, today = todayIso()): Promise<SanctionProcedureRecord> {
  const person = await personFor(ctx, 'sanction:record', input.beneficiaryId, 'input.beneficiaryId');
  const breachOn = decisionDate(input.breachOn, 'input.breachOn');
  notFuture(breachOn, 'input.breachOn', today);
  notBefore(breachOn, SANCTIONS_IN_FORCE_FROM, 'input.breachOn', 'the décret of 30 May 2025 came into force');
  const note = textOf(input.note, 'input.note', false);
  const id = randomUUID();
  await ctx.em.transactional(async (em) => {
    await lockPerson({ ...ctx, em }, person.id);
    const repository = new SanctionRepository(em);
    if (await repository.hasPending(person.departmentCode, person.id)) throw new Refusal(Code.PROCEDURE_PENDING, 'A procedure of this person already waits for its hearing or decision.');
    await repository.insertBreach({
      id,
      departmentCode: person.departmentCode,
      beneficiaryId: person.id,
      breachKind: input.breachKind,
      breachOn,
      breachSource: input.source,
      breachNote: note,
      recordedBy: ctx.caller.userId,
      recordedOn: today,
    });
  });
  await recordAccess(ctx, { operation: 'CREATE', recordType: 'SanctionProcedure', recordIds: [id] });
  return reload(ctx, id);
}

/** The hearing: the person was invited to present observations (on or after the breach, not in the future), and what came of it. */
export async function recordHearing(ctx: SubgraphContext, input: RecordHearingInput, today = todayIso()): Promise<SanctionProcedureRecord> {
  const { procedure } = await procedureFor(ctx, 'sanction:record', input.procedureId);
  const hearingOn = decisionDate(input.hearingOn, 'input.hearingOn');
  notFuture(hearingOn, 'input.hearingOn', today);
  return step(ctx, procedure.id, procedure.beneficiaryId, async (current) => {
    expectStatus(current, [SanctionStatus.BREACH_RECORDED], 'the hearing');
    notBefore(hearingOn, current.breachOn, 'input.hearingOn', 'the breach');
    return { to: SanctionStatus.HEARD, changes: { hearing_on: hearingOn, hearing_outcome: input.outcome, heard_recorded_by: ctx.caller.userId } };
  });
}

/**
 * The Département's decision after the hearing: SUSPENDED (30–100 % for 1–2 months, up to 4 for a
 * repeat, at most 50 % for a household of more than one person) or NO_SANCTION. The household and
 * the previous suspensions are read under the person's lock, in the decision's transaction.
 */
export async function decideSanction(ctx: SubgraphContext, input: DecideSanctionInput, today = todayIso()): Promise<SanctionProcedureRecord> {
  const { procedure } = await procedureFor(ctx, 'sanction:decide', input.procedureId);
  const decidedOn = decisionDate(input.decidedOn, 'input.decidedOn');
  notFuture(decidedOn, 'input.decidedOn', today);
  const effectiveOn = input.effectiveOn ? decisionDate(input.effectiveOn, 'input.effectiveOn') : decidedOn;
  notBefore(effectiveOn, decidedOn, 'input.effectiveOn', 'the decision');
  const suspended = input.decision === SanctionDecision.SUSPENDED;
  if (!suspended && input.rate != null) throw new Refusal(Code.NOT_ALLOWED, 'NO_SANCTION suspends nothing: no rate.', 'input.rate');
  if (!suspended && input.durationMonths != null) throw new Refusal(Code.NOT_ALLOWED, 'NO_SANCTION suspends nothing: no duration.', 'input.durationMonths');
  if (suspended) {
    if (input.rate == null) throw new Refusal(Code.RATE_REQUIRED, 'A suspension has its rate.', 'input.rate');
    if (!Number.isInteger(input.rate) || input.rate < RATE_MIN || input.rate > RATE_MAX) throw new Refusal(Code.RATE_OUT_OF_RANGE, `The rate is a whole percent from ${RATE_MIN} to ${RATE_MAX}.`, 'input.rate');
    if (input.durationMonths == null) throw new Refusal(Code.DURATION_REQUIRED, 'A suspension has its duration.', 'input.durationMonths');
    if (!Number.isInteger(input.durationMonths) || input.durationMonths < 1 || input.durationMonths > REPEAT_DURATION_MAX) {
      throw new Refusal(Code.DURATION_OUT_OF_RANGE, `The duration is 1 to ${DURATION_MAX} months (up to ${REPEAT_DURATION_MAX} for a repeat).`, 'input.durationMonths');
    }
  }
  return step(ctx, procedure.id, procedure.beneficiaryId, async (current, tx) => {
    expectStatus(current, [SanctionStatus.HEARD], 'the decision');
    notBefore(decidedOn, current.hearingOn!, 'input.decidedOn', 'the hearing');
    const [person] = await new BeneficiaryRepository(tx.em).visibleByIds(ctx.caller, [current.beneficiaryId]);
    if (!person) throw new Refusal(Code.NOT_FOUND, 'Procedure not found.', 'input.procedureId');
    const previous = await new SanctionRepository(tx.em).previousSuspension(current.departmentCode, current.beneficiaryId, current.id, addMonths(decidedOn, -REPEAT_WINDOW_MONTHS), decidedOn);
    if (suspended) {
      if (!isSinglePersonHousehold(person.householdType) && input.rate! > HOUSEHOLD_RATE_CAP) {
        throw new Refusal(Code.HOUSEHOLD_CAP, `A household of more than one person (${person.householdType}) keeps at least half of its allowance: at most ${HOUSEHOLD_RATE_CAP} %.`, 'input.rate');
      }
      if (input.durationMonths! > DURATION_MAX && !previous) {
        throw new Refusal(Code.NOT_A_REPEAT, `More than ${DURATION_MAX} months only for a repeat: no suspension was decided for this person in the ${REPEAT_WINDOW_MONTHS} months before.`, 'input.durationMonths');
      }
    }
    return {
      to: SanctionStatus.DECIDED,
      changes: {
        decision: input.decision,
        rate: suspended ? input.rate : null,
        duration_months: suspended ? input.durationMonths : null,
        household_type: person.householdType,
        repeat_of: suspended ? (previous?.id ?? null) : null,
        decided_on: decidedOn,
        effective_on: effectiveOn,
        decided_by: ctx.caller.userId,
      },
    };
  });
}

/** The person re-engaged: the suspension is lifted (on or after the decision), with the reason, and whether the amounts withheld are paid back. */
export async function liftSanction(ctx: SubgraphContext, input: LiftSanctionInput, today = todayIso()): Promise<SanctionProcedureRecord> {
  const { procedure } = await procedureFor(ctx, 'sanction:decide', input.procedureId);
  const liftedOn = decisionDate(input.liftedOn, 'input.liftedOn');
  notFuture(liftedOn, 'input.liftedOn', today);
  return step(ctx, procedure.id, procedure.beneficiaryId, async (current) => {
    expectStatus(current, [SanctionStatus.DECIDED], 'lifting');
    if (current.decision !== SanctionDecision.SUSPENDED) throw new Refusal(Code.WRONG_STATE, 'Nothing was suspended: there is nothing to lift.');
    notBefore(liftedOn, current.decidedOn!, 'input.liftedOn', 'the decision');
    return { to: SanctionStatus.LIFTED, changes: { lifted_on: liftedOn, lift_reason: input.reason, withheld_repaid: input.withheldRepaid, closed_by: ctx.caller.userId } };
  });
}

/** Closes a procedure otherwise than by lifting: dropped before its decision, after NO_SANCTION, or a suspension that ran its term. */
export async function endSanctionProcedure(ctx: SubgraphContext, input: EndSanctionProcedureInput, today = todayIso()): Promise<SanctionProcedureRecord> {
  const { procedure } = await procedureFor(ctx, 'sanction:decide', input.procedureId);
  const endedOn = decisionDate(input.endedOn, 'input.endedOn');
  notFuture(endedOn, 'input.endedOn', today);
  const reason = textOf(input.reason, 'input.reason', true);
  return step(ctx, procedure.id, procedure.beneficiaryId, async (current) => {
    expectStatus(current, [SanctionStatus.BREACH_RECORDED, SanctionStatus.HEARD, SanctionStatus.DECIDED], 'ending');
    notBefore(endedOn, current.decidedOn ?? current.hearingOn ?? current.breachOn, 'input.endedOn', 'the last step');
    return { to: SanctionStatus.ENDED, changes: { ended_on: endedOn, end_reason: reason, closed_by: ctx.caller.userId } };
  });
}

// What the caller may do next: screens show forms from these, never from rules of their own.

const canOn = async (ctx: SubgraphContext, action: Action, beneficiaryId: string): Promise<boolean> => {
  if (!roleMay(ctx.caller, action)) return false;
  const [person] = await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [beneficiaryId]);
  return !!person && (await reaches(ctx, action, person));
};

export const mayRecordBreachFor = (ctx: SubgraphContext, person: BeneficiaryRecord): Promise<boolean> =>
  roleMay(ctx.caller, 'sanction:record') ? reaches(ctx, 'sanction:record', person) : Promise.resolve(false);

export const mayRecordHearing = async (ctx: SubgraphContext, p: SanctionProcedureRecord): Promise<boolean> =>
  p.status === SanctionStatus.BREACH_RECORDED && canOn(ctx, 'sanction:record', p.beneficiaryId);

export const mayDecide = async (ctx: SubgraphContext, p: SanctionProcedureRecord): Promise<boolean> => p.status === SanctionStatus.HEARD && canOn(ctx, 'sanction:decide', p.beneficiaryId);

export const mayLift = async (ctx: SubgraphContext, p: SanctionProcedureRecord): Promise<boolean> =>
  p.status === SanctionStatus.DECIDED && p.decision === SanctionDecision.SUSPENDED && canOn(ctx, 'sanction:decide', p.beneficiaryId);

export const mayEnd = async (ctx: SubgraphContext, p: SanctionProcedureRecord): Promise<boolean> =>
  [SanctionStatus.BREACH_RECORDED, SanctionStatus.HEARD, SanctionStatus.DECIDED].includes(p.status) && canOn(ctx, 'sanction:decide', p.beneficiaryId);

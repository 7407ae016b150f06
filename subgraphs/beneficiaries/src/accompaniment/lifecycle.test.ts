import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, todayIso, type Caller } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newAppointment, newPerson, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 68 (Haut-Rhin) in the shared test database.
const DEPARTMENT = '68';
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;
let territory: string;
const admin = testCaller({ departmentCode: DEPARTMENT });

interface Result {
  ok: boolean;
  error: { code: string } | null;
  accompaniment: Record<string, unknown> | null;
}
const FIELDS = 'ok error { code message } accompaniment { id status prescribedOn validatedOn startedOn finalReviewOn endedOn exitReason exitSubReason referentId prescriberId }';

async function mutate(caller: Caller, name: string, input: Record<string, unknown>, fields = FIELDS): Promise<Result & Record<string, unknown>> {
  const { data, errors } = await execute<Record<string, Result>>(schema, testContext(orm, caller), `mutation ($input: ${inputType(name)}!) { ${name}(input: $input) { ${fields} } }`, { input });
  if (errors.length) throw new Error(errors.join('; '));
  return data![name]! as Result & Record<string, unknown>;
}
const inputType = (name: string): string => `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
const errorsOf = async (caller: Caller, name: string, input: Record<string, unknown>): Promise<string[]> =>
  (await execute(schema, testContext(orm, caller), `mutation ($input: ${inputType(name)}!) { ${name}(input: $input) { ok } }`, { input })).errors;

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  schema = await beneficiariesSubgraph.buildSchema();
  commune = await firstCommune(orm.em.fork(), DEPARTMENT);
  territory = await createTestTerritory(orm.em.fork(), DEPARTMENT, [commune]);
});
afterAll(async () => {
  await orm.close(true);
});

describe('the accompaniment life cycle', () => {
  it('goes prescription → validation → first interview → intermediate → final review → exit, refusing every step out of order with a typed error', async () => {
    const person = await newPerson(orm.em.fork(), { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const prescriber = testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' });
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const otherReferent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const programmeId = randomUUID();
    const operatorId = randomUUID();
    const prescription = { beneficiaryId: person, programmeId, operatorId, prescribedOn: '2026-02-02' };

    expect(await errorsOf(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }), 'prescribeAccompaniment', prescription)).toEqual([
      'Your role (STEERING) may not prescribe an accompaniment.',
    ]);
    expect((await mutate(prescriber, 'prescribeAccompaniment', { ...prescription, prescribedOn: '2026-02-30' })).error?.code).toBe('INVALID_DATE');
    expect((await mutate(testCaller({ departmentCode: '25', role: 'PRESCRIBER' }), 'prescribeAccompaniment', prescription)).error?.code).toBe('NOT_FOUND');

    const prescribed = await mutate(prescriber, 'prescribeAccompaniment', prescription);
    expect(prescribed.ok).toBe(true);
    const a = prescribed.accompaniment!;
    expect(a).toMatchObject({ status: 'PRESCRIBED', prescribedOn: '2026-02-02', prescriberId: prescriber.userId, startedOn: null, validatedOn: null });
    const id = a.id as string;
    expect((await mutate(prescriber, 'prescribeAccompaniment', { ...prescription, prescribedOn: '2026-02-10' })).error?.code).toBe('ALREADY_OPEN_IN_PROGRAMME');
    expect((await mutate(prescriber, 'prescribeAccompaniment', { ...prescription, programmeId: randomUUID() })).ok).toBe(true);

    const appointment = (input: Record<string, unknown>, caller: Caller = admin): Promise<Result & Record<string, unknown>> =>
      mutate(caller, 'recordAppointment', { accompanimentId: id, ...input }, 'ok error { code } appointment { id kind status scheduledOn }');
    expect((await appointment({ kind: 'FIRST', scheduledOn: '2026-02-20', status: 'HONOURED' })).error?.code).toBe('NOT_VALIDATED');
    expect((await mutate(admin, 'recordExit', { accompanimentId: id, endedOn: '2026-03-01', reason: 'STABILISATION' })).error?.code).toBe('NOT_STARTED');

    expect(await errorsOf(referent, 'validateOrientation', { accompanimentId: id, validatedOn: '2026-02-05' })).toEqual(['Your role (REFERENT) may not validate an orientation.']);
    expect((await mutate(admin, 'validateOrientation', { accompanimentId: id, validatedOn: '2026-02-01' })).error?.code).toBe('DATES_OUT_OF_ORDER');
    const validated = await mutate(admin, 'validateOrientation', { accompanimentId: id, validatedOn: '2026-02-05', referentId: referent.userId });
    expect(validated.accompaniment).toMatchObject({ status: 'VALIDATED', validatedOn: '2026-02-05', referentId: referent.userId });
    expect((await mutate(admin, 'validateOrientation', { accompanimentId: id, validatedOn: '2026-02-06' })).error?.code).toBe('ALREADY_VALIDATED');

    expect((await appointment({ kind: 'INTERMEDIATE', scheduledOn: '2026-02-20', status: 'HONOURED' }, referent)).error?.code).toBe('NOT_STARTED');
    expect((await appointment({ kind: 'FIRST', scheduledOn: '2026-02-04', status: 'HONOURED' }, referent)).error?.code).toBe('DATES_OUT_OF_ORDER');
    // Another référent does not even see it.
    expect((await appointment({ kind: 'FIRST', scheduledOn: '2026-02-20', status: 'HONOURED' }, otherReferent)).error?.code).toBe('NOT_FOUND');

    const missed = await appointment({ kind: 'FIRST', scheduledOn: '2026-02-16', status: 'MISSED' }, referent);
    expect(missed.ok).toBe(true);
    // A day already past is not planned: its outcome is recorded.
    expect((await appointment({ kind: 'FIRST', scheduledOn: '2026-02-23', status: 'PLANNED' }, referent)).error?.code).toBe('PLANNED_IN_PAST');
    const held = await appointment({ kind: 'FIRST', scheduledOn: '2026-02-23', status: 'HONOURED' }, referent);
    const heldId = (held.appointment as { id: string }).id;
    expect(held.appointment).toEqual({ id: heldId, kind: 'FIRST', status: 'HONOURED', scheduledOn: '2026-02-23' });
    expect((await appointment({ appointmentId: heldId, kind: 'FIRST', scheduledOn: '2026-02-23', status: 'MISSED' }, referent)).error?.code).toBe('INVALID_TRANSITION');
    // One first interview per accompaniment: another one, held or planned, is refused.
    expect((await appointment({ kind: 'FIRST', scheduledOn: '2026-03-02', status: 'HONOURED' }, referent)).error?.code).toBe('FIRST_INTERVIEW_EXISTS');
    expect((await appointment({ kind: 'FIRST', scheduledOn: addDays(todayIso(), 3), status: 'PLANNED' }, referent)).error?.code).toBe('FIRST_INTERVIEW_EXISTS');

    expect((await appointment({ kind: 'INTERMEDIATE', scheduledOn: '2026-02-22', status: 'HONOURED' }, referent)).error?.code).toBe('DATES_OUT_OF_ORDER');
    expect((await appointment({ kind: 'INTERMEDIATE', scheduledOn: '2026-04-01', status: 'HONOURED' }, referent)).ok).toBe(true);
    expect((await appointment({ kind: 'FINAL_REVIEW', scheduledOn: '2026-08-20', status: 'HONOURED' }, referent)).ok).toBe(true);
    expect((await appointment({ kind: 'FINAL_REVIEW', scheduledOn: '2026-08-21', status: 'HONOURED' }, referent)).error?.code).toBe('INVALID_TRANSITION');

    const exit = (input: Record<string, unknown>): Promise<Result> => mutate(referent, 'recordExit', { accompanimentId: id, ...input });
    expect((await exit({ endedOn: '2026-08-19', reason: 'STABILISATION' })).error?.code).toBe('DATES_OUT_OF_ORDER');
    expect((await exit({ endedOn: '2026-08-31', reason: 'FINANCIAL_CHANGE' })).error?.code).toBe('SUB_REASON_REQUIRED');
    expect((await exit({ endedOn: '2026-08-31', reason: 'STABILISATION', subReason: 'AAH' })).error?.code).toBe('SUB_REASON_NOT_ALLOWED');
    const ended = await exit({ endedOn: '2026-08-31', reason: 'FINANCIAL_CHANGE', subReason: 'AAH' });
    expect(ended.accompaniment).toMatchObject({
      status: 'ENDED',
      validatedOn: '2026-02-05',
      startedOn: '2026-02-23',
      finalReviewOn: '2026-08-20',
      endedOn: '2026-08-31',
      exitReason: 'FINANCIAL_CHANGE',
      exitSubReason: 'AAH',
    });
    // The exit wrote, in its transaction, the one event that tells contracts (ADR 0021); refused exits wrote none.
    const events = await orm.em.fork().execute<{ topic: string; department_code: string; payload: unknown }[]>(`select topic, department_code, payload from beneficiaries.outbox where event_key = ?`, [id]);
    expect(events).toEqual([{ topic: 'accompaniment-closed', department_code: DEPARTMENT, payload: { accompanimentId: id, beneficiaryId: expect.any(String) as unknown, endedOn: '2026-08-31', reason: 'FINANCIAL_CHANGE' } }]);
    expect((await exit({ endedOn: '2026-09-30', reason: 'OTHER' })).error?.code).toBe('ALREADY_ENDED');
    expect((await appointment({ kind: 'INTERMEDIATE', scheduledOn: '2026-09-01', status: 'HONOURED' }, referent)).error?.code).toBe('ALREADY_ENDED');
    // Once ended, the programme is open to a new prescription.
    expect((await mutate(prescriber, 'prescribeAccompaniment', { ...prescription, prescribedOn: '2026-10-01' })).ok).toBe(true);

    // The référent reads the whole path, with its timeline, appointments in order.
    const { data } = await execute<{ beneficiary: { accompaniments: { id: string; appointments: { kind: string; status: string }[]; timeline: { date: string; kind: string; label: string }[] }[] } }>(
      schema,
      testContext(orm, referent),
      'query ($id: ID!) { beneficiary(id: $id) { accompaniments { id appointments { kind status } timeline { date kind label } } } }',
      { id: person },
    );
    const path = data!.beneficiary.accompaniments.find((x) => x.id === id)!;
    expect(path.appointments.map((x) => `${x.kind} ${x.status}`)).toEqual(['FIRST MISSED', 'FIRST HONOURED', 'INTERMEDIATE HONOURED', 'FINAL_REVIEW HONOURED']);
    expect(path.timeline.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2026-02-02 PRESCRIBED',
      '2026-02-05 VALIDATED',
      '2026-02-16 APPOINTMENT',
      '2026-02-23 STARTED',
      '2026-02-23 APPOINTMENT',
      '2026-04-01 APPOINTMENT',
      '2026-08-20 APPOINTMENT',
      '2026-08-20 FINAL_REVIEW',
      '2026-08-31 EXIT',
    ]);
  });
});

describe('referrals', () => {
  const FIELDS_R = 'ok error { code field } referral { id status sentOn answeredOn closedOn refusalReason note expiresOn accompanimentId }';
  type Answer = { ok: boolean; error: { code: string; field: string | null } | null; referral: Record<string, unknown> | null };
  const send = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'createReferral', input, FIELDS_R) as never;
  const update = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'updateReferralStatus', input, FIELDS_R) as never;

  it('belongs to the accompaniment in progress (the path shows it), is refused twice while open and without an accompaniment, and is answered by the partner', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const partnerId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId });
    const otherOperator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() });
    const em = orm.em.fork();
    const today = todayIso();
    const people = [];
    const accompaniments = [];
    for (let i = 0; i < 3; i++) {
      const p = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory, identity: { firstName: `Orienté${i}`, lastName: 'Testpersonne', birthDate: '1980-01-01', cafNumber: `99${i}` } });
      accompaniments.push(await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: p, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', startedOn: '2026-01-20' }));
      people.push(p);
    }
    const stranger = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const exited = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: exited, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', startedOn: '2026-01-20', endedOn: '2026-06-01', exitReason: 'MOVED' });
    const serviceId = randomUUID();
    const sentOn = addDays(today, -2);
    const to = (beneficiaryId: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({ beneficiaryId, serviceId, partnerId, sentOn, ...more });

    expect((await send(referent, to(stranger))).error?.code).toBe('NOT_FOUND');
    // After the exit, no accompaniment is in progress: no referral until a new one.
    expect((await send(referent, to(exited))).error?.code).toBe('NO_OPEN_ACCOMPANIMENT');
    expect((await send(referent, to(people[0]!, { sentOn: addDays(today, 1) }))).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'sentOn' });

    // Sent without naming the accompaniment: it is the one in progress, with its note and expiry.
    const first = await send(referent, to(people[0]!, { note: 'Souhaite un rendez-vous le matin.' }));
    expect(first.referral).toMatchObject({ status: 'SENT', accompanimentId: accompaniments[0], note: 'Souhaite un rendez-vous le matin.', expiresOn: addDays(sentOn, 30) });
    // Twice to the same service while the first waits: refused; two at once: one only.
    expect((await send(referent, to(people[0]!))).error).toEqual({ code: 'DUPLICATE_REFERRAL', field: 'serviceId' });
    const racing = await Promise.all([send(referent, to(people[1]!)), send(referent, to(people[1]!)), send(referent, to(people[1]!))]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['DUPLICATE_REFERRAL', 'DUPLICATE_REFERRAL']);
    const third = await send(referent, to(people[2]!));
    const ids = [first.referral!.id as string, racing.find((r) => r.ok)!.referral!.id as string, third.referral!.id as string];

    // The path shows the referral, to the référent.
    const { data: path } = await execute<{ beneficiary: { accompaniments: { referrals: { id: string }[] }[] } }>(
      schema,
      testContext(orm, referent),
      'query ($id: ID!) { beneficiary(id: $id) { accompaniments { referrals { id } } } }',
      { id: people[0] },
    );
    expect(path!.beneficiary.accompaniments.flatMap((a) => a.referrals.map((r) => r.id))).toEqual([ids[0]]);

    // The partner decides: not the référent, not another operator.
    expect((await update(referent, { referralId: ids[0], status: 'ACCEPTED', on: today })).error?.code).toBe('NOT_THE_RECEIVER');
    expect((await update(otherOperator, { referralId: ids[0], status: 'ACCEPTED', on: today })).error?.code).toBe('NOT_FOUND');
    expect((await update(operator, { referralId: ids[0], status: 'DONE', on: today })).error?.code).toBe('INVALID_TRANSITION');
    expect((await update(operator, { referralId: ids[0], status: 'ACCEPTED', on: addDays(sentOn, -1) })).error?.code).toBe('DATES_OUT_OF_ORDER');
    expect((await update(operator, { referralId: ids[0], status: 'ACCEPTED', on: today, note: 'Premier rendez-vous lundi.' })).referral).toMatchObject({
      status: 'ACCEPTED',
      answeredOn: today,
      closedOn: null,
      expiresOn: null,
      note: 'Premier rendez-vous lundi.',
    });
    // Once accepted, the référent records that the person came.
    expect((await update(referent, { referralId: ids[0], status: 'DONE', on: today })).referral).toMatchObject({ status: 'DONE', closedOn: today });
    expect((await update(operator, { referralId: ids[1], status: 'REFUSED', on: today })).error).toEqual({ code: 'REFUSAL_REASON_REQUIRED', field: 'refusalReason' });
    expect((await update(operator, { referralId: ids[1], status: 'REFUSED', on: today, refusalReason: 'NO_CAPACITY' })).referral).toMatchObject({ status: 'REFUSED', refusalReason: 'NO_CAPACITY' });
    // Refused: the same service may be asked again.
    expect((await send(referent, to(people[1]!))).ok).toBe(true);

    // The operator's inbox: its own referrals, newest first, with the people's names (audited); another operator's is empty.
    const INBOX = 'query ($s: [ReferralStatus!]) { receivedReferrals(first: 10, statuses: $s) { nodes { id status beneficiary { id identity { firstName } } } } }';
    const ctx = testContext(orm, operator);
    const inbox = await execute<{ receivedReferrals: { nodes: { id: string; status: string; beneficiary: { identity: { firstName: string } } | null }[] } }>(schema, ctx, INBOX, { s: ['SENT'] });
    expect(inbox.errors).toEqual([]);
    expect(inbox.data!.receivedReferrals.nodes.map((n) => n.beneficiary?.identity.firstName).sort()).toEqual(['Orienté1', 'Orienté2']);
    const audited: { record_type: string }[] = await em.execute(`select record_type from audit.access_log where correlation_id = ? order by id`, [ctx.correlationId]);
    expect(audited.map((a) => a.record_type)).toEqual(['Referral', 'Beneficiary', 'BeneficiaryIdentity']);
    expect((await execute<{ receivedReferrals: { nodes: unknown[] } }>(schema, testContext(orm, otherOperator), INBOX, { s: null })).data!.receivedReferrals.nodes).toEqual([]);
    expect((await execute(schema, testContext(orm, referent), INBOX, { s: null })).errors).toEqual(['Your role (REFERENT) may not receive referrals.']);

    // Currently referred per partner: the waiting ones (2) and none accepted.
    const { data } = await execute<{ _entities: { peopleReferred: number }[] }>(
      schema,
      testContext(orm, admin),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { peopleReferred } } }',
      { r: [{ __typename: 'Partner', id: partnerId }, { __typename: 'Partner', id: randomUUID() }] },
    );
    expect(data!._entities).toEqual([{ peopleReferred: 2 }, { peopleReferred: 0 }]);
    const referred = async (caller: ReturnType<typeof testCaller>): Promise<unknown> =>
      (
        await execute<{ _entities: unknown[] }>(schema, testContext(orm, caller), 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { peopleReferred referred { value suppressed } } } }', {
          r: [{ __typename: 'Partner', id: partnerId }],
        })
      ).data!._entities;
    expect(await referred(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }))).toEqual([{ peopleReferred: null, referred: { value: null, suppressed: true } }]);
    expect(await referred(operator)).toEqual([{ peopleReferred: 2, referred: { value: 2, suppressed: false } }]);
  });

  it('expires unanswered after 30 days: it reads EXPIRED, takes no decision, no longer counts as open, and the référent is alerted', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const partnerId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId });
    const em = orm.em.fork();
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', startedOn: '2026-01-20' });
    const serviceId = randomUUID();
    const old = await send(referent, { beneficiaryId: person, serviceId, partnerId, sentOn: addDays(todayIso(), -31) });
    expect(old.referral).toMatchObject({ status: 'EXPIRED' });
    expect((await update(operator, { referralId: old.referral!.id, status: 'ACCEPTED', on: todayIso() })).error?.code).toBe('EXPIRED');
    const alerts = async (): Promise<string[]> =>
      (await execute<{ beneficiary: { alerts: { kind: string }[] } }>(schema, testContext(orm, referent), 'query ($id: ID!) { beneficiary(id: $id) { alerts { kind } } }', { id: person })).data!.beneficiary.alerts.map(
        (a) => a.kind,
      );
    expect(await alerts()).toContain('REFERRAL_UNANSWERED');
    // Expired, it no longer blocks a new referral to the same service, which ends the alert.
    expect((await send(referent, { beneficiaryId: person, serviceId, partnerId, sentOn: todayIso() })).ok).toBe(true);
    expect(await alerts()).not.toContain('REFERRAL_UNANSWERED');
  });
});

describe('the partners’ decision time', () => {
  it('publishes the referrals sent in a period, the answered and expired ones, and the median and 90th percentile of days to the answer', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const partnerId = randomUUID();
    const programmeId = randomUUID();
    const em = orm.em.fork();
    // A past quarter (steering callers ask only periods of the grid), so the referrals are written
    // as they stand, not through the mutations that date answers no earlier than 30 days ago.
    const referral = (person: string, accompanimentId: string, sentOn: string, answer: { status: 'ACCEPTED' | 'REFUSED'; on: string } | null): Promise<unknown> =>
      em.execute(
        `insert into beneficiaries.referral (id, department_code, beneficiary_id, accompaniment_id, service_id, partner_id, status, sent_on, answered_on, created_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), DEPARTMENT, person, accompanimentId, randomUUID(), partnerId, answer?.status ?? 'SENT', sentOn, answer?.on ?? null, referent.userId],
      );
    // 12 answered after 1 to 12 days, 3 never answered (expired), all sent in the last quarter of 2025.
    for (let i = 0; i < 15; i++) {
      const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      const accompanimentId = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, programmeId, territoryId: territory, referentId: referent.userId, prescribedOn: '2025-09-05', startedOn: '2025-09-20' });
      await referral(person, accompanimentId, i < 12 ? '2025-10-06' : '2025-10-01', i < 12 ? { status: i % 3 === 0 ? 'REFUSED' : 'ACCEPTED', on: addDays('2025-10-06', i + 1) } : null);
    }
    const QUERY = `query ($scope: IndicatorScopeInput, $period: PeriodInput!) { indicators(scope: $scope, period: $period) {
      referralDecision { sent { value suppressed } answered { value suppressed } expired { value suppressed } medianDays p90Days } } }`;
    type Decision = { sent: { value: number | null; suppressed: boolean }; answered: { value: number | null; suppressed: boolean }; expired: { value: number | null; suppressed: boolean }; medianDays: number | null; p90Days: number | null };
    const decision = async (caller: Caller): Promise<Decision> => {
      const { data, errors } = await execute<{ indicators: { referralDecision: Decision } }>(schema, testContext(orm, caller), QUERY, { scope: { programmeId }, period: { from: '2025-10-01', to: '2025-12-31' } });
      expect(errors).toEqual([]);
      return data!.indicators.referralDecision;
    };
    // Independently: days 1..12 → median 6.5, 90th percentile (interpolated) 1 + 0.9 × 11 = 10.9.
    expect(await decision(admin)).toEqual({
      sent: { value: 15, suppressed: false },
      answered: { value: 12, suppressed: false },
      expired: { value: 3, suppressed: false },
      medianDays: 6.5,
      p90Days: 10.9,
    });
    // Steering: 3 expired is a small count, hidden, and not recoverable from the total.
    const seen = await decision(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }));
    expect(seen.expired).toEqual({ value: null, suppressed: true });
    expect(seen.sent.suppressed || seen.answered.suppressed).toBe(true);
    expect(seen.medianDays).toBe(seen.answered.suppressed ? null : 6.5);

    // The whole Département: no narrowing reads the referrals alone, without their accompaniments
    // (ADR 0031). Its figures are those of the referrals of the Département's accompaniments, counted here.
    const { data: whole, errors } = await execute<{ indicators: { referralDecision: Decision } }>(schema, testContext(orm, admin), QUERY, { period: { from: '2025-10-01', to: '2025-12-31' } });
    expect(errors).toEqual([]);
    const [counted] = await em.execute<{ sent: number; answered: number }[]>(
      `select count(*)::int as sent, count(r.answered_on)::int as answered
         from beneficiaries.referral r join beneficiaries.accompaniment a on a.id = r.accompaniment_id
        where a.department_code = ? and r.sent_on between '2025-10-01' and '2025-12-31'`,
      [DEPARTMENT],
    );
    expect(counted!.sent).toBeGreaterThanOrEqual(15);
    expect({ sent: whole!.indicators.referralDecision.sent.value, answered: whole!.indicators.referralDecision.answered.value }).toEqual(counted);
  });
});

describe('a path you can trust', () => {
  const APPOINTMENT = 'ok error { code field } appointment { id kind status scheduledOn }';
  type Answer = { ok: boolean; error: { code: string; field: string | null } | null; appointment: { id: string; status: string } | null };

  it('closes appointments only from their day, cancels planned ones, keeps one first interview even when two are recorded at once', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const em = orm.em.fork();
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const a = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', validatedOn: '2026-01-06' });
    const today = todayIso();
    const record = (input: Record<string, unknown>): Promise<Answer> => mutate(referent, 'recordAppointment', { accompanimentId: a, ...input }, APPOINTMENT) as never;

    expect((await record({ kind: 'FIRST', scheduledOn: addDays(today, 2), status: 'HONOURED' })).error).toEqual({ code: 'OUTCOME_IN_FUTURE', field: 'status' });
    expect((await record({ kind: 'FIRST', scheduledOn: addDays(today, 2), status: 'CANCELLED' })).error?.code).toBe('INVALID_TRANSITION');
    const planned = await record({ kind: 'FIRST', scheduledOn: addDays(today, 2), status: 'PLANNED' });
    expect(planned.ok).toBe(true);
    // Cancelled, the first interview can be planned again.
    const cancelled = await record({ appointmentId: planned.appointment!.id, kind: 'FIRST', scheduledOn: addDays(today, 2), status: 'CANCELLED' });
    expect(cancelled.appointment).toMatchObject({ status: 'CANCELLED' });
    expect((await record({ appointmentId: planned.appointment!.id, kind: 'FIRST', scheduledOn: addDays(today, 2), status: 'PLANNED' })).error?.code).toBe('INVALID_TRANSITION');

    const racing = await Promise.all([1, 2, 3].map(() => record({ kind: 'FIRST', scheduledOn: today, status: 'HONOURED' })));
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['FIRST_INTERVIEW_EXISTS', 'FIRST_INTERVIEW_EXISTS']);
    const firsts: { count: number }[] = await em.execute(`select count(*)::int as count from beneficiaries.appointment where accompaniment_id = ? and kind = 'FIRST' and status = 'HONOURED'`, [a]);
    expect(firsts[0]!.count).toBe(1);
  });

  it('alerts on past appointments left open, and an exit waits for them, then cancels the appointments after it', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const em = orm.em.fork();
    const today = todayIso();
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const a = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', startedOn: '2026-01-20' });
    // Planned in January and never closed (recorded before the rules, or days ago).
    const left = await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: a, beneficiaryId: person, kind: 'INTERMEDIATE', scheduledOn: '2026-02-15', status: 'PLANNED' });
    const record = (input: Record<string, unknown>): Promise<Answer> => mutate(referent, 'recordAppointment', { accompanimentId: a, ...input }, APPOINTMENT) as never;
    const future = await record({ kind: 'INTERMEDIATE', scheduledOn: addDays(today, 10), status: 'PLANNED' });

    const { data } = await execute<{ beneficiary: { alerts: { kind: string; dueOn: string }[] } }>(schema, testContext(orm, referent), 'query ($id: ID!) { beneficiary(id: $id) { alerts { kind dueOn } } }', { id: person });
    expect(data!.beneficiary.alerts).toContainEqual({ kind: 'APPOINTMENT_TO_CLOSE', dueOn: '2026-02-15' });
    const exit = (): Promise<Result> => mutate(referent, 'recordExit', { accompanimentId: a, endedOn: today, reason: 'STABILISATION' });
    expect((await exit()).error?.code).toBe('OPEN_APPOINTMENTS');
    expect((await mutate(referent, 'recordExit', { accompanimentId: a, endedOn: addDays(today, 1), reason: 'STABILISATION' })).error?.code).toBe('DATES_OUT_OF_ORDER');

    expect((await record({ appointmentId: left, kind: 'INTERMEDIATE', scheduledOn: '2026-02-15', status: 'EXCUSED' })).ok).toBe(true);
    expect((await exit()).accompaniment).toMatchObject({ status: 'ENDED', endedOn: today });
    const statuses: { id: string; status: string }[] = await em.execute(`select id, status from beneficiaries.appointment where accompaniment_id = ? order by scheduled_on`, [a]);
    expect(statuses).toEqual([
      { id: left, status: 'EXCUSED' },
      { id: future.appointment!.id, status: 'CANCELLED' },
    ]);
    // Ended: nothing new, nothing reopened.
    expect((await record({ kind: 'INTERMEDIATE', scheduledOn: addDays(today, 12), status: 'PLANNED' })).error?.code).toBe('ALREADY_ENDED');
    expect((await record({ appointmentId: future.appointment!.id, kind: 'INTERMEDIATE', scheduledOn: addDays(today, 10), status: 'PLANNED' })).error?.code).toBe('INVALID_TRANSITION');
  });
});

describe('identity and caseload', () => {
  it('decrypts identity only through the service, for callers who may read the person, and audits each read', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const em = orm.em.fork();
    const identity = { firstName: 'Camille', lastName: 'Testperson', birthDate: '1984-05-06', cafNumber: '1234567' };
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory, identity });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05' });

    // At rest, nothing readable.
    const stored: { text: string }[] = await em.execute(`select encode(ciphertext, 'escape') as text from beneficiaries.beneficiary_identity where beneficiary_id = ?`, [person]);
    expect(stored[0]!.text).not.toContain('Testperson');
    expect(stored[0]!.text).not.toContain('1234567');

    const query = 'query ($id: ID!) { beneficiary(id: $id) { id identity { firstName lastName birthDate cafNumber } } }';
    const ctx = testContext(orm, referent);
    const { data } = await execute<{ beneficiary: { identity: unknown } }>(schema, ctx, query, { id: person });
    expect(data!.beneficiary.identity).toEqual(identity);
    const audit: { operation: string; record_type: string; record_ids: string[] }[] = await em.execute(
      `select operation, record_type, record_ids from audit.access_log where correlation_id = ? order by id`,
      [ctx.correlationId],
    );
    expect(audit).toEqual([
      { operation: 'READ', record_type: 'Beneficiary', record_ids: [person] },
      { operation: 'READ', record_type: 'BeneficiaryIdentity', record_ids: [person] },
    ]);

    for (const caller of [testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' }), testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }), testCaller({ departmentCode: '25' })]) {
      expect((await execute(schema, testContext(orm, caller), query, { id: person })).data).toEqual({ beneficiary: null });
    }
  });

  it('shows an operator the people oriented to it, with its own accompaniments only, and a prescriber the people they prescribed', async () => {
    const em = orm.em.fork();
    const operatorId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: operatorId });
    const prescriber = testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' });
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const mine = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, operatorId, prescriberId: prescriber.userId, prescribedOn: '2026-01-05' });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, prescribedOn: '2026-01-06' });
    const query = 'query ($id: ID!) { beneficiary(id: $id) { id accompaniments { id } } }';
    const as = async (caller: Caller): Promise<unknown> => (await execute(schema, testContext(orm, caller), query, { id: person })).data;
    expect(await as(operator)).toEqual({ beneficiary: { id: person, accompaniments: [{ id: mine }] } });
    expect(await as(prescriber)).toEqual({ beneficiary: { id: person, accompaniments: [{ id: mine }] } });
    expect(await as(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() }))).toEqual({ beneficiary: null });
    expect(((await as(admin)) as { beneficiary: { accompaniments: unknown[] } }).beneficiary.accompaniments).toHaveLength(2);
  });

  it("pages through a référent's own caseload and filters it by alert", async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const em = orm.em.fork();
    const waiting: string[] = [];
    const all: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      // Two prescribed long ago and never started, three started.
      await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: p, referentId: referent.userId, territoryId: territory, prescribedOn: '2025-01-05', ...(i < 2 ? {} : { startedOn: '2025-01-20' }) });
      all.push(p);
      if (i < 2) waiting.push(p);
    }
    const ended = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: ended, referentId: referent.userId, prescribedOn: '2025-01-05', startedOn: '2025-01-20', endedOn: '2025-06-01', exitReason: 'MOVED' });

    const page = async (after: string | null, alert: string | null = null): Promise<{ nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }> =>
      (
        await execute<{ caseload: { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
          schema,
          testContext(orm, referent),
          'query ($after: String, $alert: CaseloadAlert) { caseload(first: 3, after: $after, alert: $alert) { nodes { id } pageInfo { endCursor hasNextPage } } }',
          { after, alert },
        )
      ).data!.caseload;
    const first = await page(null);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.pageInfo.endCursor);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((n) => n.id)).toEqual([...all].sort());
    expect((await page(null, 'WAITING_FIRST_INTERVIEW')).nodes.map((n) => n.id)).toEqual([...waiting].sort());
    expect((await page(null, 'REVIEW_DUE')).nodes.map((n) => n.id)).toEqual(all.filter((p) => !waiting.includes(p)).sort());
  });
});

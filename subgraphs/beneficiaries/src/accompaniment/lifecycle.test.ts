import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newPerson, useTestIdentityKey } from '../test-support/factories.js';

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
    const planned = await appointment({ kind: 'FIRST', scheduledOn: '2026-02-23', status: 'PLANNED' }, referent);
    const plannedId = (planned.appointment as { id: string }).id;
    const held = await appointment({ appointmentId: plannedId, kind: 'FIRST', scheduledOn: '2026-02-23', status: 'HONOURED' }, referent);
    expect(held.appointment).toEqual({ id: plannedId, kind: 'FIRST', status: 'HONOURED', scheduledOn: '2026-02-23' });
    expect((await appointment({ appointmentId: plannedId, kind: 'FIRST', scheduledOn: '2026-02-23', status: 'MISSED' }, referent)).error?.code).toBe('INVALID_TRANSITION');

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
  it('moves SENT → ACCEPTED → DONE with dates in order, refuses other moves, and counts people currently referred per partner', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const partnerId = randomUUID();
    const em = orm.em.fork();
    const people = [];
    for (let i = 0; i < 3; i++) {
      const p = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: p, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', startedOn: '2026-01-20' });
      people.push(p);
    }
    const stranger = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const FIELDS_R = 'ok error { code } referral { id status sentOn answeredOn closedOn }';
    const create = (beneficiaryId: string): Promise<Record<string, unknown>> =>
      mutate(referent, 'createReferral', { beneficiaryId, serviceId: randomUUID(), partnerId, sentOn: '2026-03-01' }, FIELDS_R);
    expect(((await create(stranger)) as unknown as Result).error?.code).toBe('NOT_FOUND');
    const refs = [];
    for (const p of people) refs.push(((await create(p)) as { referral: { id: string; status: string } }).referral);
    expect(refs.map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT']);
    const update = (referralId: string, status: string, on: string): Promise<{ ok: boolean; error: { code: string } | null; referral: Record<string, unknown> | null }> =>
      mutate(referent, 'updateReferralStatus', { referralId, status, on }, FIELDS_R) as never;
    expect((await update(refs[0]!.id, 'DONE', '2026-03-05')).error?.code).toBe('INVALID_TRANSITION');
    expect((await update(refs[0]!.id, 'ACCEPTED', '2026-02-28')).error?.code).toBe('DATES_OUT_OF_ORDER');
    expect((await update(refs[0]!.id, 'ACCEPTED', '2026-03-03')).referral).toMatchObject({ status: 'ACCEPTED', answeredOn: '2026-03-03', closedOn: null });
    expect((await update(refs[0]!.id, 'DONE', '2026-03-10')).referral).toMatchObject({ status: 'DONE', answeredOn: '2026-03-03', closedOn: '2026-03-10' });
    expect((await update(refs[0]!.id, 'NO_SHOW', '2026-03-11')).error?.code).toBe('INVALID_TRANSITION');
    expect((await update(refs[1]!.id, 'REFUSED', '2026-03-02')).referral).toMatchObject({ status: 'REFUSED', answeredOn: '2026-03-02' });
    // Only the third is still open (sent); the partner's operator sees the count through the Partner entity.
    const { data } = await execute<{ _entities: { peopleReferred: number }[] }>(
      schema,
      testContext(orm, admin),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { peopleReferred } } }',
      { r: [{ __typename: 'Partner', id: partnerId }, { __typename: 'Partner', id: randomUUID() }] },
    );
    expect(data!._entities).toEqual([{ peopleReferred: 1 }, { peopleReferred: 0 }]);
    // An aggregate about people: 1 is hidden from steering, not from the partner's own operator.
    const referred = async (caller: ReturnType<typeof testCaller>): Promise<unknown> =>
      (
        await execute<{ _entities: unknown[] }>(schema, testContext(orm, caller), 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { peopleReferred referred { value suppressed } } } }', {
          r: [{ __typename: 'Partner', id: partnerId }],
        })
      ).data!._entities;
    expect(await referred(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }))).toEqual([{ peopleReferred: null, referred: { value: null, suppressed: true } }]);
    expect(await referred(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId }))).toEqual([{ peopleReferred: 1, referred: { value: 1, suppressed: false } }]);
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

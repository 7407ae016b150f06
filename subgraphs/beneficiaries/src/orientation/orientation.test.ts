import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, todayIso, type Caller } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newPerson, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 29 (Finistère) in the shared test database.
const DEPARTMENT = '29';
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;
let territory: string;
const admin = testCaller({ departmentCode: DEPARTMENT });
const today = todayIso();
const daysAgo = (n: number): string => addDays(today, -n);

type Answer = { ok: boolean; error: { code: string; field: string | null } | null } & Record<string, unknown>;
const ORIENTATION = 'ok error { code field } orientation { id track { code label } leadKind leadPartnerId criteria { code } decidedOn notifiedOn source recordedBy reason previousOrientationId requestId }';
const REQUEST = 'ok error { code field } request { id status reason requestedOn decidedOn decisionReason resultingOrientationId requestedBy proposedTrack { code } }';

async function run<T>(caller: Caller, source: string, variables: Record<string, unknown> = {}): Promise<{ data: T | null; errors: string[] }> {
  return execute<T>(schema, testContext(orm, caller), source, variables);
}
async function mutate(caller: Caller, name: string, args: string, variables: Record<string, unknown>, fields: string): Promise<Answer> {
  const { data, errors } = await run<Record<string, Answer>>(caller, `mutation (${args}) { ${name}(${args.replace(/\$(\w+): [^,]+/g, '$1: $$$1')}) { ${fields} } }`, variables);
  if (errors.length) throw new Error(errors.join('; '));
  return data![name]!;
}
const decide = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'decideOrientation', '$input: DecideOrientationInput!', { input }, ORIENTATION);
const notify = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'notifyOrientation', '$input: NotifyOrientationInput!', { input }, ORIENTATION);
const request = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'requestReorientation', '$input: RequestReorientationInput!', { input }, REQUEST);
const answer = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'decideReorientation', '$input: DecideReorientationInput!', { input }, REQUEST);
const withdraw = (caller: Caller, requestId: string): Promise<Answer> => mutate(caller, 'withdrawReorientation', '$requestId: ID!', { requestId }, REQUEST);

async function kindOf(id: string): Promise<string> {
  return (await orm.em.fork().execute<{ k: string }[]>('select orientation_kind as k from beneficiaries.beneficiary where id = ?', [id]))[0]!.k;
}
async function auditOf(userId: string): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ line: string }[]>(`select operation || ' ' || record_type as line from audit.access_log where user_id = ? order by id`, [userId]);
  return rows.map((r) => r.line);
}

/** A person followed by `referent` in an accompaniment in progress run by `operatorId`. */
async function followed(referent: Caller, operatorId = randomUUID()): Promise<string> {
  const person = await newPerson(orm.em.fork(), { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
  await newAccompaniment(orm.em.fork(), { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territory, referentId: referent.userId, operatorId, prescribedOn: daysAgo(200), startedOn: daysAgo(190) });
  return person;
}
const FIRST = { track: 'SOCIAL', leadKind: 'DEPARTMENT', criteria: ['HEALTH', 'HOUSING'], decidedOn: daysAgo(120) };

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

describe('orientation reference data', () => {
  it('holds the three tracks and the criteria, with their French labels', async () => {
    const { data } = await run<{ orientationTracks: { code: string; label: string }[]; orientationCriteria: { code: string; label: string }[] }>(
      testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }),
      '{ orientationTracks { code label } orientationCriteria { code label } }',
    );
    expect(data!.orientationTracks).toEqual([
      { code: 'PRO', label: 'Professionnel' },
      { code: 'SOCIO_PRO', label: 'Socio-professionnel' },
      { code: 'SOCIAL', label: 'Social (remobilisation)' },
    ]);
    expect(data!.orientationCriteria.map((c) => c.code)).toEqual(expect.arrayContaining(['HEALTH', 'HOUSING', 'MOBILITY', 'CHILDCARE', 'PROFESSIONAL_EXPERIENCE', 'QUALIFICATION', 'LANGUAGE']));
  });
});

describe('the orientation decision', () => {
  it('is dated and sourced, notified once, kept in a history newest first, and keeps orientationKind in step', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    expect((await run(referent, 'mutation ($input: DecideOrientationInput!) { decideOrientation(input: $input) { ok } }', { input: { beneficiaryId: person, ...FIRST } })).errors).toEqual([
      'Your role (REFERENT) may not decide orientations.',
    ]);
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, decidedOn: '2026-02-30' })).error).toEqual({ code: 'INVALID_DATE', field: 'input.decidedOn' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, decidedOn: addDays(today, 1) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.decidedOn' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, track: 'NOWHERE' })).error).toEqual({ code: 'UNKNOWN_TRACK', field: 'input.track' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, criteria: ['HEALTH', 'ASTROLOGY'] })).error).toEqual({ code: 'UNKNOWN_CRITERION', field: 'input.criteria' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, leadKind: 'PARTNER' })).error).toEqual({ code: 'LEAD_PARTNER_REQUIRED', field: 'input.leadPartnerId' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, leadPartnerId: randomUUID() })).error).toEqual({ code: 'LEAD_PARTNER_NOT_ALLOWED', field: 'input.leadPartnerId' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, source: 'IMPORT' })).error).toEqual({ code: 'SOURCE_NOT_ALLOWED', field: 'input.source' });
    expect((await decide(admin, { beneficiaryId: person, ...FIRST, notifiedOn: daysAgo(121) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.notifiedOn' });
    // Another Département's administrator does not reach the person.
    expect((await decide(testCaller({ departmentCode: '62' }), { beneficiaryId: person, ...FIRST })).error?.code).toBe('NOT_FOUND');

    const first = await decide(admin, { beneficiaryId: person, ...FIRST, source: 'FRANCE_TRAVAIL' });
    expect(first.orientation).toMatchObject({
      track: { code: 'SOCIAL', label: 'Social (remobilisation)' },
      leadKind: 'DEPARTMENT',
      criteria: [{ code: 'HEALTH' }, { code: 'HOUSING' }],
      decidedOn: daysAgo(120),
      notifiedOn: null,
      source: 'FRANCE_TRAVAIL',
      recordedBy: admin.userId,
      reason: null,
      previousOrientationId: null,
    });
    const firstId = (first.orientation as { id: string }).id;
    expect(await kindOf(person)).toBe('SOCIAL');

    expect((await notify(admin, { orientationId: firstId, notifiedOn: daysAgo(121) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.notifiedOn' });
    expect((await notify(admin, { orientationId: firstId, notifiedOn: daysAgo(110) })).orientation).toMatchObject({ notifiedOn: daysAgo(110) });
    expect((await notify(admin, { orientationId: firstId, notifiedOn: daysAgo(100) })).error?.code).toBe('ALREADY_NOTIFIED');

    // A second decision is a reorientation: its reason is required, and it is not dated before the current one.
    const second = { beneficiaryId: person, track: 'SOCIO_PRO', leadKind: 'PARTNER', leadPartnerId: randomUUID(), criteria: ['MOBILITY'], decidedOn: daysAgo(30), notifiedOn: daysAgo(28) };
    expect((await decide(admin, second)).error).toEqual({ code: 'REASON_REQUIRED', field: 'input.reason' });
    expect((await decide(admin, { ...second, reason: 'Santé stabilisée', decidedOn: daysAgo(121) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.decidedOn' });
    const reoriented = await decide(admin, { ...second, reason: 'Santé stabilisée' });
    expect(reoriented.orientation).toMatchObject({ track: { code: 'SOCIO_PRO' }, previousOrientationId: firstId, reason: 'Santé stabilisée', notifiedOn: daysAgo(28), source: 'DEPARTMENT' });
    expect(await kindOf(person)).toBe('SOCIO_PRO');

    const { data } = await run<{ beneficiary: { orientationKind: string; currentOrientation: { id: string }; orientations: { id: string; track: { code: string } }[]; viewerCanDecideOrientation: boolean } }>(
      admin,
      'query ($id: ID!) { beneficiary(id: $id) { orientationKind currentOrientation { id } orientations { id track { code } } viewerCanDecideOrientation } }',
      { id: person },
    );
    const reorientedId = (reoriented.orientation as { id: string }).id;
    expect(data!.beneficiary).toEqual({
      orientationKind: 'SOCIO_PRO',
      currentOrientation: { id: reorientedId },
      orientations: [
        { id: reorientedId, track: { code: 'SOCIO_PRO' } },
        { id: firstId, track: { code: 'SOCIAL' } },
      ],
      viewerCanDecideOrientation: true,
    });
    expect((await auditOf(admin.userId)).filter((l) => l.endsWith('Orientation'))).toEqual(['CREATE Orientation', 'UPDATE Orientation', 'CREATE Orientation']);
  });
});

describe('the reorientation request', () => {
  it('goes REQUESTED → ACCEPTED: the new orientation is written, dated, with the request’s reason, and the history keeps the old one', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    const proposal = { beneficiaryId: person, proposedTrack: 'SOCIO_PRO', reason: 'Soins en place, projet de formation' };
    expect((await request(referent, proposal)).error?.code).toBe('NO_ORIENTATION');
    const current = (await decide(admin, { beneficiaryId: person, ...FIRST })).orientation as { id: string };
    expect((await request(referent, { ...proposal, proposedTrack: 'SOCIAL' })).error).toEqual({ code: 'SAME_TRACK', field: 'input.proposedTrack' });
    expect((await request(referent, { ...proposal, reason: '   ' })).error).toEqual({ code: 'REASON_REQUIRED', field: 'input.reason' });
    expect((await request(referent, { ...proposal, requestedOn: daysAgo(121) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.requestedOn' });
    const asked = await request(referent, proposal);
    expect(asked.request).toMatchObject({ status: 'REQUESTED', reason: proposal.reason, requestedOn: today, requestedBy: referent.userId, proposedTrack: { code: 'SOCIO_PRO' } });
    const id = (asked.request as { id: string }).id;
    expect((await request(referent, proposal)).error?.code).toBe('REQUEST_PENDING');

    // The référent sees it on the person's page, may withdraw it, may not answer it.
    const seen = await run<{ beneficiary: { viewerCanRequestReorientation: boolean; reorientationRequests: { id: string; viewerCanDecide: boolean; viewerCanWithdraw: boolean }[] } }>(
      referent,
      'query ($id: ID!) { beneficiary(id: $id) { viewerCanRequestReorientation reorientationRequests { id viewerCanDecide viewerCanWithdraw } } }',
      { id: person },
    );
    expect(seen.data!.beneficiary).toEqual({ viewerCanRequestReorientation: true, reorientationRequests: [{ id, viewerCanDecide: false, viewerCanWithdraw: true }] });
    expect((await run(referent, 'mutation ($input: DecideReorientationInput!) { decideReorientation(input: $input) { ok } }', { input: { requestId: id, decision: 'ACCEPTED', decidedOn: today } })).errors).toEqual([
      'Your role (REFERENT) may not decide orientations.',
    ]);

    expect((await answer(admin, { requestId: id, decision: 'ACCEPTED', decidedOn: today })).error).toEqual({ code: 'LEAD_REQUIRED', field: 'input.leadKind' });
    expect((await answer(admin, { requestId: id, decision: 'ACCEPTED', decidedOn: daysAgo(1), leadKind: 'FRANCE_TRAVAIL' })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.decidedOn' });
    const accepted = await answer(admin, { requestId: id, decision: 'ACCEPTED', decidedOn: today, leadKind: 'FRANCE_TRAVAIL', criteria: ['QUALIFICATION'], notifiedOn: today });
    expect(accepted.request).toMatchObject({ status: 'ACCEPTED', decidedOn: today, resultingOrientationId: expect.any(String) as unknown });
    expect(await kindOf(person)).toBe('SOCIO_PRO');
    const { data } = await run<{ beneficiary: { orientations: Record<string, unknown>[] } }>(
      admin,
      'query ($id: ID!) { beneficiary(id: $id) { orientations { id track { code } leadKind decidedOn notifiedOn reason previousOrientationId requestId source } } }',
      { id: person },
    );
    expect(data!.beneficiary.orientations).toEqual([
      { id: (accepted.request as { resultingOrientationId: string }).resultingOrientationId, track: { code: 'SOCIO_PRO' }, leadKind: 'FRANCE_TRAVAIL', decidedOn: today, notifiedOn: today, reason: proposal.reason, previousOrientationId: current.id, requestId: id, source: 'DEPARTMENT' },
      { id: current.id, track: { code: 'SOCIAL' }, leadKind: 'DEPARTMENT', decidedOn: daysAgo(120), notifiedOn: null, reason: null, previousOrientationId: null, requestId: null, source: 'DEPARTMENT' },
    ]);
    expect((await withdraw(referent, id)).error?.code).toBe('ALREADY_DECIDED');
    expect(await auditOf(referent.userId)).toContain('CREATE ReorientationRequest');
    expect((await auditOf(admin.userId)).slice(-3)).toEqual(['UPDATE ReorientationRequest', 'CREATE Orientation', 'READ Beneficiary']);
  });

  it('is refused with a reason, once: a request refused twice is not accepted, and the orientation stays', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    await decide(admin, { beneficiaryId: person, ...FIRST });
    const id = ((await request(referent, { beneficiaryId: person, proposedTrack: 'PRO', reason: 'Souhaite reprendre un emploi' })).request as { id: string }).id;
    expect((await answer(admin, { requestId: id, decision: 'REFUSED', decidedOn: today })).error).toEqual({ code: 'REASON_REQUIRED', field: 'input.reason' });
    const refused = await answer(admin, { requestId: id, decision: 'REFUSED', decidedOn: today, reason: 'Soins à poursuivre' });
    expect(refused.request).toMatchObject({ status: 'REFUSED', decisionReason: 'Soins à poursuivre', resultingOrientationId: null });
    expect((await answer(admin, { requestId: id, decision: 'REFUSED', decidedOn: today, reason: 'Encore' })).error?.code).toBe('ALREADY_DECIDED');
    expect((await answer(admin, { requestId: id, decision: 'ACCEPTED', decidedOn: today, leadKind: 'FRANCE_TRAVAIL' })).error?.code).toBe('ALREADY_DECIDED');
    expect(await kindOf(person)).toBe('SOCIAL');
    const rows = await orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from beneficiaries.orientation where beneficiary_id = ?', [person]);
    expect(rows[0]!.n).toBe(1);
    // Once answered, a new request may be made.
    expect((await request(referent, { beneficiaryId: person, proposedTrack: 'PRO', reason: 'Nouvel élément' })).ok).toBe(true);
  });

  it('is withdrawn by its requester only', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const operatorId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: operatorId });
    const person = await followed(referent, operatorId);
    await decide(admin, { beneficiaryId: person, ...FIRST });
    // The operator running the person's accompaniment may request too.
    const id = ((await request(operator, { beneficiaryId: person, proposedTrack: 'SOCIO_PRO', reason: 'Mobilité retrouvée' })).request as { id: string }).id;
    expect((await withdraw(referent, id)).error?.code).toBe('NOT_THE_REQUESTER');
    expect((await withdraw(operator, id)).request).toMatchObject({ status: 'WITHDRAWN', decidedOn: today });
    expect((await answer(admin, { requestId: id, decision: 'ACCEPTED', decidedOn: today, leadKind: 'DEPARTMENT' })).error?.code).toBe('ALREADY_DECIDED');
  });

  it('keeps to the rows: someone else’s référent, another operator and another Département reach nothing', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    await decide(admin, { beneficiaryId: person, ...FIRST });
    const stranger = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const otherOperator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() });
    const proposal = { beneficiaryId: person, proposedTrack: 'PRO', reason: 'Emploi' };
    expect((await request(stranger, proposal)).error).toEqual({ code: 'NOT_FOUND', field: 'input.beneficiaryId' });
    expect((await request(otherOperator, proposal)).error?.code).toBe('NOT_FOUND');
    expect((await request(testCaller({ departmentCode: '62', role: 'REFERENT', userId: referent.userId }), proposal)).error?.code).toBe('NOT_FOUND');
    const id = ((await request(referent, proposal)).request as { id: string }).id;

    const list = async (caller: Caller): Promise<string[]> => {
      const { data, errors } = await run<{ reorientationRequests: { nodes: { id: string }[] } }>(caller, '{ reorientationRequests(first: 100) { nodes { id } } }');
      if (errors.length) throw new Error(errors.join('; '));
      return data!.reorientationRequests.nodes.map((n) => n.id);
    };
    expect(await list(admin)).toContain(id);
    expect(await list(referent)).toEqual([id]);
    expect(await list(stranger)).toEqual([]);
    expect(await list(otherOperator)).toEqual([]);
    expect(await list(testCaller({ departmentCode: '62' }))).not.toContain(id);
    expect((await answer(testCaller({ departmentCode: '62' }), { requestId: id, decision: 'REFUSED', decidedOn: today, reason: 'x' })).error?.code).toBe('NOT_FOUND');
    // An administrator limited to other territories does not reach it either.
    expect((await answer(testCaller({ departmentCode: DEPARTMENT, territoryIds: ['29-elsewhere'] }), { requestId: id, decision: 'REFUSED', decidedOn: today, reason: 'x' })).error?.code).toBe('NOT_FOUND');
    expect((await run(testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' }), '{ reorientationRequests(first: 5) { nodes { id } } }')).errors).toEqual(['Your role (PRESCRIBER) may not read reorientation requests.']);
    expect(await auditOf(admin.userId)).toContain('READ ReorientationRequest');
  });

  it('takes exactly one of two answers given at once', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    await decide(admin, { beneficiaryId: person, ...FIRST });
    const id = ((await request(referent, { beneficiaryId: person, proposedTrack: 'SOCIO_PRO', reason: 'Projet' })).request as { id: string }).id;
    const otherAdmin = testCaller({ departmentCode: DEPARTMENT });
    const answers = await Promise.all([
      answer(admin, { requestId: id, decision: 'ACCEPTED', decidedOn: today, leadKind: 'DEPARTMENT' }),
      answer(otherAdmin, { requestId: id, decision: 'ACCEPTED', decidedOn: today, leadKind: 'FRANCE_TRAVAIL' }),
    ]);
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    expect(answers.find((a) => !a.ok)!.error?.code).toBe('ALREADY_DECIDED');
    const rows = await orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from beneficiaries.orientation where beneficiary_id = ?', [person]);
    expect(rows[0]!.n).toBe(2);
    expect(await kindOf(person)).toBe('SOCIO_PRO');
  });
});

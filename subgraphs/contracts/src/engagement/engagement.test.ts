import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { todayIso, type Caller } from '@passerelles/subgraph-kit';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsSubgraph } from '../subgraph.js';
import { newEngagementContract } from '../test-support/factories.js';
import { defaultEndsOn, effectiveStatus, renewalOpensOn } from './engagement.rules.js';

// This file owns Département 12 (Aveyron) in the shared test database.
const DEPARTMENT = '12';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });

interface Result {
  ok: boolean;
  error: { code: string } | null;
  contract: { id: string; startsOn: string; endsOn: string; status: string; renewedFromId: string | null } | null;
}

async function mutate(field: string, defs: string, variables: Record<string, unknown>, caller: Caller = admin): Promise<Result> {
  const { data, errors } = await execute<{ r: Result }>(schema, testContext(orm, caller), `mutation (${defs}) { r: ${field} { ok error { code } contract { id startsOn endsOn status renewedFromId } } }`, variables);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return data!.r;
}
const create = (input: Record<string, unknown>, caller: Caller = admin): Promise<Result> => mutate('createContract(input: $input)', '$input: CreateContractInput!', { input }, caller);
const sign = (id: string, signedOn: string, caller: Caller = admin): Promise<Result> => mutate('signContract(id: $id, signedOn: $on)', '$id: ID!, $on: String!', { id, on: signedOn }, caller);

beforeAll(async () => {
  orm = await openTestOrm(contractsSubgraph, counter);
  schema = await contractsSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('CER dates', () => {
  it('lasts 6 months by default, renewal opens at month 5, status follows the dates', () => {
    expect(defaultEndsOn('CER', '2025-01-15')).toBe('2025-07-14');
    expect(defaultEndsOn('CER', '2025-09-01')).toBe('2026-02-28');
    expect(defaultEndsOn('CER', '2025-08-31')).toBe('2026-02-27');
    expect(renewalOpensOn('2025-01-15')).toBe('2025-06-15');
    expect(effectiveStatus('SIGNED', '2025-01-15', '2025-07-14', '2025-01-14')).toBe('SIGNED');
    expect(effectiveStatus('SIGNED', '2025-01-15', '2025-07-14', '2025-01-15')).toBe('ACTIVE');
    expect(effectiveStatus('RENEWAL_REQUESTED', '2025-01-15', '2025-07-14', '2025-07-15')).toBe('ENDED');
  });

  it('refuses dates out of order, and a CER overlapping another signed CER of the same person', async () => {
    const beneficiaryId = randomUUID();
    expect((await create({ beneficiaryId, kind: 'CER', startsOn: '2025-03-01', endsOn: '2025-03-01' })).error).toEqual({ code: 'DATES_OUT_OF_ORDER' });
    const first = await create({ beneficiaryId, kind: 'CER', startsOn: '2025-01-15', commitments: [{ theme: 'HEALTH', kind: 'OBJECTIVE', party: 'BENEFICIARY', description: 'Faire un bilan de santé' }] });
    expect(first.contract).toMatchObject({ startsOn: '2025-01-15', endsOn: '2025-07-14', status: 'DRAFT' });
    expect((await sign(first.contract!.id, '2025-01-15')).contract?.status).toBe('ENDED');
    // Overlaps the last day of the first CER.
    const overlapping = await create({ beneficiaryId, kind: 'CER', startsOn: '2025-07-14' });
    expect(await sign(overlapping.contract!.id, '2025-07-10')).toEqual({ ok: false, error: { code: 'OVERLAPPING_CER' }, contract: null });
    // A PPAE is not a CER; a cancelled CER does not count; the day after is free.
    const ppae = await create({ beneficiaryId, kind: 'PPAE', startsOn: '2025-02-01', endsOn: '2025-12-31' });
    expect((await sign(ppae.contract!.id, '2025-02-01')).ok).toBe(true);
    await mutate('cancelContract(id: $id, on: $on)', '$id: ID!, $on: String!', { id: overlapping.contract!.id, on: '2025-07-11' });
    const next = await create({ beneficiaryId, kind: 'CER', startsOn: '2025-07-15' });
    expect((await sign(next.contract!.id, '2025-07-15')).ok).toBe(true);
    expect((await sign(next.contract!.id, '2025-07-15')).error).toEqual({ code: 'NOT_A_DRAFT' });
  });

  it('creates a signed CER in one transaction: an overlap leaves nothing behind, not even a draft', async () => {
    const beneficiaryId = randomUUID();
    const signed = await create({ beneficiaryId, kind: 'CER', startsOn: '2026-03-01', signedOn: '2026-02-25' });
    expect(signed).toMatchObject({ ok: true, contract: { startsOn: '2026-03-01', endsOn: '2026-08-31' } });
    const { data } = await execute<{ engagementContract: { signedOn: string; history: { status: string; changedOn: string }[] } }>(
      schema,
      testContext(orm, admin),
      'query ($id: ID!) { engagementContract(id: $id) { signedOn history { status changedOn } } }',
      { id: signed.contract!.id },
    );
    expect(data?.engagementContract).toEqual({ signedOn: '2026-02-25', history: [{ status: 'SIGNED', changedOn: '2026-02-25' }] });

    expect(await create({ beneficiaryId, kind: 'CER', startsOn: '2026-08-01', signedOn: '2026-07-20' })).toEqual({ ok: false, error: { code: 'OVERLAPPING_CER' }, contract: null });
    expect((await create({ beneficiaryId, kind: 'CER', startsOn: '2026-09-01', endsOn: '2026-12-31', signedOn: '2027-01-05' })).error).toEqual({ code: 'SIGNED_AFTER_END' });
    expect((await create({ beneficiaryId, kind: 'CER', startsOn: '2026-09-01', signedOn: '2026-02-30' })).error).toEqual({ code: 'BAD_USER_INPUT' });
    const rows: { status: string }[] = await orm.em.fork().execute(`select status from contracts.engagement_contract where department_code = ? and beneficiary_id = ?`, [DEPARTMENT, beneficiaryId]);
    expect(rows).toEqual([{ status: 'SIGNED' }]);
  });

  it('opens renewal at month 5, renews from the day after, and keeps the history', async () => {
    const beneficiaryId = randomUUID();
    const cer = await create({
      beneficiaryId,
      kind: 'CER',
      startsOn: '2025-01-15',
      commitments: [
        { theme: 'HOUSING', kind: 'OBJECTIVE', party: 'BENEFICIARY', description: 'Trouver un logement' },
        { theme: 'RIGHTS', kind: 'ACTION', party: 'REFERENT', description: 'Dossier MDPH' },
      ],
    });
    const id = cer.contract!.id;
    await sign(id, '2025-01-10');
    const renewal = (on: string): Promise<Result> => mutate('requestContractRenewal(id: $id, on: $on)', '$id: ID!, $on: String!', { id, on });
    expect((await renewal('2025-06-14')).error).toEqual({ code: 'TOO_EARLY_FOR_RENEWAL' });
    expect((await renewal('2025-06-15')).ok).toBe(true);
    const commitments = await execute<{ engagementContract: { commitments: { id: string }[] } }>(schema, testContext(orm, admin), 'query ($id: ID!) { engagementContract(id: $id) { commitments { id } } }', { id });
    await mutate('updateContractCommitment(input: $input)', '$input: UpdateCommitmentInput!', { input: { commitmentId: commitments.data!.engagementContract.commitments[1]!.id, status: 'DONE', assessment: 'Dossier déposé' } });
    const renewed = await mutate('renewContract(id: $id, signedOn: $on)', '$id: ID!, $on: String!', { id, on: '2025-07-01' });
    expect(renewed.contract).toMatchObject({ startsOn: '2025-07-15', endsOn: '2026-01-14', renewedFromId: id });

    const { data } = await execute<{ _entities: { contracts: { id: string; status: string; history: { status: string; changedOn: string }[]; commitments: { description: string; status: string }[] }[] }[] }>(
      schema,
      testContext(orm, admin),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Beneficiary { contracts { id status history { status changedOn } commitments { description status } } } } }',
      { r: [{ __typename: 'Beneficiary', id: beneficiaryId }] },
    );
    const [newest, oldest] = data!._entities[0]!.contracts;
    expect(newest?.id).toBe(renewed.contract!.id);
    expect(newest?.commitments).toEqual([{ description: 'Trouver un logement', status: 'PLANNED' }]);
    expect(oldest).toMatchObject({ id, status: 'RENEWED' });
    expect(oldest?.history.map((h) => h.status)).toEqual(['DRAFT', 'SIGNED', 'RENEWAL_REQUESTED', 'RENEWED']);
    expect(oldest?.history.slice(1).map((h) => h.changedOn)).toEqual(['2025-01-10', '2025-06-15', '2025-07-01']);
  });
});

describe('who sees contracts', () => {
  it('gives a référent their own contracts only, refuses steering, and audits every read', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const mine = await create({ beneficiaryId: randomUUID(), kind: 'CER', startsOn: '2025-02-01', referentId: randomUUID() }, referent);
    const theirs = await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2025-02-01', referentId: 'someone-else' });
    const query = 'query ($a: ID!, $b: ID!) { a: engagementContract(id: $a) { id referentId } b: engagementContract(id: $b) { id } }';
    const { data } = await execute(schema, testContext(orm, referent), query, { a: mine.contract!.id, b: theirs });
    expect(data).toEqual({ a: { id: mine.contract!.id, referentId: referent.userId }, b: null });
    const steering = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' })), query, { a: mine.contract!.id, b: theirs });
    expect(steering.errors[0]).toBe('Your role (STEERING) may not read or write engagement contracts.');
    const log: { operation: string; record_ids: string[] }[] = await orm.em.fork().execute(`select operation, record_ids from audit.access_log where user_id = ? order by id`, [referent.userId]);
    expect(log).toEqual([
      { operation: 'CREATE', record_ids: [mine.contract!.id] },
      { operation: 'READ', record_ids: [mine.contract!.id] },
    ]);
  });
});

describe('operators, territories and the end of a contract', () => {
  it('gives an operator the contracts of its partner only, and a territory-limited caller those of its territories', async () => {
    const partnerId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId });
    const beneficiaryId = randomUUID();
    const own = await create({ beneficiaryId, kind: 'CER', startsOn: '2025-03-01', operatorId: randomUUID(), territoryId: '12-north' }, operator);
    const other = await create({ beneficiaryId: randomUUID(), kind: 'CER', startsOn: '2025-03-01', operatorId: randomUUID(), territoryId: '12-south' });
    const query = 'query ($a: ID!, $b: ID!) { a: engagementContract(id: $a) { id operatorId } b: engagementContract(id: $b) { id } }';
    expect((await execute(schema, testContext(orm, operator), query, { a: own.contract!.id, b: other.contract!.id })).data).toEqual({ a: { id: own.contract!.id, operatorId: partnerId }, b: null });
    expect((await sign(other.contract!.id, '2025-03-01', operator)).error).toEqual({ code: 'NOT_FOUND' });
    const north = testCaller({ departmentCode: DEPARTMENT, territoryIds: ['12-north'] });
    expect((await execute(schema, testContext(orm, north), query, { a: own.contract!.id, b: other.contract!.id })).data).toEqual({ a: { id: own.contract!.id, operatorId: partnerId }, b: null });
    const elsewhere = testCaller({ departmentCode: '15' });
    expect((await execute(schema, testContext(orm, elsewhere), query, { a: own.contract!.id, b: other.contract!.id })).data).toEqual({ a: null, b: null });
  });

  it('ends a contract early with its final assessment, which frees the rest of the period', async () => {
    const beneficiaryId = randomUUID();
    const first = await create({ beneficiaryId, kind: 'CER', startsOn: '2025-01-01' });
    await sign(first.contract!.id, '2025-01-01');
    const ended = await mutate('endContract(id: $id, endedOn: $on, finalAssessment: $a)', '$id: ID!, $on: String!, $a: String!', { id: first.contract!.id, on: '2025-03-31', a: 'Réorientation vers le droit commun' });
    expect(ended.contract).toMatchObject({ startsOn: '2025-01-01', endsOn: '2025-03-31', status: 'ENDED' });
    const next = await create({ beneficiaryId, kind: 'CER', startsOn: '2025-04-01' });
    expect((await sign(next.contract!.id, '2025-04-01')).ok).toBe(true);
    const { data } = await execute<{ engagementContract: { finalAssessment: string } }>(schema, testContext(orm, admin), 'query ($id: ID!) { engagementContract(id: $id) { finalAssessment } }', { id: first.contract!.id });
    expect(data?.engagementContract.finalAssessment).toBe('Réorientation vers le droit commun');
    expect((await mutate('endContract(id: $id, endedOn: $on, finalAssessment: $a)', '$id: ID!, $on: String!, $a: String!', { id: first.contract!.id, on: '2025-04-30', a: 'x' })).error).toEqual({ code: 'NOT_IN_FORCE' });
  });
});

describe('alerts', () => {
  it('lists CER ending within 30 days and CER past month 5 with no renewal request', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const asOf = '2030-06-20';
    // Ends 2030-07-09: within 30 days, and past month 5 (2030-06-10).
    const ending = await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2030-01-10', referentId: referent.userId });
    // A one-year CER from 2030-01-01: past month 5, ends in December.
    const long = await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2030-01-01', endsOn: '2030-12-31', referentId: referent.userId });
    // Renewal requested: no alert. Recent: no alert. Another référent's: not theirs.
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2030-01-10', status: 'RENEWAL_REQUESTED', referentId: referent.userId });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2030-05-01', referentId: referent.userId });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2030-01-10', referentId: 'other' });
    counter.reset();
    const { data, errors } = await execute<{ contractAlerts: { kind: string; daysLeft: number; contract: { id: string } }[] }>(
      schema,
      testContext(orm, referent),
      'query ($asOf: String) { contractAlerts(asOf: $asOf) { kind daysLeft contract { id } } }',
      { asOf },
    );
    expect(errors).toEqual([]);
    expect(data?.contractAlerts).toEqual([
      { kind: 'ENDING_SOON', daysLeft: 19, contract: { id: ending } },
      { kind: 'RENEWAL_NOT_REQUESTED', daysLeft: 19, contract: { id: ending } },
      { kind: 'RENEWAL_NOT_REQUESTED', daysLeft: 194, contract: { id: long } },
    ]);
    // The alert query, then one batched read of the contracts and one audit line.
    expect(counter.count).toBe(3);
  });
});

describe('indicators', () => {
  it('counts CER signed, in force and renewed, and the share of objectives done; steering reads its whole reach by closed calendar year, suppressed as groups, no stock', async () => {
    const territoryId = `12-test-${randomUUID()}`;
    // The first quarter of 2025, a closed year: steering callers ask only periods of the grid (statistical secrecy).
    const period = { from: '2025-01-01', to: '2025-03-31' };
    // 12 CER signed in the period, 3 of them renewals; 2 signed before; 1 draft, 1 cancelled.
    const previous = await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2024-07-01', endsOn: '2024-12-31', status: 'RENEWED', objectives: ['DONE', 'ABANDONED'] });
    for (let i = 0; i < 9; i++) await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2025-02-01', objectives: i < 5 ? ['DONE', 'IN_PROGRESS'] : ['PLANNED'] });
    for (let i = 0; i < 3; i++) await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2025-01-01', signedOn: '2025-01-01', renewedFromId: previous, objectives: ['DONE'] });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2024-12-01', signedOn: '2024-11-20', objectives: ['DONE', 'DONE'] });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2025-03-01', status: 'DRAFT', objectives: ['DONE'] });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2025-03-01', status: 'CANCELLED', signedOn: '2025-02-20', objectives: ['DONE'] });
    const query = 'query ($p: PeriodInput!, $s: ContractIndicatorScopeInput) { contractIndicators(period: $p, scope: $s) { cerSigned { value suppressed } cerActive { value } cerRenewed { value suppressed } objectives { value } objectivesDone { value } objectivesDonePercent } }';
    const exact = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, admin), query, { p: period, s: { territoryId } });
    expect(exact.errors).toEqual([]);
    // In force on 31/03: the 9 from 01/02 (to 31/07), the 3 renewals (to 30/06) and the one from 01/12 (to 31/05).
    // Objectives of CER in force during the period: 5×2 + 4×1 + 3×1 + 2 = 19, done 5 + 3 + 2 = 10 (53 %).
    expect(exact.data?.contractIndicators).toEqual({
      cerSigned: { value: 12, suppressed: false },
      cerActive: { value: 13 },
      cerRenewed: { value: 3, suppressed: false },
      objectives: { value: 19 },
      objectivesDone: { value: 10 },
      objectivesDonePercent: 53,
    });
    // A steering caller reads contract figures for their whole reach over a closed calendar year only:
    // a quarter, or a territory chosen, is « non publié à ce niveau » (ADR 0023).
    const NOT_PUBLISHED = { value: null, suppressed: true };
    const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });
    for (const [p, scope] of [
      [period, { territoryId }],
      [period, {}],
      [{ from: '2025-01-01', to: '2025-12-31' }, { territoryId }],
    ] as const) {
      const refused = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, steering), query, { p, s: scope });
      expect(refused.data?.contractIndicators).toEqual({ cerSigned: NOT_PUBLISHED, cerActive: { value: null }, cerRenewed: NOT_PUBLISHED, objectives: { value: null }, objectivesDone: { value: null }, objectivesDonePercent: null });
    }
    // Limited to this territory, the year 2025 is their whole reach: 12 signed, of which 3
    // renewals and 9 first CER, both « < 11 »; no stock; 10 of the 19 objectives done and 9 not,
    // both « < 11 », so the 19 is hidden too (else the 10 would be 9 or 10).
    const limited = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [territoryId] });
    const year = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, limited), query, { p: { from: '2025-01-01', to: '2025-12-31' }, s: {} });
    expect(year.errors).toEqual([]);
    expect(year.data?.contractIndicators).toEqual({
      cerSigned: { value: 12, suppressed: false },
      cerActive: { value: null },
      cerRenewed: { value: null, suppressed: true },
      objectives: { value: null },
      objectivesDone: { value: null },
      objectivesDonePercent: null,
    });
    // Naming the whole of one's reach chooses nothing: a caller's only territory, an operator's own
    // structure, answer as without a filter; another operator is « non publié à ce niveau ».
    const own = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, limited), query, { p: { from: '2025-01-01', to: '2025-12-31' }, s: { territoryId } });
    expect(own.data?.contractIndicators).toEqual(year.data?.contractIndicators);
    const partnerId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId });
    const asOperator = (s: object) => execute<{ contractIndicators: unknown }>(schema, testContext(orm, operator), query, { p: { from: '2025-01-01', to: '2025-12-31' }, s });
    const [whole, ownStructure, another] = await Promise.all([asOperator({}), asOperator({ operatorId: partnerId }), asOperator({ operatorId: randomUUID() })]);
    expect(whole.errors).toEqual([]);
    expect(whole.data?.contractIndicators).not.toEqual(another.data?.contractIndicators);
    expect(ownStructure.data?.contractIndicators).toEqual(whole.data?.contractIndicators);
    expect(another.data?.contractIndicators).toEqual({ cerSigned: NOT_PUBLISHED, cerActive: { value: null }, cerRenewed: NOT_PUBLISHED, objectives: { value: null }, objectivesDone: { value: null }, objectivesDonePercent: null });
    // The current year, whole or cut at today, is not closed (ADR 0023, « time »): « non publié à ce
    // niveau » to the same steering caller, while the administrator reads it exactly (one CER signed today).
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: todayIso() });
    const thisYear = todayIso().slice(0, 4);
    for (const p of [
      { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` },
      { from: `${thisYear}-01-01`, to: todayIso() },
    ]) {
      const current = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, limited), query, { p, s: {} });
      expect(current.errors).toEqual([]);
      expect(current.data?.contractIndicators).toEqual({ cerSigned: NOT_PUBLISHED, cerActive: { value: null }, cerRenewed: NOT_PUBLISHED, objectives: { value: null }, objectivesDone: { value: null }, objectivesDonePercent: null });
      const exactNow = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, admin), query, { p, s: { territoryId } });
      expect(exactNow.data?.contractIndicators).toMatchObject({ cerSigned: { value: 1, suppressed: false }, cerRenewed: { value: 0, suppressed: false } });
    }
    const prescriber = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' })), query, { p: period, s: { territoryId } });
    expect(prescriber.errors).toEqual(['Your role (PRESCRIBER) may not read contract indicators.']);
  });
});

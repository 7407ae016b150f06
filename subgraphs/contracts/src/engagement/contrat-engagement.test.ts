import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { todayIso, type Caller } from '@passerelles/subgraph-kit';
import { execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsSubgraph } from '../subgraph.js';
import { newEngagementContract } from '../test-support/factories.js';
import { contractWeeks, plannedWeeklyHours } from './engagement.rules.js';

// This file owns Département 31 (Haute-Garonne) in the shared test database.
const DEPARTMENT = '31';
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });

interface Contract {
  id: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  status: string;
  track: string | null;
  plannedWeeklyHours: number | null;
  reductionReason: string | null;
  convertedFromId: string | null;
  convertedToId: string | null;
}
interface Result {
  ok: boolean;
  error: { code: string; field: string | null } | null;
  contract: Contract | null;
}
const CONTRACT = 'id kind startsOn endsOn status track plannedWeeklyHours reductionReason convertedFromId convertedToId';

async function mutate(field: string, defs: string, variables: Record<string, unknown>, caller: Caller = admin): Promise<Result> {
  const { data, errors } = await execute<{ r: Result }>(schema, testContext(orm, caller), `mutation (${defs}) { r: ${field} { ok error { code field } contract { ${CONTRACT} } } }`, variables);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return data!.r;
}
const create = (input: Record<string, unknown>, caller: Caller = admin): Promise<Result> => mutate('createContract(input: $input)', '$input: CreateContractInput!', { input }, caller);
const convert = (input: Record<string, unknown>, caller: Caller = admin): Promise<Result> => mutate('convertCerToEngagement(input: $input)', '$input: ConvertCerInput!', { input }, caller);
async function read(id: string): Promise<Contract & { actions: { serviceId: string | null; label: string; weeklyHours: number; weeks: number }[]; reviewDates: string[]; commitments: { description: string; status: string }[]; finalAssessment: string | null; history: { status: string; changedOn: string }[] }> {
  const { data, errors } = await execute<{ engagementContract: never }>(
    schema,
    testContext(orm, admin),
    `query ($id: ID!) { engagementContract(id: $id) { ${CONTRACT} finalAssessment actions { serviceId label weeklyHours weeks } reviewDates commitments { description status } history { status changedOn } } }`,
    { id },
  );
  expect(errors).toEqual([]);
  return data!.engagementContract;
}
async function rowsOf(beneficiaryId: string): Promise<{ kind: string; status: string }[]> {
  return orm.em.fork().execute(`select kind, status from contracts.engagement_contract where department_code = ? and beneficiary_id = ? order by starts_on`, [DEPARTMENT, beneficiaryId]);
}

// A year from 2027-01-01: 52 weeks.
const YEAR = { startsOn: '2027-01-01', endsOn: '2027-12-31' };
const service = randomUUID();
const fullWeek = [
  { serviceId: service, label: 'Atelier remobilisation (CCAS)', weeklyHours: 10, weeks: 52 },
  { label: 'Recherche d’emploi accompagnée', weeklyHours: 5, weeks: 52 },
];

beforeAll(async () => {
  orm = await openTestOrm(contractsSubgraph);
  schema = await contractsSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('planned weekly hours', () => {
  it('averages the actions’ hours (a week × weeks) over the contract’s weeks, to the tenth', () => {
    expect(contractWeeks('2027-01-01', '2027-12-31')).toBe(52);
    expect(contractWeeks('2027-01-01', '2027-06-30')).toBe(26);
    expect(plannedWeeklyHours([{ weeklyHours: 10, weeks: 52 }, { weeklyHours: 5, weeks: 26 }], '2027-01-01', '2027-12-31')).toBe(12.5);
    expect(plannedWeeklyHours([{ weeklyHours: 20, weeks: 10 }], '2027-01-01', '2027-12-31')).toBe(3.8);
    expect(plannedWeeklyHours([], '2027-01-01', '2027-12-31')).toBe(0);
  });
});

describe('the contrat d’engagement', () => {
  it('is signed at 15 hours a week or more, its hours computed from its actions, with its track and review dates', async () => {
    const beneficiaryId = randomUUID();
    const signed = await create({
      beneficiaryId,
      kind: 'CONTRAT_ENGAGEMENT',
      ...YEAR,
      signedOn: '2026-12-20',
      plan: { track: 'SOCIO_PRO', actions: fullWeek, reviewDates: ['2027-07-01', '2027-04-01'] },
      commitments: [{ theme: 'EMPLOYMENT', kind: 'OBJECTIVE', party: 'BENEFICIARY', description: 'Reprendre une activité' }],
    });
    expect(signed).toMatchObject({ ok: true, error: null, contract: { kind: 'CONTRAT_ENGAGEMENT', track: 'SOCIO_PRO', plannedWeeklyHours: 15, reductionReason: null, endsOn: '2027-12-31' } });
    const contract = await read(signed.contract!.id);
    expect(contract.actions).toEqual([
      { serviceId: service, label: 'Atelier remobilisation (CCAS)', weeklyHours: 10, weeks: 52 },
      { serviceId: null, label: 'Recherche d’emploi accompagnée', weeklyHours: 5, weeks: 52 },
    ]);
    expect(contract.reviewDates).toEqual(['2027-04-01', '2027-07-01']);
    expect(contract.commitments).toEqual([{ description: 'Reprendre une activité', status: 'PLANNED' }]);
    // Its 12 months by default; not renewed (a new one is signed).
    const byDefault = await create({ beneficiaryId: randomUUID(), kind: 'CONTRAT_ENGAGEMENT', startsOn: '2027-02-01', signedOn: '2027-02-01', plan: { track: 'PRO', actions: [{ label: 'Formation', weeklyHours: 35, weeks: 26 }] } });
    expect(byDefault.contract).toMatchObject({ endsOn: '2028-01-31', plannedWeeklyHours: 17.5 });
  });

  it('below 15 hours a week, is signed only with a coded reason and its justification; nothing is written otherwise', async () => {
    const beneficiaryId = randomUUID();
    const low = { track: 'SOCIAL', actions: [{ label: 'Soins (CMP)', weeklyHours: 4, weeks: 52 }] };
    const base = { beneficiaryId, kind: 'CONTRAT_ENGAGEMENT', ...YEAR, signedOn: '2026-12-20', plan: low };
    const withPlan = (plan: Record<string, unknown>): Record<string, unknown> => ({ ...base, plan: { ...low, ...plan } });
    expect(await create(base)).toEqual({ ok: false, error: { code: 'REDUCTION_REASON_REQUIRED', field: 'input.plan.reductionReason' }, contract: null });
    expect((await create(withPlan({ reductionReason: 'HEALTH' }))).error).toEqual({ code: 'REDUCTION_JUSTIFICATION_REQUIRED', field: 'input.plan.reductionJustification' });
    expect((await create(withPlan({ reductionJustification: 'Soins en cours' }))).error).toEqual({ code: 'REDUCTION_REASON_REQUIRED', field: 'input.plan.reductionReason' });
    expect((await create({ ...base, plan: null })).error).toEqual({ code: 'TRACK_REQUIRED', field: 'input.plan.track' });
    expect(await rowsOf(beneficiaryId)).toEqual([]);
    const reduced = await create(withPlan({ reductionReason: 'HEALTH', reductionJustification: 'Soins psychiatriques en cours, certificat du médecin traitant' }));
    expect(reduced).toMatchObject({ ok: true, contract: { plannedWeeklyHours: 4, reductionReason: 'HEALTH' } });
    // A reduction where none is needed is refused, as are hours or weeks that cannot be.
    base.beneficiaryId = randomUUID();
    expect((await create(withPlan({ actions: fullWeek, reductionReason: 'CHILDCARE', reductionJustification: 'x' }))).error).toEqual({ code: 'REDUCTION_NOT_NEEDED', field: 'input.plan.reductionReason' });
    expect((await create(withPlan({ actions: [{ label: 'Atelier', weeklyHours: 60, weeks: 4 }] }))).error).toEqual({ code: 'INVALID_HOURS', field: 'input.plan.actions.0.weeklyHours' });
    expect((await create(withPlan({ actions: [fullWeek[0], { label: 'Atelier', weeklyHours: 6, weeks: 60 }] }))).error).toEqual({ code: 'INVALID_WEEKS', field: 'input.plan.actions.1.weeks' });
    expect((await create(withPlan({ actions: [{ label: ' ', weeklyHours: 6, weeks: 6 }] }))).error).toEqual({ code: 'EMPTY_ACTION', field: 'input.plan.actions.0.label' });
    expect((await create(withPlan({ reviewDates: ['2028-02-01'] }))).error).toEqual({ code: 'REVIEW_OUTSIDE_CONTRACT', field: 'input.plan.reviewDates.0' });
    const other = base;
    // A draft below 15 hours is kept, and refused at its signature.
    const draft = await create({ ...other, signedOn: null });
    expect(draft).toMatchObject({ ok: true, contract: { status: 'DRAFT', plannedWeeklyHours: 4 } });
    expect((await mutate('signContract(id: $id, signedOn: $on)', '$id: ID!, $on: String!', { id: draft.contract!.id, on: '2026-12-21' })).error).toEqual({ code: 'REDUCTION_REASON_REQUIRED', field: 'reductionReason' });
  });

  it('keeps the CER’s own rules: no track, actions or reduction on a CER; no renewal of a contrat d’engagement; never two over one period', async () => {
    const beneficiaryId = randomUUID();
    expect((await create({ beneficiaryId, kind: 'CER', startsOn: '2027-01-01', plan: { track: 'PRO', actions: fullWeek } })).error).toEqual({ code: 'ONLY_FOR_CONTRAT_ENGAGEMENT', field: 'input.plan' });
    const cer = await create({ beneficiaryId, kind: 'CER', startsOn: '2026-10-01', signedOn: '2026-10-01' });
    expect(cer.contract).toMatchObject({ kind: 'CER', endsOn: '2027-03-31', track: null, plannedWeeklyHours: null });
    expect((await create({ beneficiaryId, kind: 'CONTRAT_ENGAGEMENT', ...YEAR, signedOn: '2026-12-20', plan: { track: 'PRO', actions: fullWeek } })).error).toEqual({ code: 'OVERLAPPING_CONTRACT', field: null });
    const after = await create({ beneficiaryId, kind: 'CONTRAT_ENGAGEMENT', startsOn: '2027-04-01', signedOn: '2027-03-20', plan: { track: 'PRO', actions: [{ label: 'Immersion', weeklyHours: 15, weeks: 52 }] } });
    expect(after.ok).toBe(true);
    const renewal = await mutate('requestContractRenewal(id: $id, on: $on)', '$id: ID!, $on: String!', { id: after.contract!.id, on: '2027-10-01' });
    expect(renewal.error).toEqual({ code: 'NOT_RENEWABLE', field: null });
  });
});

describe('alerts', () => {
  it('warns of a contrat d’engagement ending within 30 days, never of its renewal', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    // From 2031-01-01 to 2031-12-31: past month 5 and ending within 30 days on 2031-12-10.
    const ending = await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, kind: 'CONTRAT_ENGAGEMENT', startsOn: '2031-01-01', referentId: referent.userId });
    const { data } = await execute<{ contractAlerts: unknown }>(schema, testContext(orm, referent), '{ contractAlerts(asOf: "2031-12-10") { kind daysLeft contract { id kind } } }');
    expect(data?.contractAlerts).toEqual([{ kind: 'ENDING_SOON', daysLeft: 21, contract: { id: ending, kind: 'CONTRAT_ENGAGEMENT' } }]);
  });
});

describe('converting a CER', () => {
  it('ends the CER the day before, signs the contrat d’engagement with its open objectives, links both ways, and audits both', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const beneficiaryId = randomUUID();
    const cer = await create(
      {
        beneficiaryId,
        kind: 'CER',
        startsOn: '2026-09-01',
        signedOn: '2026-09-01',
        territoryId: '31-toulouse',
        commitments: [
          { theme: 'HEALTH', kind: 'OBJECTIVE', party: 'BENEFICIARY', description: 'Bilan de santé' },
          { theme: 'HOUSING', kind: 'OBJECTIVE', party: 'BENEFICIARY', description: 'Logement stable' },
          { theme: 'RIGHTS', kind: 'ACTION', party: 'REFERENT', description: 'Dossier MDPH' },
        ],
      },
      referent,
    );
    const cerId = cer.contract!.id;
    const { data } = await execute<{ engagementContract: { commitments: { id: string }[] } }>(schema, testContext(orm, referent), 'query ($id: ID!) { engagementContract(id: $id) { commitments { id } } }', { id: cerId });
    await mutate('updateContractCommitment(input: $input)', '$input: UpdateCommitmentInput!', { input: { commitmentId: data!.engagementContract.commitments[0]!.id, status: 'DONE' } }, referent);

    const plan = { contractId: cerId, signedOn: '2026-11-28', plan: { track: 'SOCIO_PRO', actions: [{ serviceId: service, label: 'Chantier d’insertion', weeklyHours: 20, weeks: 40 }], reviewDates: ['2027-06-01'] } };
    expect((await convert({ ...plan, startsOn: '2026-09-01' }, referent)).error).toEqual({ code: 'CONVERSION_OUTSIDE_CER', field: 'input.startsOn' });
    expect((await convert({ ...plan, startsOn: '2026-12-01', plan: { track: 'SOCIO_PRO' } }, referent)).error).toEqual({ code: 'REDUCTION_REASON_REQUIRED', field: 'input.plan.reductionReason' });
    const converted = await convert({ ...plan, startsOn: '2026-12-01' }, referent);
    expect(converted).toMatchObject({ ok: true, contract: { kind: 'CONTRAT_ENGAGEMENT', startsOn: '2026-12-01', endsOn: '2027-11-30', track: 'SOCIO_PRO', plannedWeeklyHours: 15.4, convertedFromId: cerId, convertedToId: null } });
    const next = await read(converted.contract!.id);
    expect(next.commitments).toEqual([{ description: 'Logement stable', status: 'PLANNED' }]);
    expect(next.actions).toEqual([{ serviceId: service, label: 'Chantier d’insertion', weeklyHours: 20, weeks: 40 }]);
    const old = await read(cerId);
    expect(old).toMatchObject({ status: 'ENDED', endsOn: '2026-11-30', convertedToId: next.id, finalAssessment: 'Converti en contrat d’engagement à compter du 2026-12-01.' });
    expect(old.history.map((h) => `${h.status} ${h.changedOn}`)).toEqual(['SIGNED 2026-09-01', 'ENDED 2026-11-28']);
    // A converted CER is no longer in force; a contrat d'engagement is not a CER.
    expect((await convert({ ...plan, startsOn: '2026-11-15' }, referent)).error).toEqual({ code: 'NOT_IN_FORCE', field: 'input.contractId' });
    expect((await convert({ ...plan, contractId: next.id, startsOn: '2027-01-01' }, referent)).error).toEqual({ code: 'NOT_A_CER', field: 'input.contractId' });
    // Another référent's CER is not found.
    const others = await create({ beneficiaryId: randomUUID(), kind: 'CER', startsOn: '2026-09-01', signedOn: '2026-09-01', referentId: randomUUID() });
    expect((await convert({ ...plan, contractId: others.contract!.id, startsOn: '2026-12-01' }, referent)).error).toEqual({ code: 'NOT_FOUND', field: null });
    const log: { operation: string; record_ids: string[] }[] = await orm.em.fork().execute(`select operation, record_ids from audit.access_log where user_id = ? and operation <> 'READ' order by id`, [referent.userId]);
    expect(log.slice(-2)).toEqual([
      { operation: 'UPDATE', record_ids: [cerId] },
      { operation: 'CREATE', record_ids: [next.id] },
    ]);
  });

  it('converts a CER once when two conversions cross (the person’s lock)', async () => {
    const beneficiaryId = randomUUID();
    const cer = await create({ beneficiaryId, kind: 'CER', startsOn: '2026-09-01', signedOn: '2026-09-01' });
    const plan = { contractId: cer.contract!.id, signedOn: '2026-11-28', plan: { track: 'PRO', actions: fullWeek } };
    const results = await Promise.all([convert({ ...plan, startsOn: '2026-12-01' }), convert({ ...plan, startsOn: '2026-12-15' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.error).toEqual({ code: 'NOT_IN_FORCE', field: 'input.contractId' });
    expect(await rowsOf(beneficiaryId)).toEqual([
      { kind: 'CER', status: 'ENDED' },
      { kind: 'CONTRAT_ENGAGEMENT', status: 'SIGNED' },
    ]);
  });
});

describe('indicators of the contrat d’engagement', () => {
  const period = { from: '2025-01-01', to: '2025-03-31' };
  const query = 'query ($p: PeriodInput!, $s: ContractIndicatorScopeInput) { contractIndicators(period: $p, scope: $s) { cerSigned { value } engagementSigned { value suppressed } engagementReduced { value suppressed } engagementMedianWeeklyHours } }';
  // Steering reads its whole reach by closed calendar year (ADR 0023, « time »): a steering user of one territory.
  const YEAR = { from: '2025-01-01', to: '2025-12-31' };
  // The current year, whole or cut at today, is not closed: « non publié à ce niveau » to steering.
  const thisYear = todayIso().slice(0, 4);
  const CURRENT_YEAR = { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` };
  const SO_FAR = { from: `${thisYear}-01-01`, to: todayIso() };
  const NOT_PUBLISHED = { cerSigned: { value: null }, engagementSigned: { value: null, suppressed: true }, engagementReduced: { value: null, suppressed: true }, engagementMedianWeeklyHours: null };
  const steeringOf = (territoryId: string) => testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [territoryId] });

  it('counts those signed, those reduced below 15 hours and the median hours; suppressed for steering, the median only over a published base', async () => {
    const territoryId = `31-test-${randomUUID()}`;
    const hours = [8, 10, 12, 15, 15, 16, 18, 20, 20, 24, 30, 35];
    for (const [i, h] of hours.entries()) {
      await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, kind: 'CONTRAT_ENGAGEMENT', startsOn: '2025-02-01', signedOn: `2025-01-${String(10 + i).padStart(2, '0')}`, plannedWeeklyHours: h, reductionReason: h < 15 ? 'HEALTH' : undefined });
    }
    // Not counted: a CER, a draft, one signed before the period.
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: '2025-02-01' });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, kind: 'CONTRAT_ENGAGEMENT', startsOn: '2025-03-01', status: 'DRAFT', plannedWeeklyHours: 2 });
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, kind: 'CONTRAT_ENGAGEMENT', startsOn: '2024-12-01', plannedWeeklyHours: 1, reductionReason: 'CARING' });
    const exact = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, admin), query, { p: period, s: { territoryId } });
    expect(exact.errors).toEqual([]);
    // Median of 12 values: (16 + 18) / 2.
    expect(exact.data?.contractIndicators).toEqual({ cerSigned: { value: 1 }, engagementSigned: { value: 12, suppressed: false }, engagementReduced: { value: 3, suppressed: false }, engagementMedianWeeklyHours: 17 });
    const published = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, steeringOf(territoryId)), query, { p: YEAR, s: {} });
    expect(published.data?.contractIndicators).toEqual({ cerSigned: { value: null }, engagementSigned: { value: 12, suppressed: false }, engagementReduced: { value: null, suppressed: true }, engagementMedianWeeklyHours: 17 });
    // One signed today: the administrator reads the current year exactly, steering does not read it at all.
    await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, kind: 'CONTRAT_ENGAGEMENT', startsOn: todayIso(), plannedWeeklyHours: 20 });
    for (const p of [CURRENT_YEAR, SO_FAR]) {
      const current = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, steeringOf(territoryId)), query, { p, s: {} });
      expect(current.errors).toEqual([]);
      expect(current.data?.contractIndicators).toEqual(NOT_PUBLISHED);
      const exactNow = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, admin), query, { p, s: { territoryId } });
      expect(exactNow.data?.contractIndicators).toEqual({ cerSigned: { value: 0 }, engagementSigned: { value: 1, suppressed: false }, engagementReduced: { value: 0, suppressed: false }, engagementMedianWeeklyHours: 20 });
    }
  });

  it('gives no median over a suppressed base', async () => {
    const territoryId = `31-test-${randomUUID()}`;
    for (const h of [15, 20, 25]) await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, kind: 'CONTRAT_ENGAGEMENT', startsOn: '2025-02-01', plannedWeeklyHours: h });
    const published = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, steeringOf(territoryId)), query, { p: YEAR, s: {} });
    expect(published.data?.contractIndicators).toEqual({ cerSigned: { value: 0 }, engagementSigned: { value: null, suppressed: true }, engagementReduced: { value: 0, suppressed: false }, engagementMedianWeeklyHours: null });
    const exact = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, admin), query, { p: period, s: { territoryId } });
    expect(exact.data?.contractIndicators).toMatchObject({ engagementSigned: { value: 3 }, engagementMedianWeeklyHours: 20 });
    // The current year is not closed: « non publié à ce niveau » to steering, exact to the administrator.
    const current = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, steeringOf(territoryId)), query, { p: SO_FAR, s: {} });
    expect(current.data?.contractIndicators).toEqual(NOT_PUBLISHED);
    const exactNow = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, admin), query, { p: SO_FAR, s: { territoryId } });
    expect(exactNow.data?.contractIndicators).toMatchObject({ engagementSigned: { value: 0, suppressed: false } });
  });
});

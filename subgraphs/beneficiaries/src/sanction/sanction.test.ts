import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, addMonths, todayIso, type Caller } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newPerson, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 33 (Gironde) in the shared test database.
const DEPARTMENT = '33';
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;
let territory: string;
const admin = testCaller({ departmentCode: DEPARTMENT });
const today = todayIso();
const daysAgo = (n: number): string => addDays(today, -n);

type Procedure = { id: string; status: string; rate: number | null; durationMonths: number | null; repeatOf: string | null; householdType: string | null; suspendedUntil: string | null } & Record<string, unknown>;
type Answer = { ok: boolean; error: { code: string; field: string | null } | null; procedure: Procedure | null };
const PROCEDURE =
  'ok error { code field } procedure { id status breachKind breachOn breachSource hearingOn hearingOutcome decision rate durationMonths householdType repeatOf decidedOn effectiveOn suspendedUntil liftedOn liftReason withheldRepaid endedOn endReason }';

async function run<T>(caller: Caller, source: string, variables: Record<string, unknown> = {}): Promise<{ data: T | null; errors: string[] }> {
  return execute<T>(schema, testContext(orm, caller), source, variables);
}
async function mutate(caller: Caller, name: string, type: string, input: Record<string, unknown>): Promise<Answer> {
  const { data, errors } = await run<Record<string, Answer>>(caller, `mutation ($input: ${type}!) { ${name}(input: $input) { ${PROCEDURE} } }`, { input });
  if (errors.length) throw new Error(errors.join('; '));
  return data![name]!;
}
const breach = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'recordBreach', 'RecordBreachInput', input);
const hear = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'recordSanctionHearing', 'RecordHearingInput', input);
const decide = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'decideSanction', 'DecideSanctionInput', input);
const lift = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'liftSanction', 'LiftSanctionInput', input);
const end = (caller: Caller, input: Record<string, unknown>): Promise<Answer> => mutate(caller, 'endSanctionProcedure', 'EndSanctionProcedureInput', input);

async function auditOf(userId: string): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ line: string }[]>(`select operation || ' ' || record_type as line from audit.access_log where user_id = ? and record_type = 'SanctionProcedure' order by id`, [userId]);
  return rows.map((r) => r.line);
}

/** A person followed by `referent` in an accompaniment in progress, of a household type. */
async function followed(referent: Caller, householdType = 'SINGLE', prescriberId: string | null = null): Promise<string> {
  const person = await newPerson(orm.em.fork(), { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
  await orm.em.fork().execute('update beneficiaries.beneficiary set household_type = ? where id = ?', [householdType, person]);
  await newAccompaniment(orm.em.fork(), { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territory, referentId: referent.userId, prescriberId, prescribedOn: daysAgo(300), startedOn: daysAgo(290) });
  return person;
}
const BREACH = { breachKind: 'APPOINTMENT_MISSED', breachOn: daysAgo(60), source: 'REFERENT' };

/** A procedure heard, ready for its decision. */
async function heard(referent: Caller, person: string, breachOn = daysAgo(60)): Promise<string> {
  const opened = await breach(referent, { beneficiaryId: person, ...BREACH, breachOn });
  const id = opened.procedure!.id;
  expect((await hear(referent, { procedureId: id, hearingOn: addDays(breachOn, 10), outcome: 'ORAL_OBSERVATIONS' })).ok).toBe(true);
  return id;
}

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

describe('the suspension-remobilisation procedure', () => {
  it('goes BREACH_RECORDED → HEARD → DECIDED → LIFTED, each step checked, dated and audited', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    expect((await breach(referent, { beneficiaryId: person, ...BREACH, breachOn: '2026-02-30' })).error).toEqual({ code: 'INVALID_DATE', field: 'input.breachOn' });
    expect((await breach(referent, { beneficiaryId: person, ...BREACH, breachOn: addDays(today, 1) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.breachOn' });
    expect((await breach(referent, { beneficiaryId: person, ...BREACH, breachOn: '2025-05-31' })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.breachOn' });

    const opened = await breach(referent, { beneficiaryId: person, ...BREACH, note: 'Trois rendez-vous manqués' });
    expect(opened.procedure).toMatchObject({ status: 'BREACH_RECORDED', breachKind: 'APPOINTMENT_MISSED', breachOn: daysAgo(60), breachSource: 'REFERENT', hearingOn: null, decision: null });
    const id = opened.procedure!.id;
    expect((await breach(referent, { beneficiaryId: person, ...BREACH })).error?.code).toBe('PROCEDURE_PENDING');

    // Heard first: no decision before the hearing; the hearing follows the breach.
    expect((await decide(admin, { procedureId: id, decision: 'SUSPENDED', decidedOn: today, rate: 30, durationMonths: 1 })).error?.code).toBe('WRONG_STATE');
    expect((await hear(referent, { procedureId: id, hearingOn: daysAgo(61), outcome: 'DID_NOT_ATTEND' })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.hearingOn' });
    expect((await hear(referent, { procedureId: id, hearingOn: daysAgo(45), outcome: 'DID_NOT_ATTEND' })).procedure).toMatchObject({ status: 'HEARD', hearingOn: daysAgo(45), hearingOutcome: 'DID_NOT_ATTEND' });
    expect((await hear(referent, { procedureId: id, hearingOn: daysAgo(44), outcome: 'DID_NOT_ATTEND' })).error?.code).toBe('WRONG_STATE');

    // The référent records; only an administrator decides.
    expect((await run(referent, 'mutation ($input: DecideSanctionInput!) { decideSanction(input: $input) { ok } }', { input: { procedureId: id, decision: 'NO_SANCTION', decidedOn: today } })).errors).toEqual([
      'Your role (REFERENT) may not decide sanctions.',
    ]);
    const decision = { procedureId: id, decision: 'SUSPENDED', decidedOn: daysAgo(40), effectiveOn: daysAgo(30) };
    expect((await decide(admin, { ...decision, durationMonths: 1 })).error).toEqual({ code: 'RATE_REQUIRED', field: 'input.rate' });
    expect((await decide(admin, { ...decision, rate: 29, durationMonths: 1 })).error).toEqual({ code: 'RATE_OUT_OF_RANGE', field: 'input.rate' });
    expect((await decide(admin, { ...decision, rate: 101, durationMonths: 1 })).error).toEqual({ code: 'RATE_OUT_OF_RANGE', field: 'input.rate' });
    expect((await decide(admin, { ...decision, rate: 30 })).error).toEqual({ code: 'DURATION_REQUIRED', field: 'input.durationMonths' });
    expect((await decide(admin, { ...decision, rate: 30, durationMonths: 0 })).error).toEqual({ code: 'DURATION_OUT_OF_RANGE', field: 'input.durationMonths' });
    expect((await decide(admin, { ...decision, rate: 30, durationMonths: 5 })).error).toEqual({ code: 'DURATION_OUT_OF_RANGE', field: 'input.durationMonths' });
    expect((await decide(admin, { ...decision, rate: 30, durationMonths: 1, decidedOn: daysAgo(46) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.decidedOn' });
    expect((await decide(admin, { ...decision, rate: 30, durationMonths: 1, effectiveOn: daysAgo(41) })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.effectiveOn' });
    expect((await decide(admin, { ...decision, decision: 'NO_SANCTION', rate: 30 })).error).toEqual({ code: 'NOT_ALLOWED', field: 'input.rate' });
    // A person living alone may lose up to all of the allowance.
    const decided = await decide(admin, { ...decision, rate: 100, durationMonths: 2 });
    expect(decided.procedure).toMatchObject({
      status: 'DECIDED',
      decision: 'SUSPENDED',
      rate: 100,
      durationMonths: 2,
      householdType: 'SINGLE',
      repeatOf: null,
      decidedOn: daysAgo(40),
      effectiveOn: daysAgo(30),
      suspendedUntil: addDays(addMonths(daysAgo(30), 2), -1),
    });
    expect((await decide(admin, { ...decision, rate: 50, durationMonths: 1 })).error?.code).toBe('WRONG_STATE');

    expect((await lift(admin, { procedureId: id, liftedOn: daysAgo(41), reason: 'CONTRACT_SIGNED', withheldRepaid: true })).error).toEqual({ code: 'DATES_OUT_OF_ORDER', field: 'input.liftedOn' });
    expect((await lift(admin, { procedureId: id, liftedOn: daysAgo(10), reason: 'CONTRACT_SIGNED', withheldRepaid: true })).procedure).toMatchObject({
      status: 'LIFTED',
      liftedOn: daysAgo(10),
      liftReason: 'CONTRACT_SIGNED',
      withheldRepaid: true,
    });
    expect((await end(admin, { procedureId: id, endedOn: today, reason: 'x' })).error?.code).toBe('WRONG_STATE');

    // Reading the person's procedures is nominative: audited, and only for their référent and administrators.
    const query = 'query ($id: ID!) { beneficiary(id: $id) { viewerCanRecordBreach sanctionProcedures { id status viewerCanRecordHearing viewerCanDecide viewerCanLift viewerCanEnd } } }';
    const seen = await run<{ beneficiary: { viewerCanRecordBreach: boolean; sanctionProcedures: { id: string; status: string }[] } }>(referent, query, { id: person });
    expect(seen.data!.beneficiary).toEqual({
      viewerCanRecordBreach: true,
      sanctionProcedures: [{ id, status: 'LIFTED', viewerCanRecordHearing: false, viewerCanDecide: false, viewerCanLift: false, viewerCanEnd: false }],
    });
    expect(await auditOf(referent.userId)).toEqual(['CREATE SanctionProcedure', 'UPDATE SanctionProcedure', 'READ SanctionProcedure']);
    expect(await auditOf(admin.userId)).toEqual(['UPDATE SanctionProcedure', 'UPDATE SanctionProcedure']);
  });

  it('caps the rate at 50 % for a household of more than one person', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    for (const householdType of ['COUPLE', 'SINGLE_PARENT', 'COUPLE_WITH_CHILDREN', 'OTHER']) {
      const person = await followed(referent, householdType);
      const id = await heard(referent, person);
      expect((await decide(admin, { procedureId: id, decision: 'SUSPENDED', decidedOn: daysAgo(40), rate: 51, durationMonths: 1 })).error).toEqual({ code: 'HOUSEHOLD_CAP', field: 'input.rate' });
      expect((await decide(admin, { procedureId: id, decision: 'SUSPENDED', decidedOn: daysAgo(40), rate: 50, durationMonths: 1 })).procedure).toMatchObject({ rate: 50, householdType });
    }
  });

  it('allows up to 4 months only for a repeat: a suspension decided in the 12 months before', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    // A suspension decided more than 12 months before does not make a repeat.
    const old = await heard(referent, person, daysAgo(550));
    expect((await decide(admin, { procedureId: old, decision: 'SUSPENDED', decidedOn: daysAgo(540), rate: 30, durationMonths: 1 })).ok).toBe(true);
    const second = await heard(referent, person, daysAgo(200));
    expect((await decide(admin, { procedureId: second, decision: 'SUSPENDED', decidedOn: daysAgo(170), rate: 30, durationMonths: 3 })).error).toEqual({ code: 'NOT_A_REPEAT', field: 'input.durationMonths' });
    // No sanction is not a previous suspension either.
    expect((await decide(admin, { procedureId: second, decision: 'NO_SANCTION', decidedOn: daysAgo(170) })).procedure).toMatchObject({ status: 'DECIDED', decision: 'NO_SANCTION', rate: null });
    expect((await lift(admin, { procedureId: second, liftedOn: today, reason: 'OTHER', withheldRepaid: false })).error?.code).toBe('WRONG_STATE');
    expect((await end(admin, { procedureId: second, endedOn: daysAgo(169), reason: ' ' })).error).toEqual({ code: 'REASON_REQUIRED', field: 'input.reason' });
    expect((await end(admin, { procedureId: second, endedOn: daysAgo(169), reason: 'Pas de sanction' })).procedure).toMatchObject({ status: 'ENDED', endReason: 'Pas de sanction' });
    const third = await heard(referent, person, daysAgo(150));
    expect((await decide(admin, { procedureId: third, decision: 'SUSPENDED', decidedOn: daysAgo(130), rate: 40, durationMonths: 3 })).error?.code).toBe('NOT_A_REPEAT');
    const thirdDecided = await decide(admin, { procedureId: third, decision: 'SUSPENDED', decidedOn: daysAgo(130), rate: 40, durationMonths: 2 });
    expect(thirdDecided.procedure).toMatchObject({ repeatOf: null, durationMonths: 2 });
    // Within 12 months of the third: a repeat, up to 4 months, never 5.
    const fourth = await heard(referent, person, daysAgo(60));
    expect((await decide(admin, { procedureId: fourth, decision: 'SUSPENDED', decidedOn: daysAgo(40), rate: 40, durationMonths: 5 })).error?.code).toBe('DURATION_OUT_OF_RANGE');
    expect((await decide(admin, { procedureId: fourth, decision: 'SUSPENDED', decidedOn: daysAgo(40), rate: 40, durationMonths: 4 })).procedure).toMatchObject({ repeatOf: third, durationMonths: 4 });
  });

  it('keeps to the rows: another référent, an operator, a prescriber and another Département reach nothing', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const prescriber = testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' });
    const person = await followed(referent, 'SINGLE', prescriber.userId);
    const stranger = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    expect((await breach(stranger, { beneficiaryId: person, ...BREACH })).error).toEqual({ code: 'NOT_FOUND', field: 'input.beneficiaryId' });
    expect((await breach(testCaller({ departmentCode: '62' }), { beneficiaryId: person, ...BREACH })).error?.code).toBe('NOT_FOUND');
    expect((await run(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() }), 'mutation ($input: RecordBreachInput!) { recordBreach(input: $input) { ok } }', { input: { beneficiaryId: person, ...BREACH } })).errors).toEqual([
      'Your role (OPERATOR) may not record breaches and hearings.',
    ]);
    const id = await heard(referent, person);
    expect((await decide(testCaller({ departmentCode: '62' }), { procedureId: id, decision: 'NO_SANCTION', decidedOn: today })).error).toEqual({ code: 'NOT_FOUND', field: 'input.procedureId' });
    expect((await decide(testCaller({ departmentCode: DEPARTMENT, territoryIds: ['33-elsewhere'] }), { procedureId: id, decision: 'NO_SANCTION', decidedOn: today })).error?.code).toBe('NOT_FOUND');
    // The prescriber reads the person they prescribed, never their procedures; the référent sees the one in progress.
    const query = 'query ($id: ID!) { beneficiary(id: $id) { id sanctionProcedures { id } viewerCanRecordBreach } }';
    expect((await run<{ beneficiary: unknown }>(prescriber, query, { id: person })).data!.beneficiary).toEqual({ id: person, sanctionProcedures: [], viewerCanRecordBreach: false });
    expect((await run<{ beneficiary: unknown }>(referent, query, { id: person })).data!.beneficiary).toEqual({ id: person, sanctionProcedures: [{ id }], viewerCanRecordBreach: true });
    expect(await auditOf(prescriber.userId)).toEqual([]);
  });

  it('takes exactly one of two decisions given at once', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    const id = await heard(referent, person);
    const otherAdmin = testCaller({ departmentCode: DEPARTMENT });
    const answers = await Promise.all([
      decide(admin, { procedureId: id, decision: 'SUSPENDED', decidedOn: daysAgo(40), rate: 30, durationMonths: 1 }),
      decide(otherAdmin, { procedureId: id, decision: 'SUSPENDED', decidedOn: daysAgo(40), rate: 60, durationMonths: 2 }),
    ]);
    expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
    expect(answers.find((a) => !a.ok)!.error?.code).toBe('WRONG_STATE');
    const rows = await orm.em.fork().execute<{ rate: number; status: string }[]>('select rate, status from beneficiaries.sanction_procedure where id = ?', [id]);
    expect(rows).toEqual([{ rate: answers.find((a) => a.ok)!.procedure!.rate, status: 'DECIDED' }]);
  });

  it('opens one procedure of two breaches recorded at once', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const person = await followed(referent);
    const answers = await Promise.all([breach(referent, { beneficiaryId: person, ...BREACH }), breach(admin, { beneficiaryId: person, ...BREACH, source: 'DEPARTMENT' })]);
    expect(answers.map((a) => a.error?.code ?? 'OK').sort()).toEqual(['OK', 'PROCEDURE_PENDING']);
  });
});

describe('the sanction indicators', () => {
  it('count procedures opened, suspended and lifted over a grid period; steering reads its whole reach by closed calendar year, suppressed below 11', async () => {
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const territoryOnly = await createTestTerritory(orm.em.fork(), DEPARTMENT, [commune]);
    // Breaches of 2025, a closed year (sanctions are in force from June 2025).
    const breachOn = '2025-10-06';
    // Administrators ask any period (from the breaches to today); steering a closed calendar year of the grid.
    const period = { from: breachOn, to: today };
    const year = { from: `${breachOn.slice(0, 4)}-01-01`, to: `${breachOn.slice(0, 4)}-12-31` };
    const query = 'query ($period: PeriodInput!, $scope: IndicatorScopeInput) { sanctionIndicators(period: $period, scope: $scope) { opened { value suppressed } suspended { value suppressed } lifted { value suppressed } medianDurationMonths medianDaysToLift byTerritory { territoryId opened { value } } } }';
    // A territory of its own, so that the counts are this test's only.
    const people: string[] = [];
    const programmeId = randomUUID();
    for (let i = 0; i < 3; i += 1) {
      const person = await newPerson(orm.em.fork(), { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territoryOnly });
      // Two of the three people are accompanied in the programme the figures are asked for.
      await newAccompaniment(orm.em.fork(), { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId: territoryOnly, referentId: referent.userId, prescribedOn: addDays(breachOn, -300), startedOn: addDays(breachOn, -290), ...(i < 2 ? { programmeId } : {}) });
      people.push(person);
    }
    for (const [i, person] of people.entries()) {
      const id = await heard(referent, person, breachOn);
      const decidedOn = addDays(breachOn, 12);
      expect((await decide(admin, { procedureId: id, decision: 'SUSPENDED', decidedOn, rate: 30, durationMonths: i === 0 ? 1 : 2 })).ok).toBe(true);
      if (i === 0) expect((await lift(admin, { procedureId: id, liftedOn: addDays(decidedOn, 4), reason: 'OBLIGATIONS_RESUMED', withheldRepaid: false })).ok).toBe(true);
    }
    const exact = await run<{ sanctionIndicators: Record<string, unknown> }>(admin, query, { period, scope: { territoryId: territoryOnly } });
    expect(exact.errors).toEqual([]);
    expect(exact.data!.sanctionIndicators).toMatchObject({
      opened: { value: 3, suppressed: false },
      lifted: { value: 1, suppressed: false },
      medianDaysToLift: 4,
      byTerritory: [{ territoryId: territoryOnly, opened: { value: 3 } }],
    });
    // A programme: the people with an accompaniment of it.
    const inProgramme = await run<{ sanctionIndicators: Record<string, unknown> }>(admin, query, { period, scope: { territoryId: territoryOnly, programmeId } });
    expect(inProgramme.data!.sanctionIndicators).toMatchObject({ opened: { value: 2 }, suspended: { value: 2 } });
    const elsewhere = await run<{ sanctionIndicators: Record<string, unknown> }>(admin, query, { period, scope: { programmeId: randomUUID() } });
    expect(elsewhere.data!.sanctionIndicators).toMatchObject({ opened: { value: 0 }, byTerritory: [] });
    const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });
    const hidden = await run<{ sanctionIndicators: Record<string, unknown> }>(steering, query, { period: year, scope: { territoryId: territoryOnly } });
    expect(hidden.data!.sanctionIndicators).toMatchObject({ opened: { value: null, suppressed: true }, medianDurationMonths: null, medianDaysToLift: null });
    // Steering reads its whole reach by closed calendar year only (ADR 0023): a territory chosen or a
    // quarter is « non publié à ce niveau »; limited to this territory, its year is « < 11 ».
    const rules = 'query ($period: PeriodInput!, $scope: IndicatorScopeInput) { sanctionIndicators(period: $period, scope: $scope) { opened { rule } byTerritory { territoryId opened { rule } } } }';
    const ruleOf = async (caller: typeof steering, p: { from: string; to: string }, scope: Record<string, string> | null) => (await run<{ sanctionIndicators: { opened: { rule: string | null }; byTerritory: { territoryId: string; opened: { rule: string | null } }[] } }>(caller, rules, { period: p, scope })).data!.sanctionIndicators;
    expect((await ruleOf(steering, year, { territoryId: territoryOnly })).opened.rule).toBe('NOT_PUBLISHED');
    expect((await ruleOf(steering, { from: year.from, to: `${year.from.slice(0, 4)}-01-31` }, null)).opened.rule).toBe('NOT_PUBLISHED');
    const limited = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [territoryOnly] });
    expect(await ruleOf(limited, year, null)).toEqual({ opened: { rule: 'PRIMARY' }, byTerritory: [{ territoryId: territoryOnly, opened: { rule: 'PRIMARY' } }] });
    // The current year, whole or cut at today, is not closed (ADR 0023, « time »): « non publié à ce
    // niveau » to the same callers, while the administrator reads it exactly (one breach today).
    expect((await breach(referent, { beneficiaryId: people[0]!, ...BREACH, breachOn: today })).ok).toBe(true);
    const currentYear = { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
    for (const p of [currentYear, { from: currentYear.from, to: today }]) {
      expect(await ruleOf(limited, p, null)).toEqual({ opened: { rule: 'NOT_PUBLISHED' }, byTerritory: [] });
      expect((await ruleOf(steering, p, null)).opened.rule).toBe('NOT_PUBLISHED');
      const exactNow = await run<{ sanctionIndicators: Record<string, unknown> }>(admin, query, { period: p, scope: { territoryId: territoryOnly } });
      expect(exactNow.data!.sanctionIndicators).toMatchObject({ opened: { value: 1, suppressed: false }, byTerritory: [{ territoryId: territoryOnly, opened: { value: 1 } }] });
    }
    // A free period is refused to steering (a period starting on the 2nd is never on the grid); référents do not read these figures.
    expect((await run(steering, query, { period: { from: addDays(year.from, 1), to: addDays(year.from, 10) } })).errors[0]).toMatch(/calendar month, quarter or year/);
    expect((await run(referent, query, { period: year })).errors).toEqual(['Your role (REFERENT) may not read sanction indicators.']);
  });
});

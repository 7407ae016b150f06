import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, addMonths, todayIso, type Caller } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { backfillNameIndex } from '../identity/name-index.backfill.js';
import { firstCommune, newAccompaniment, newAppointment, newPerson, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 35 (Ille-et-Vilaine) in the shared test database; each test uses its own territory.
const DEPARTMENT = '35';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;

/** A day relative to today in Paris (the alerts are judged on the real today, as the service takes it). */
const daysFromToday = (days: number): string => addDays(todayIso(), days);

interface Node {
  id: string;
  identity: { lastName: string } | null;
  alerts: { kind: string; dueOn: string }[];
}
interface Page {
  nodes: Node[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
  alertCounts: { alert: string; people: number }[];
}

const CASELOAD = `query ($first: Int!, $after: String, $alert: CaseloadAlert, $among: [ID!], $name: String) {
  caseload(first: $first, after: $after, alert: $alert, among: $among, name: $name) {
    nodes { id identity { lastName } alerts { kind dueOn } }
    pageInfo { endCursor hasNextPage }
    totalCount
    alertCounts { alert people }
  }
}`;

async function caseloadOf(caller: Caller, variables: Record<string, unknown> = {}, ctx = testContext(orm, caller)): Promise<Page> {
  const { data, errors } = await execute<{ caseload: Page }>(schema, ctx, CASELOAD, { first: 20, ...variables });
  expect(errors).toEqual([]);
  return data!.caseload;
}

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph, counter);
  schema = await beneficiariesSubgraph.buildSchema();
  commune = await firstCommune(orm.em.fork(), DEPARTMENT);
});
afterAll(async () => {
  await orm.close(true);
});

/** A référent's people: one per alert, one with none, one ended, and one followed by someone else. */
async function caseloadWorld(): Promise<{ referent: Caller; territory: string; waiting: string; missed: string; review: string; toClose: string; quiet: string; other: string; dates: { waitingPrescribed: string; reviewStarted: string; missedOn: string } }> {
  const em = orm.em.fork();
  const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
  const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
  const person = (lastName: string): Promise<string> =>
    newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory, identity: { firstName: 'Alex', lastName, birthDate: '1980-01-01', cafNumber: null } });
  const follow = (beneficiaryId: string, dates: { prescribedOn: string; startedOn?: string; endedOn?: string; exitReason?: string }, referentId = referent.userId): Promise<string> =>
    newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId, territoryId: territory, referentId, ...dates });

  const dates = { waitingPrescribed: daysFromToday(-45), reviewStarted: daysFromToday(-200), missedOn: daysFromToday(-3) };
  const waiting = await person('Attente');
  await follow(waiting, { prescribedOn: dates.waitingPrescribed });
  const missed = await person('Absence');
  const missedPath = await follow(missed, { prescribedOn: daysFromToday(-60), startedOn: daysFromToday(-50) });
  await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: missedPath, beneficiaryId: missed, kind: 'FIRST', scheduledOn: daysFromToday(-50), status: 'HONOURED' });
  await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: missedPath, beneficiaryId: missed, kind: 'INTERMEDIATE', scheduledOn: dates.missedOn, status: 'MISSED' });
  // A planned appointment later does not hide the missed one (the last held or due is).
  await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: missedPath, beneficiaryId: missed, kind: 'INTERMEDIATE', scheduledOn: daysFromToday(10), status: 'PLANNED' });
  const review = await person('Bilan');
  await follow(review, { prescribedOn: daysFromToday(-210), startedOn: dates.reviewStarted });
  const toClose = await person('Cloture');
  const toClosePath = await follow(toClose, { prescribedOn: daysFromToday(-20), startedOn: daysFromToday(-15) });
  await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: toClosePath, beneficiaryId: toClose, kind: 'FIRST', scheduledOn: daysFromToday(-15), status: 'HONOURED' });
  // Its day has passed and it is still « planned »: how it went is missing.
  await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: toClosePath, beneficiaryId: toClose, kind: 'INTERMEDIATE', scheduledOn: daysFromToday(-2), status: 'PLANNED' });
  const quiet = await person('Calme');
  await follow(quiet, { prescribedOn: daysFromToday(-20) });
  const ended = await person('Sortie');
  await follow(ended, { prescribedOn: daysFromToday(-300), startedOn: daysFromToday(-290), endedOn: daysFromToday(-10), exitReason: 'MOVED' });
  const other = await person('Autre');
  await follow(other, { prescribedOn: daysFromToday(-45) }, 'someone-else');
  return { referent, territory, waiting, missed, review, toClose, quiet, other, dates };
}

describe('a caseload with its alerts', () => {
  it('flags each person with their alerts and due days, counts them over the whole caseload, and filters by one', async () => {
    const w = await caseloadWorld();
    const all = await caseloadOf(w.referent);
    expect(all.nodes.map((n) => n.id)).toEqual([w.waiting, w.missed, w.review, w.toClose, w.quiet].sort());
    expect(all.totalCount).toBe(5);
    const byId = new Map(all.nodes.map((n) => [n.id, n]));
    expect(byId.get(w.waiting)?.alerts).toEqual([{ kind: 'WAITING_FIRST_INTERVIEW', dueOn: addDays(w.dates.waitingPrescribed, 30) }]);
    expect(byId.get(w.missed)?.alerts).toEqual([{ kind: 'MISSED_LAST_APPOINTMENT', dueOn: w.dates.missedOn }]);
    expect(byId.get(w.review)?.alerts).toEqual([{ kind: 'REVIEW_DUE', dueOn: addMonths(w.dates.reviewStarted, 5) }]);
    expect(byId.get(w.toClose)?.alerts).toEqual([{ kind: 'APPOINTMENT_TO_CLOSE', dueOn: daysFromToday(-2) }]);
    expect(byId.get(w.quiet)?.alerts).toEqual([]);
    expect(byId.get(w.waiting)?.identity).toEqual({ lastName: 'Attente' });
    expect(all.alertCounts).toEqual([
      { alert: 'WAITING_FIRST_INTERVIEW', people: 1 },
      { alert: 'MISSED_LAST_APPOINTMENT', people: 1 },
      { alert: 'REVIEW_DUE', people: 1 },
      { alert: 'APPOINTMENT_TO_CLOSE', people: 1 },
      { alert: 'REFERRAL_UNANSWERED', people: 0 },
      { alert: 'ORIENTATION_DUE', people: 0 },
      { alert: 'CONTRACT_DUE', people: 0 },
    ]);

    for (const [alert, id] of [['WAITING_FIRST_INTERVIEW', w.waiting], ['MISSED_LAST_APPOINTMENT', w.missed], ['REVIEW_DUE', w.review], ['APPOINTMENT_TO_CLOSE', w.toClose]] as const) {
      const filtered = await caseloadOf(w.referent, { alert });
      expect(filtered.nodes.map((n) => n.id)).toEqual([id]);
      expect(filtered.totalCount).toBe(1);
      // The counts stay those of the whole caseload.
      expect(filtered.alertCounts).toEqual(all.alertCounts);
    }
    const among = await caseloadOf(w.referent, { among: [w.quiet, w.other] });
    expect(among.nodes.map((n) => n.id)).toEqual([w.quiet]);
    expect(among.totalCount).toBe(1);
    const amongNoOne = await caseloadOf(w.referent, { among: [] });
    expect([amongNoOne.nodes, amongNoOne.totalCount]).toEqual([[], 0]);
    // An id that is not one is the caller's error, refused before any SQL.
    const malformed = await execute(schema, testContext(orm, w.referent), CASELOAD, { first: 20, among: [w.quiet, 'not-an-id'] });
    expect(malformed.errors).toEqual(['among[1]: « not-an-id » is not an identifier.']);
  });

  it('reads a page of people, their identities and their alerts in a constant number of queries, with one audit line for each', async () => {
    const w = await caseloadWorld();
    const ctx = testContext(orm, w.referent);
    counter.reset();
    const page = await caseloadOf(w.referent, { first: 2 }, ctx);
    expect(page.nodes).toHaveLength(2);
    // Page, audit of the page, identities, audit of the identities, alerts, total, alert counts.
    expect(counter.count).toBe(7);
    const audit: { record_type: string; record_ids: string[] }[] = await orm.em
      .fork()
      .execute(`select record_type, record_ids from audit.access_log where correlation_id = ? order by id`, [ctx.correlationId]);
    const ids = page.nodes.map((n) => n.id);
    expect(audit).toEqual([
      { record_type: 'Beneficiary', record_ids: ids },
      { record_type: 'BeneficiaryIdentity', record_ids: ids },
    ]);

    const next = await caseloadOf(w.referent, { first: 3, after: page.pageInfo.endCursor });
    expect([...ids, ...next.nodes.map((n) => n.id)]).toEqual([w.waiting, w.missed, w.review, w.toClose, w.quiet].sort());
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it("gives an administrator the Département's caseload (their territories only when limited), and no one to a prescriber", async () => {
    const w = await caseloadWorld();
    const admin = testCaller({ departmentCode: DEPARTMENT, role: 'ADMIN', territoryIds: [w.territory] });
    const page = await caseloadOf(admin);
    expect(page.nodes.map((n) => n.id)).toEqual([w.waiting, w.missed, w.review, w.toClose, w.quiet, w.other].sort());
    expect(page.alertCounts.find((c) => c.alert === 'WAITING_FIRST_INTERVIEW')?.people).toBe(2);
    // An operator: the people whose accompaniment its structure runs.
    const partnerId = randomUUID();
    const runBy = await newPerson(orm.em.fork(), { departmentCode: DEPARTMENT, communeCode: commune, territoryId: w.territory });
    await newAccompaniment(orm.em.fork(), { departmentCode: DEPARTMENT, beneficiaryId: runBy, operatorId: partnerId, territoryId: w.territory, prescribedOn: daysFromToday(-5) });
    expect((await caseloadOf(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId }))).nodes.map((n) => n.id)).toEqual([runBy]);
    const prescriber = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' })), CASELOAD, { first: 5 });
    expect(prescriber.errors).toEqual(['Your role (PRESCRIBER) may not read a caseload.']);
    const elsewhere = await caseloadOf(testCaller({ departmentCode: '25', role: 'REFERENT', userId: w.referent.userId }));
    expect(elsewhere.nodes).toEqual([]);
    const badCursor = await execute(schema, testContext(orm, w.referent), CASELOAD, { first: 5, after: Buffer.from('["x"]').toString('base64url') });
    expect(badCursor.errors).toEqual(['Invalid cursor: pass the endCursor of a previous page.']);
  });
});

describe('searching a caseload by name', () => {
  it('finds people on the blind index of their names — whole words, any case or accent — decrypting only the page it shows', async () => {
    const w = await caseloadWorld();
    const em = orm.em.fork();
    const accented = await newPerson(em, {
      departmentCode: DEPARTMENT,
      communeCode: commune,
      territoryId: w.territory,
      identity: { firstName: 'Éloïse', lastName: "D'Almeida-Brûlé", birthDate: '1990-02-03', cafNumber: null },
    });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: accented, territoryId: w.territory, referentId: w.referent.userId, prescribedOn: daysFromToday(-10) });
    const found = async (name: string): Promise<string[]> => (await caseloadOf(w.referent, { name })).nodes.map((n) => n.id);

    expect(await found('attente')).toEqual([w.waiting]);
    expect(await found('  ALEX   Attente ')).toEqual([w.waiting]);
    expect(await found('alex')).toEqual([w.waiting, w.missed, w.review, w.toClose, w.quiet].sort());
    expect(await found('eloise almeida brule')).toEqual([accented]);
    expect(await found("D'ALMEIDA")).toEqual([accented]);
    // Whole words only, every word, and only the caller's caseload (« Autre » is someone else's).
    expect(await found('atten')).toEqual([]);
    expect(await found('alex bilan attente')).toEqual([]);
    expect(await found('autre')).toEqual([]);
    expect((await caseloadOf(w.referent, { name: 'alex', alert: 'REVIEW_DUE' })).nodes.map((n) => n.id)).toEqual([w.review]);

    // Searching decrypts nothing but the page shown: one audit line of people and one of identities, for the page's people only.
    const ctx = testContext(orm, w.referent);
    counter.reset();
    const page = await caseloadOf(w.referent, { name: 'attente' }, ctx);
    expect(page.totalCount).toBe(1);
    expect(counter.count).toBe(7);
    const audit: { record_type: string; record_ids: string[] }[] = await em.execute(`select record_type, record_ids from audit.access_log where correlation_id = ? order by id`, [ctx.correlationId]);
    expect(audit).toEqual([
      { record_type: 'Beneficiary', record_ids: [w.waiting] },
      { record_type: 'BeneficiaryIdentity', record_ids: [w.waiting] },
    ]);
    // What is stored says nothing readable.
    const stored: { words: string }[] = await em.execute(`select array_to_string(name_index, ' ') as words from beneficiaries.beneficiary_identity where beneficiary_id = ?`, [w.waiting]);
    expect(stored[0]!.words).not.toMatch(/alex|attente/i);

    // Identities written without the index (before it existed) get it at start-up.
    await em.execute('update beneficiaries.beneficiary_identity set name_index = null where beneficiary_id in (?)', [[w.waiting, accented]]);
    expect(await found('attente')).toEqual([]);
    expect(await backfillNameIndex(orm, () => undefined)).toBeGreaterThanOrEqual(2);
    expect(await found('attente')).toEqual([w.waiting]);
    expect(await found('eloise')).toEqual([accented]);

    const refused = await execute(schema, testContext(orm, w.referent), CASELOAD, { first: 5, name: ' -- ' });
    expect(refused.errors).toEqual(['name must hold at least one letter or digit.']);
  });
});

describe('the people a prescriber prescribed', () => {
  const PRESCRIBED = `query ($after: String) { prescribed(first: 2, after: $after) {
    nodes { id accompaniments { prescribedOn status } } pageInfo { endCursor hasNextPage } } }`;

  it('lists them, the most recent prescription first, with their own accompaniments only, audited, and only to prescribers', async () => {
    const em = orm.em.fork();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    const prescriber = testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' });
    const people: string[] = [];
    for (const [i, prescribedOn] of ['2026-03-01', '2026-05-01', '2026-04-01'].entries()) {
      const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: id, territoryId: territory, prescriberId: prescriber.userId, prescribedOn, ...(i === 0 ? { startedOn: '2026-03-20' } : {}) });
      people.push(id);
    }
    // Someone else's prescription for the first person: not shown to this prescriber.
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: people[0]!, territoryId: territory, prescriberId: 'other', prescribedOn: '2026-06-01' });
    await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });

    const ctx = testContext(orm, prescriber);
    type P = { prescribed: { nodes: { id: string; accompaniments: { prescribedOn: string; status: string }[] }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const first = await execute<P>(schema, ctx, PRESCRIBED, {});
    expect(first.errors).toEqual([]);
    expect(first.data!.prescribed.nodes).toEqual([
      { id: people[1], accompaniments: [{ prescribedOn: '2026-05-01', status: 'PRESCRIBED' }] },
      { id: people[2], accompaniments: [{ prescribedOn: '2026-04-01', status: 'PRESCRIBED' }] },
    ]);
    expect(first.data!.prescribed.pageInfo.hasNextPage).toBe(true);
    const second = await execute<P>(schema, testContext(orm, prescriber), PRESCRIBED, { after: first.data!.prescribed.pageInfo.endCursor });
    expect(second.data!.prescribed).toEqual({
      nodes: [{ id: people[0], accompaniments: [{ prescribedOn: '2026-03-01', status: 'IN_PROGRESS' }] }],
      pageInfo: { endCursor: expect.any(String), hasNextPage: false },
    });
    const audit: { record_ids: string[] }[] = await em.execute(`select record_ids from audit.access_log where correlation_id = ? and record_type = 'Beneficiary'`, [ctx.correlationId]);
    expect(audit).toEqual([{ record_ids: [people[1], people[2]] }]);
    const referent = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' })), PRESCRIBED, {});
    expect(referent.errors).toEqual(['Your role (REFERENT) may not list the people they prescribed.']);
  });
});

describe("a person's path", () => {
  it('references the commune, the partners and services of referrals, gives the next appointment and a typed timeline', async () => {
    const em = orm.em.fork();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });
    const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
    const path = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: id, territoryId: territory, referentId: referent.userId, prescribedOn: '2026-01-05', startedOn: '2026-01-20' });
    await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: path, beneficiaryId: id, kind: 'FIRST', scheduledOn: '2026-01-20', status: 'HONOURED' });
    const next = daysFromToday(7);
    await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: path, beneficiaryId: id, kind: 'INTERMEDIATE', scheduledOn: daysFromToday(30), status: 'PLANNED' });
    await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: path, beneficiaryId: id, kind: 'INTERMEDIATE', scheduledOn: next, status: 'PLANNED' });
    const [serviceId, partnerId, referralId] = [randomUUID(), randomUUID(), randomUUID()];
    await em.execute(
      `insert into beneficiaries.referral (id, department_code, beneficiary_id, accompaniment_id, service_id, partner_id, status, sent_on, answered_on) values (?, ?, ?, ?, ?, ?, 'REFUSED', '2026-02-01', '2026-02-05')`,
      [referralId, DEPARTMENT, id, path, serviceId, partnerId],
    );
    const { data, errors } = await execute<{ beneficiary: unknown }>(
      schema,
      testContext(orm, referent),
      `query ($id: ID!) { beneficiary(id: $id) { commune { code } accompaniments {
        nextAppointment { kind scheduledOn }
        referrals { partner { id } service { id } }
        timeline { date kind appointmentKind appointmentStatus referralId referralStatus } } } }`,
      { id },
    );
    expect(errors).toEqual([]);
    expect(data!.beneficiary).toEqual({
      commune: { code: commune },
      accompaniments: [
        {
          nextAppointment: { kind: 'INTERMEDIATE', scheduledOn: next },
          referrals: [{ partner: { id: partnerId }, service: { id: serviceId } }],
          timeline: [
            { date: '2026-01-05', kind: 'PRESCRIBED', appointmentKind: null, appointmentStatus: null, referralId: null, referralStatus: null },
            { date: '2026-01-05', kind: 'VALIDATED', appointmentKind: null, appointmentStatus: null, referralId: null, referralStatus: null },
            { date: '2026-01-20', kind: 'STARTED', appointmentKind: null, appointmentStatus: null, referralId: null, referralStatus: null },
            { date: '2026-01-20', kind: 'APPOINTMENT', appointmentKind: 'FIRST', appointmentStatus: 'HONOURED', referralId: null, referralStatus: null },
            { date: '2026-02-01', kind: 'REFERRAL', appointmentKind: null, appointmentStatus: null, referralId, referralStatus: 'SENT' },
            { date: '2026-02-05', kind: 'REFERRAL', appointmentKind: null, appointmentStatus: null, referralId, referralStatus: 'REFUSED' },
            { date: next, kind: 'APPOINTMENT', appointmentKind: 'INTERMEDIATE', appointmentStatus: 'PLANNED', referralId: null, referralStatus: null },
            { date: daysFromToday(30), kind: 'APPOINTMENT', appointmentKind: 'INTERMEDIATE', appointmentStatus: 'PLANNED', referralId: null, referralStatus: null },
          ],
        },
      ],
    });
  });
});

import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, LoaderRegistry, todayIso, type Caller } from '@passerelles/subgraph-kit';
import { execute, testCaller } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERRAL_EXPIRES_AFTER_DAYS } from '../accompaniment/accompaniment.enums.js';
import { DELAY_ALERT_DAYS_BEFORE, DelayStep, definitionFor, targetDays, targetMonths } from '../indicators/delay-chain.definitions.js';
import { openScaleWorld, type ScaleWorld } from '../test-support/scale-world.js';

// This file owns Département 24 (Dordogne) in the shared test database.
const DEPARTMENT = '24';
const KINDS = ['WAITING_FIRST_INTERVIEW', 'MISSED_LAST_APPOINTMENT', 'REVIEW_DUE', 'APPOINTMENT_TO_CLOSE', 'REFERRAL_UNANSWERED', 'ORIENTATION_DUE', 'CONTRACT_DUE'];

let client: pg.Client;
let orm: MikroORM;
let schema: GraphQLSchema;

interface AlertRow {
  beneficiary_id: string;
  kind: string;
  due_on: string;
}

/** Whose caseload the reference reads: a référent's, an operator's, or territories' (the people's and the accompaniments'). */
interface ReferenceScope {
  referentId?: string;
  operatorId?: string;
  territoryIds?: string[];
}

/**
 * The alerts as first written (Migration20261214090000 replaced it): for each open accompaniment,
 * one lookup per alert, read straight from the definitions. The reference the subgraph's answers
 * are compared with; `scope` narrows it as the caller's own scope would.
 */
async function referenceAlerts(scope: ReferenceScope = {}): Promise<AlertRow[]> {
  const today = todayIso();
  const delays = definitionFor(today);
  const orientationDays = targetDays(delays, DelayStep.ORIENTATION_DECIDED) ?? 0;
  const contractMonths = targetMonths(delays, DelayStep.CONTRACT_SIGNED) ?? 1;
  const days = REFERRAL_EXPIRES_AFTER_DAYS;
  const { rows } = await client.query<AlertRow>(
    `select a.beneficiary_id::text, k.kind, k.due_on::text
       from (select $1::date as today, $2::date as rights_from) p cross join beneficiaries.accompaniment a
       left join lateral (
         select ap.status, ap.scheduled_on from beneficiaries.appointment ap
          where ap.department_code = a.department_code and ap.accompaniment_id = a.id and ap.scheduled_on <= p.today
          order by ap.scheduled_on desc, ap.created_at desc limit 1) last on true
       cross join lateral (values
         ('WAITING_FIRST_INTERVIEW', case when a.started_on is null and a.prescribed_on < p.today - 30 then a.prescribed_on + 30 end),
         ('MISSED_LAST_APPOINTMENT', case when last.status = 'MISSED' then last.scheduled_on end),
         ('REVIEW_DUE', case when a.started_on is not null and a.final_review_on is null and a.started_on < p.today - interval '5 months'
                             then (a.started_on + interval '5 months')::date end),
         ('APPOINTMENT_TO_CLOSE', (select min(ap.scheduled_on) from beneficiaries.appointment ap
                                    where ap.department_code = a.department_code and ap.accompaniment_id = a.id and ap.status = 'PLANNED' and ap.scheduled_on < p.today)),
         ('REFERRAL_UNANSWERED', case when not exists (select 1 from beneficiaries.referral o where o.department_code = a.department_code and o.accompaniment_id = a.id
                                                        and (o.status = 'ACCEPTED' or (o.status = 'SENT' and o.sent_on + ${days} >= p.today)))
                                      then (select max(case when r.status = 'REFUSED' then r.answered_on else r.sent_on + ${days} end)
                                              from beneficiaries.referral r
                                             where r.department_code = a.department_code and r.accompaniment_id = a.id
                                               and (r.status = 'REFUSED' or (r.status = 'SENT' and r.sent_on + ${days} < p.today))
                                               and (case when r.status = 'REFUSED' then r.answered_on else r.sent_on + ${days} end) >= p.today - 60) end),
         ('ORIENTATION_DUE', (select coalesce(bo.rights_opened_on, bo.rsa_entry_date) + ${orientationDays} from beneficiaries.beneficiary bo
                               where bo.id = a.beneficiary_id and coalesce(bo.rights_opened_on, bo.rsa_entry_date) >= p.rights_from
                                 and coalesce(bo.rights_opened_on, bo.rsa_entry_date) + ${orientationDays - DELAY_ALERT_DAYS_BEFORE} <= p.today
                                 and not exists (select 1 from beneficiaries.orientation o where o.department_code = bo.department_code and o.beneficiary_id = bo.id))),
         ('CONTRACT_DUE', (select (co.notified_on + interval '${contractMonths} months')::date
                             from (select o.notified_on from beneficiaries.orientation o
                                    where o.department_code = a.department_code and o.beneficiary_id = a.beneficiary_id
                                    order by o.decided_on desc, o.created_at desc, o.id desc limit 1) co
                            where co.notified_on >= p.rights_from
                              and (co.notified_on + interval '${contractMonths} months')::date - ${DELAY_ALERT_DAYS_BEFORE} <= p.today
                              and not exists (select 1 from beneficiaries.contract_signature cs
                                               where cs.department_code = a.department_code and cs.beneficiary_id = a.beneficiary_id and cs.signed_on >= co.notified_on)))
       ) as k(kind, due_on)
      where a.department_code = $3 and a.ended_on is null and k.due_on is not null
        and ($4::text is null or a.referent_id = $4) and ($5::uuid is null or a.operator_id = $5)
        and ($6::text[] is null or (a.territory_id = any($6)
             and exists (select 1 from beneficiaries.beneficiary b where b.id = a.beneficiary_id and b.territory_id = any($6))))`,
    [today, delays.rightsOpenedFrom, DEPARTMENT, scope.referentId ?? null, scope.operatorId ?? null, scope.territoryIds ?? null],
  );
  return rows;
}

/** People per alert, every alert listed (0 when none), as `alertCounts` gives them. */
function countsOf(rows: AlertRow[]): { alert: string; people: number }[] {
  return KINDS.map((kind) => ({ alert: kind, people: new Set(rows.filter((r) => r.kind === kind).map((r) => r.beneficiary_id)).size }));
}

/** Each person's alerts as the caseload shows them: one per kind, the earliest due, sorted by day then kind. */
function alertsByPerson(rows: AlertRow[]): Map<string, { kind: string; dueOn: string }[]> {
  const earliest = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.beneficiary_id}|${r.kind}`;
    const known = earliest.get(key);
    if (!known || r.due_on < known) earliest.set(key, r.due_on);
  }
  const byPerson = new Map<string, { kind: string; dueOn: string }[]>();
  for (const [key, dueOn] of earliest) {
    const [id, kind] = key.split('|') as [string, string];
    byPerson.set(id, [...(byPerson.get(id) ?? []), { kind, dueOn }]);
  }
  for (const list of byPerson.values()) list.sort((x, y) => (x.dueOn === y.dueOn ? (x.kind < y.kind ? -1 : 1) : x.dueOn < y.dueOn ? -1 : 1));
  return byPerson;
}

interface Page {
  nodes: { id: string; alerts: { kind: string; dueOn: string }[] }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
  alertCounts: { alert: string; people: number }[];
}
const CASELOAD = `query ($after: String, $alert: CaseloadAlert) { caseload(first: 100, after: $after, alert: $alert) {
  nodes { id alerts { kind dueOn } } pageInfo { endCursor hasNextPage } totalCount alertCounts { alert people } } }`;

async function caseloadPage(caller: Caller, variables: Record<string, unknown> = {}): Promise<Page> {
  const ctx = { caller, correlationId: randomUUID(), em: orm.em.fork(), loaders: new LoaderRegistry() };
  const { data, errors } = await execute<{ caseload: Page }>(schema, ctx, CASELOAD, variables);
  expect(errors).toEqual([]);
  return data!.caseload;
}

let world: ScaleWorld | undefined;
beforeAll(async () => {
  // Dated up to three weeks ago, so that every alert is raised by someone (appointments planned since
  // then are past and still « planned »).
  world = await openScaleWorld(DEPARTMENT, { size: 4000, asOf: addDays(todayIso(), -21) });
  ({ client, orm, schema } = world);
}, 120_000);
afterAll(() => world?.close());

describe('the caseload alerts of a whole Département', () => {
  it('count, show and filter the same people as the definitions read one accompaniment at a time, for an administrator, a référent, an operator and a territory', async () => {
    const reference = await referenceAlerts();
    const expected = countsOf(reference);
    // Every alert is raised by someone, or the comparison would prove nothing about it.
    expect(expected.filter((c) => c.people === 0)).toEqual([]);

    const admin = testCaller({ role: 'ADMIN', departmentCode: DEPARTMENT });
    const first = await caseloadPage(admin);
    expect(first.alertCounts).toEqual(expected);
    // Each filter finds the people the definitions name.
    for (const { alert, people } of expected) expect([alert, (await caseloadPage(admin, { alert })).totalCount]).toEqual([alert, people]);

    // Every person's alerts, page after page, as the definitions give them.
    const byPerson = alertsByPerson(reference);
    const seen: Page['nodes'] = [];
    let page = first;
    for (;;) {
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      page = await caseloadPage(admin, { after: page.pageInfo.endCursor });
    }
    expect(seen.length).toBe(first.totalCount);
    expect(seen.filter((n) => n.alerts.length > 0).length).toBe(byPerson.size);
    for (const node of seen) expect([node.id, node.alerts]).toEqual([node.id, byPerson.get(node.id) ?? []]);

    // A référent, an operator, an administrator limited to one territory: their own part only.
    const busiest = async (column: 'referent_id' | 'operator_id' | 'territory_id'): Promise<string> => {
      const { rows } = await client.query<{ value: string }>(
        `select ${column}::text as value from beneficiaries.accompaniment where department_code = $1 and ended_on is null and ${column} is not null
          group by 1 order by count(*) desc, 1 limit 1`,
        [DEPARTMENT],
      );
      return rows[0]!.value;
    };
    const territory = await busiest('territory_id');
    const parts: [Caller, ReferenceScope][] = [
      [testCaller({ role: 'REFERENT', departmentCode: DEPARTMENT, userId: await busiest('referent_id') }), {}],
      [testCaller({ role: 'OPERATOR', departmentCode: DEPARTMENT, partnerId: await busiest('operator_id') }), {}],
      [testCaller({ role: 'ADMIN', departmentCode: DEPARTMENT, territoryIds: [territory] }), { territoryIds: [territory] }],
    ];
    parts[0]![1].referentId = parts[0]![0].userId;
    parts[1]![1].operatorId = parts[1]![0].partnerId!;
    for (const [caller, scope] of parts) {
      const theirs = await referenceAlerts(scope);
      expect(theirs.length, caller.role).toBeGreaterThan(0);
      expect(theirs.length, caller.role).toBeLessThan(reference.length);
      const theirPage = await caseloadPage(caller);
      expect([caller.role, theirPage.alertCounts]).toEqual([caller.role, countsOf(theirs)]);
      const theirsByPerson = alertsByPerson(theirs);
      for (const node of theirPage.nodes) expect([caller.role, node.id, node.alerts]).toEqual([caller.role, node.id, theirsByPerson.get(node.id) ?? []]);
    }
  }, 120_000);

  it('keep an accompaniment in its person’s Département (the foreign key that lets the counts skip checking each person again)', async () => {
    const { rows } = await client.query<{ id: string }>('select id from beneficiaries.accompaniment where department_code = $1 and ended_on is null limit 1', [DEPARTMENT]);
    await client.query('begin');
    try {
      await expect(client.query(`update beneficiaries.accompaniment set department_code = '25' where id = $1`, [rows[0]!.id])).rejects.toMatchObject({
        code: '23503',
        constraint: 'accompaniment_person_department_fkey',
      });
    } finally {
      await client.query('rollback');
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, addMonths, todayIso, type Caller } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContractSigned } from '../contract-signature/contract-signed.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newPerson, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 22 (Côtes-d'Armor) in the shared test database.
const DEPARTMENT = '22';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;
const daysFromToday = (days: number): string => addDays(todayIso(), days);

const CASELOAD = `query ($alert: CaseloadAlert) { caseload(first: 50, alert: $alert) { nodes { id alerts { kind dueOn } } alertCounts { alert people } } }`;
interface Page {
  nodes: { id: string; alerts: { kind: string; dueOn: string }[] }[];
  alertCounts: { alert: string; people: number }[];
}
async function caseloadOf(caller: Caller, alert: string | null = null): Promise<Page> {
  const { data, errors } = await execute<{ caseload: Page }>(schema, testContext(orm, caller), CASELOAD, { alert });
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

describe('the legal deadlines’ alerts', () => {
  it('is raised 7 days before the legal deadline (right opened + 42 days), not 8, and ends once an orientation is decided', async () => {
    const em = orm.em.fork();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT', territoryIds: [territory] });
    const followed = async (rsaEntryDate: string): Promise<string> => {
      const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      await em.execute('update beneficiaries.beneficiary set rsa_entry_date = ? where id = ?', [rsaEntryDate, id]);
      await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: id, territoryId: territory, referentId: referent.userId, prescribedOn: daysFromToday(-5) });
      return id;
    };
    const sevenDays = await followed(daysFromToday(-35)); // due in 7 days
    const eightDays = await followed(daysFromToday(-34)); // due in 8 days: not yet
    const late = await followed(daysFromToday(-60)); // past the deadline: still due
    const beforeTheLaw = await followed('2024-06-01'); // right opened before the law came into force: no legal deadline here
    const oriented = await followed(daysFromToday(-40));
    const decide = (id: string, decidedOn: string): Promise<unknown> =>
      em.execute(
        `insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, decided_on, source, recorded_by) values (?, ?, ?, 'SOCIAL', 'DEPARTMENT', ?, 'DEPARTMENT', 'test')`,
        [randomUUID(), DEPARTMENT, id, decidedOn],
      );
    await decide(oriented, daysFromToday(-3));

    const alertsOf = (page: Page, id: string) => page.nodes.find((n) => n.id === id)!.alerts.filter((a) => a.kind === 'ORIENTATION_DUE');
    const all = await caseloadOf(referent);
    expect(alertsOf(all, sevenDays)).toEqual([{ kind: 'ORIENTATION_DUE', dueOn: daysFromToday(7) }]);
    expect(alertsOf(all, eightDays)).toEqual([]);
    expect(alertsOf(all, late)).toEqual([{ kind: 'ORIENTATION_DUE', dueOn: daysFromToday(-18) }]);
    expect(alertsOf(all, beforeTheLaw)).toEqual([]);
    expect(alertsOf(all, oriented)).toEqual([]);
    expect(all.alertCounts.find((c) => c.alert === 'ORIENTATION_DUE')).toEqual({ alert: 'ORIENTATION_DUE', people: 2 });
    const filtered = await caseloadOf(referent, 'ORIENTATION_DUE');
    expect(filtered.nodes.map((n) => n.id).sort()).toEqual([sevenDays, late].sort());

    // The Département decides: the alert is gone.
    await decide(sevenDays, todayIso());
    const after = await caseloadOf(referent);
    expect(alertsOf(after, sevenDays)).toEqual([]);
    expect(after.alertCounts.find((c) => c.alert === 'ORIENTATION_DUE')!.people).toBe(1);

    // The administrator's list raises it too.
    const admin = testCaller({ departmentCode: DEPARTMENT, territoryIds: [territory] });
    expect((await caseloadOf(admin, 'ORIENTATION_DUE')).nodes.map((n) => n.id)).toEqual([late]);
  });

  it('raises CONTRACT_DUE 7 days before the month after the current orientation’s notification, until contracts tells a contract was signed since', async () => {
    const em = orm.em.fork();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT', territoryIds: [territory] });
    const followed = async (notifiedOn: string | null, decidedOn = notifiedOn ?? daysFromToday(-10)): Promise<string> => {
      const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: id, territoryId: territory, referentId: referent.userId, prescribedOn: daysFromToday(-5) });
      await notify(id, decidedOn, notifiedOn);
      return id;
    };
    const notify = (id: string, decidedOn: string, notifiedOn: string | null): Promise<unknown> =>
      em.execute(
        `insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, decided_on, notified_on, source, recorded_by) values (?, ?, ?, 'SOCIAL', 'DEPARTMENT', ?, ?, 'DEPARTMENT', 'test')`,
        [randomUUID(), DEPARTMENT, id, decidedOn, notifiedOn],
      );
    const sign = (id: string, signedOn: string): Promise<boolean> =>
      recordContractSigned(em, DEPARTMENT, randomUUID(), { contractId: randomUUID(), beneficiaryId: id, accompanimentId: null, kind: 'CONTRAT_ENGAGEMENT', signedOn });
    // The deadline is the notification + 1 month; the alert starts 7 days before it.
    const notifiedFor = (daysToDeadline: number): string => addMonths(addDays(todayIso(), daysToDeadline), -1);
    const sevenDays = await followed(notifiedFor(7));
    const eightDays = await followed(notifiedFor(8));
    const late = await followed(notifiedFor(-10));
    const notNotified = await followed(null, daysFromToday(-60));
    const signedBefore = await followed(notifiedFor(-3));
    await sign(signedBefore, addDays(notifiedFor(-3), -5)); // a contract older than the notification does not count
    const signed = await followed(notifiedFor(-3));
    await sign(signed, addDays(notifiedFor(-3), 2));
    const reoriented = await followed(notifiedFor(-40));
    await sign(reoriented, addDays(notifiedFor(-40), 3));
    await notify(reoriented, daysFromToday(-35), notifiedFor(5)); // a new orientation restarts the clock

    const alertsOf = (page: Page, id: string) => page.nodes.find((n) => n.id === id)!.alerts.filter((a) => a.kind === 'CONTRACT_DUE');
    const all = await caseloadOf(referent);
    expect(alertsOf(all, sevenDays)).toEqual([{ kind: 'CONTRACT_DUE', dueOn: daysFromToday(7) }]);
    expect(alertsOf(all, eightDays)).toEqual([]);
    expect(alertsOf(all, late)).toEqual([{ kind: 'CONTRACT_DUE', dueOn: daysFromToday(-10) }]);
    expect(alertsOf(all, notNotified)).toEqual([]);
    expect(alertsOf(all, signedBefore)).toEqual([{ kind: 'CONTRACT_DUE', dueOn: daysFromToday(-3) }]);
    expect(alertsOf(all, signed)).toEqual([]);
    expect(alertsOf(all, reoriented)).toEqual([{ kind: 'CONTRACT_DUE', dueOn: daysFromToday(5) }]);
    expect(all.alertCounts.find((c) => c.alert === 'CONTRACT_DUE')).toEqual({ alert: 'CONTRACT_DUE', people: 4 });

    // Contracts tells a signature (twice: delivered at least once): the alert ends.
    const contractId = randomUUID();
    const event = { contractId, beneficiaryId: late, accompanimentId: null, kind: 'CONTRAT_ENGAGEMENT', signedOn: todayIso() };
    expect(await recordContractSigned(em, DEPARTMENT, randomUUID(), event)).toBe(true);
    expect(await recordContractSigned(em, DEPARTMENT, randomUUID(), event)).toBe(false);
    const after = await caseloadOf(referent, 'CONTRACT_DUE');
    expect(after.nodes.map((n) => n.id).sort()).toEqual([sevenDays, signedBefore, reoriented].sort());
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { UserRepository } from '../auth/users.js';
import { AccessLogService } from './access-log.service.js';
import { accessLogArgs, parseInput } from './admin.input.js';

/** The access log's filters (user, record, days in Paris) and user names, on the real database. */
let db: pg.Pool;
let log: AccessLogService;

const caller = (role: Caller['role'], departmentCode = '62'): Caller => ({ userId: randomUUID(), role, departmentCode, territoryIds: [], partnerId: null });
const account = async (departmentCode: string, displayName: string): Promise<string> =>
  (await new UserRepository(db).create({ departmentCode, email: `journal-${randomUUID().slice(0, 8)}@exemple.test`, displayName, role: 'REFERENT', territoryIds: [], partnerId: null })).id;

/** Appends a line as the services do (the test role may insert; the gateway's may only read). */
async function line(fields: { department?: string; userId: string; at: string; records: string[]; operation?: string }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids) values ($1, $2, $3, 'REFERENT', $4, 'Beneficiary', $5) returning id::text`,
    [fields.department ?? '62', fields.at, fields.userId, fields.operation ?? 'READ', fields.records],
  );
  return rows[0]!.id;
}

const args = (value: Record<string, unknown>) => parseInput(accessLogArgs, { first: 50, ...value }, 'accessLog');

beforeAll(() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  db = new pg.Pool({ connectionString: url, max: 4 });
  log = new AccessLogService(db);
});

afterAll(async () => {
  await db.end();
});

describe('access log filters', () => {
  it('filters by days in Paris, both ends included, by user and by record, with the user’s name', async () => {
    const reader = await account('62', 'Camille Lectrice');
    const other = await account('62', 'Dominique Autre');
    const person = randomUUID();
    // 22:30 UTC on 10 March is 23:30 in Paris (the 10th); 23:30 UTC is 00:30 on the 11th.
    const tenth = await line({ userId: reader, at: '2025-03-10T22:30:00Z', records: [person] });
    const eleventh = await line({ userId: reader, at: '2025-03-10T23:30:00Z', records: [person, randomUUID()] });
    const twelfth = await line({ userId: other, at: '2025-03-12T08:00:00Z', records: [person], operation: 'WRITE' });
    await line({ userId: reader, at: '2025-03-13T08:00:00Z', records: [randomUUID()] });
    const admin = caller('ADMIN');
    const ids = async (filters: Record<string, unknown>): Promise<string[]> => (await log.page(admin, args(filters))).nodes.map((n) => n.id);

    expect(await ids({ recordId: person })).toEqual([twelfth, eleventh, tenth]);
    expect(await ids({ recordId: person, from: '2025-03-11', to: '2025-03-12' })).toEqual([twelfth, eleventh]);
    expect(await ids({ recordId: person, to: '2025-03-10' })).toEqual([tenth]);
    expect(await ids({ recordId: person, from: '2025-03-11', to: '2025-03-11' })).toEqual([eleventh]);
    expect(await ids({ recordId: person, userId: other })).toEqual([twelfth]);
    expect(await ids({ userId: reader, from: '2025-03-11', to: '2025-03-13' })).toHaveLength(2);

    const [newest] = (await log.page(admin, args({ recordId: person }))).nodes;
    expect(newest).toMatchObject({ userId: other, userDisplayName: 'Dominique Autre', operation: 'WRITE', recordType: 'Beneficiary', recordIds: [person], at: '2025-03-12T08:00:00.000Z' });
    // Paged through the filters: the cursor keeps them.
    const first = await log.page(admin, args({ recordId: person, first: 2 }));
    expect(first).toMatchObject({ hasNextPage: true });
    expect((await log.page(admin, args({ recordId: person, first: 2, after: first.endCursor }))).nodes.map((n) => n.id)).toEqual([tenth]);
  });

  it('names only the Département’s own accounts, and shows only its own lines', async () => {
    const doubs = await account('25', 'Compte du Doubs');
    const person = randomUUID();
    await line({ userId: doubs, at: '2025-04-01T10:00:00Z', records: [person] });
    await line({ department: '25', userId: doubs, at: '2025-04-01T10:00:00Z', records: [person] });
    const in62 = (await log.page(caller('ADMIN', '62'), args({ recordId: person }))).nodes;
    expect(in62.map((n) => [n.userId, n.userDisplayName])).toEqual([[doubs, null]]);
    const in25 = (await log.page(caller('ADMIN', '25'), args({ recordId: person }))).nodes;
    expect(in25.map((n) => n.userDisplayName)).toEqual(['Compte du Doubs']);
    await expect(log.page(caller('REFERENT'), args({ recordId: person }))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses days that are not days, and a period that ends before it starts, naming the argument', () => {
    const refusal = (value: Record<string, unknown>): unknown => {
      try {
        args(value);
        return null;
      } catch (error) {
        return error;
      }
    };
    expect(refusal({ from: '2025-02-31' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accessLog.from' });
    expect(refusal({ to: '10/03/2025' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accessLog.to' });
    expect(refusal({ from: '2025-03-12', to: '2025-03-11' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accessLog.to' });
    expect(refusal({ from: '2025-03-11', to: '2025-03-11' })).toBeNull();
  });
});

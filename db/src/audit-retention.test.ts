import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeAccessLog } from './audit-retention.js';

const url = process.env.TEST_DATABASE_URL!;
const client = new pg.Client({ connectionString: url });
beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe('access-log retention', () => {
  it('deletes lines older than the period, keeps the others, and the log stays append-only otherwise', async () => {
    const user = `retention-${randomUUID()}`;
    // Lines written 400 and 10 days ago (the trigger guards changes, not inserts with a past date).
    await client.query(
      `insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids)
       values ('62', now() - interval '400 days', $1, 'ADMIN', 'READ', 'Beneficiary', '{a}'),
              ('62', now() - interval '10 days', $1, 'ADMIN', 'READ', 'Beneficiary', '{b}')`,
      [user],
    );
    expect(await purgeAccessLog(url, 365)).toBeGreaterThanOrEqual(1);
    const left = await client.query<{ record_ids: string[] }>('select record_ids from audit.access_log where user_id = $1', [user]);
    expect(left.rows).toEqual([{ record_ids: ['b'] }]);
    // Outside the retention job, and for young lines even inside it, deleting is refused.
    await expect(client.query('delete from audit.access_log where user_id = $1', [user])).rejects.toThrow(/append-only/);
    await client.query('begin');
    await client.query(`select set_config('passerelles.audit_retention', 'on', true)`);
    await expect(client.query('delete from audit.access_log where user_id = $1', [user])).rejects.toThrow(/append-only/);
    await client.query('rollback');
    await expect(purgeAccessLog(url, 0)).rejects.toThrow(/at least 1/);
  });
});

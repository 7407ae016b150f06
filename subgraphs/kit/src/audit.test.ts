import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAccess } from './audit.js';
import { testCaller, testContext, testDatabaseUrl } from './test-support/index.js';

let orm: MikroORM;

beforeAll(async () => {
  orm = await MikroORM.init(ormConfig({ clientUrl: testDatabaseUrl(), schema: 'audit' }));
});
afterAll(async () => {
  await orm.close(true);
});

describe('audit.access_log', () => {
  it('appends who read which records, with the correlation id', async () => {
    const caller = testCaller({ role: 'REFERENT', departmentCode: '62' });
    const ctx = testContext(orm, caller);
    const ids = [randomUUID(), randomUUID()];
    await recordAccess(ctx, { operation: 'READ', recordType: 'Beneficiary', recordIds: ids });
    const rows: { user_id: string; role: string; operation: string; record_type: string; record_ids: string[]; correlation_id: string }[] =
      await orm.em.fork().execute(`select user_id, role, operation, record_type, record_ids, correlation_id from audit.access_log where user_id = ?`, [caller.userId]);
    expect(rows).toEqual([{ user_id: caller.userId, role: 'REFERENT', operation: 'READ', record_type: 'Beneficiary', record_ids: ids, correlation_id: ctx.correlationId }]);
  });

  it('writes nothing for an empty read, and refuses to change or delete a line', async () => {
    const caller = testCaller();
    await recordAccess(testContext(orm, caller), { operation: 'READ', recordType: 'Beneficiary', recordIds: [] });
    const em = orm.em.fork();
    expect(await em.execute(`select count(*)::int as n from audit.access_log where user_id = ?`, [caller.userId])).toEqual([{ n: 0 }]);
    await recordAccess(testContext(orm, caller), { operation: 'EXPORT', recordType: 'Beneficiary', recordIds: ['x'] });
    await expect(em.execute(`update audit.access_log set role = 'ADMIN' where user_id = ?`, [caller.userId])).rejects.toThrow(/append-only/);
    await expect(em.execute(`delete from audit.access_log where user_id = ?`, [caller.userId])).rejects.toThrow(/append-only/);
  });
});

import type { MikroORM } from '@mikro-orm/postgresql';
import { openTestOrm } from '@passerelles/subgraph-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newPerson } from '../test-support/factories.js';
import { Migration20261205220000_outbox_backfill } from './Migration20261205220000_outbox_backfill.js';

// This file owns Département 19 (Corrèze) in the shared test database.
const DEPARTMENT = '19';
let orm: MikroORM;

beforeAll(async () => {
  orm = await openTestOrm(beneficiariesSubgraph);
});
afterAll(async () => {
  await orm.close(true);
});

/** The migration's statements, run again as they would run on a database that has exits from before the outbox. */
async function runBackfill(): Promise<void> {
  const statements: string[] = [];
  const migration = Object.create(Migration20261205220000_outbox_backfill.prototype) as Migration20261205220000_outbox_backfill & { addSql(sql: string): void };
  migration.addSql = (sql: string) => statements.push(sql);
  migration.up();
  for (const sql of statements) await orm.em.fork().execute(sql);
}

describe('exits recorded before the outbox', () => {
  it('become one accompaniment-closed event each, once, and accompaniments in progress none', async () => {
    const em = orm.em.fork();
    const communeCode = await firstCommune(em, DEPARTMENT);
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode });
    const ended = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, prescribedOn: '2024-01-10', validatedOn: '2024-01-20', startedOn: '2024-02-01', endedOn: '2024-09-30', exitReason: 'STABILISATION' });
    const inProgress = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, prescribedOn: '2025-01-10', validatedOn: '2025-01-20', startedOn: '2025-02-01' });
    await runBackfill();
    await runBackfill();
    const events = await orm.em.fork().execute<{ event_key: string; payload: unknown; delivered_at: Date | null }[]>(
      `select event_key, payload, delivered_at from beneficiaries.outbox where department_code = ? and event_key in (?, ?)`,
      [DEPARTMENT, ended, inProgress],
    );
    expect(events).toEqual([{ event_key: ended, payload: { accompanimentId: ended, beneficiaryId: person, endedOn: '2024-09-30', reason: 'STABILISATION' }, delivered_at: null }]);
  });
});

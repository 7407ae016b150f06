import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsSubgraph } from '../subgraph.js';
import { newEngagementContract } from '../test-support/factories.js';
import { closeAccompaniment, EXIT_AUTHOR } from './accompaniment-closed.js';

// This file owns Département 16 (Charente) in the shared test database.
const DEPARTMENT = '16';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });

beforeAll(async () => {
  orm = await openTestOrm(contractsSubgraph, counter);
  schema = await contractsSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

interface Row {
  id: string;
  status: string;
  ends_on: string;
  final_assessment: string | null;
}
const contractsOf = (accompanimentId: string): Promise<Row[]> =>
  orm.em.fork().execute<Row[]>(`select id, status, ends_on::text, final_assessment from contracts.engagement_contract where accompaniment_id = ? order by starts_on`, [accompanimentId]);
const historyCount = async (): Promise<number> =>
  Number((await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from contracts.contract_status_change where department_code = ?`, [DEPARTMENT]))[0]!.n);

async function createCer(beneficiaryId: string, accompanimentId: string, startsOn: string, signedOn: string | null): Promise<{ ok: boolean; error: { code: string; field: string | null } | null }> {
  const { data, errors } = await execute<{ r: { ok: boolean; error: { code: string; field: string | null } | null } }>(
    schema,
    testContext(orm, admin),
    `mutation ($input: CreateContractInput!) { r: createContract(input: $input) { ok error { code field } } }`,
    { input: { beneficiaryId, accompanimentId, kind: 'CER', startsOn, ...(signedOn ? { signedOn } : {}) } },
  );
  if (errors.length > 0) throw new Error(errors.join('; '));
  return data!.r;
}

describe('an accompaniment that beneficiaries says has ended', () => {
  it('ends the contract in force on the exit day, cancels a draft and one not started, leaves other accompaniments alone — once', async () => {
    const beneficiaryId = randomUUID();
    const accompanimentId = randomUUID();
    const em = orm.em.fork();
    const inForce = await newEngagementContract(em, { departmentCode: DEPARTMENT, beneficiaryId, accompanimentId, startsOn: '2025-01-15' });
    const draft = await newEngagementContract(em, { departmentCode: DEPARTMENT, beneficiaryId, accompanimentId, startsOn: '2025-03-01', status: 'DRAFT' });
    const later = await newEngagementContract(em, { departmentCode: DEPARTMENT, beneficiaryId, accompanimentId, kind: 'PPAE', startsOn: '2025-06-01' });
    const other = await newEngagementContract(em, { departmentCode: DEPARTMENT, beneficiaryId, accompanimentId: randomUUID(), kind: 'PPAE', startsOn: '2025-02-01' });

    const outcome = await closeAccompaniment(orm.em.fork(), DEPARTMENT, randomUUID(), { accompanimentId, beneficiaryId, endedOn: '2025-05-10', reason: 'DYNAMIC_EXIT' });
    expect(outcome).toEqual({ ended: [inForce], cancelled: expect.arrayContaining([draft, later]) as unknown });
    const rows = await contractsOf(accompanimentId);
    expect(rows.find((r) => r.id === inForce)).toMatchObject({ status: 'ENDED', ends_on: '2025-05-10', final_assessment: 'Clos par la sortie du dispositif le 10/05/2025.' });
    expect(rows.find((r) => r.id === draft)?.status).toBe('CANCELLED');
    expect(rows.find((r) => r.id === later)?.status).toBe('CANCELLED');
    const [untouched] = await orm.em.fork().execute<Row[]>(`select id, status, ends_on::text, final_assessment from contracts.engagement_contract where id = ?`, [other]);
    expect(untouched?.status).toBe('SIGNED');
    const changes = await orm.em.fork().execute<{ changed_by: string }[]>(`select changed_by from contracts.contract_status_change where contract_id in (?, ?, ?)`, [inForce, draft, later]);
    expect(changes.map((c) => c.changed_by)).toEqual([EXIT_AUTHOR, EXIT_AUTHOR, EXIT_AUTHOR]);

    // Delivered again (the relay retries until acknowledged): nothing more happens.
    const before = await historyCount();
    expect(await closeAccompaniment(orm.em.fork(), DEPARTMENT, randomUUID(), { accompanimentId, beneficiaryId, endedOn: '2025-05-10', reason: 'DYNAMIC_EXIT' })).toEqual({ ended: [], cancelled: [] });
    expect(await historyCount()).toBe(before);
  });

  it('takes no new contract for it (a typed refusal on accompanimentId), but does for a new accompaniment', async () => {
    const beneficiaryId = randomUUID();
    const ended = randomUUID();
    await closeAccompaniment(orm.em.fork(), DEPARTMENT, randomUUID(), { accompanimentId: ended, beneficiaryId, endedOn: '2025-05-10', reason: 'DYNAMIC_EXIT' });
    expect(await createCer(beneficiaryId, ended, '2025-06-01', '2025-06-01')).toEqual({ ok: false, error: { code: 'ACCOMPANIMENT_ENDED', field: 'accompanimentId' } });
    expect(await createCer(beneficiaryId, ended, '2025-06-01', null)).toEqual({ ok: false, error: { code: 'ACCOMPANIMENT_ENDED', field: 'accompanimentId' } });
    expect(await createCer(beneficiaryId, randomUUID(), '2025-06-01', '2025-06-01')).toEqual({ ok: true, error: null });
  });

  it('leaves no contract in force when the exit and a new contract cross', async () => {
    // Each round: the exit's event and a signed CER for the same accompaniment at the same moment.
    // Whichever comes first, the person's lock orders them: either the CER is refused, or it is
    // written first and then ended by the exit.
    const rounds = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const beneficiaryId = randomUUID();
        const accompanimentId = randomUUID();
        const [, created] = await Promise.all([
          closeAccompaniment(orm.em.fork(), DEPARTMENT, randomUUID(), { accompanimentId, beneficiaryId, endedOn: '2025-05-10', reason: 'DYNAMIC_EXIT' }),
          createCer(beneficiaryId, accompanimentId, '2025-01-15', '2025-01-15'),
        ]);
        return { created, rows: await contractsOf(accompanimentId) };
      }),
    );
    for (const { created, rows } of rounds) {
      if (created.ok) expect(rows.map((r) => [r.status, r.ends_on])).toEqual([['ENDED', '2025-05-10']]);
      else expect(rows).toEqual([]);
      expect(created.error?.code ?? 'ACCOMPANIMENT_ENDED').toBe('ACCOMPANIMENT_ENDED');
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, openTestOrm, testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContractSigned } from '../contract-signature/contract-signed.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newOrientation, newPerson, newReferral, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 80 (Somme) in the shared test database.
const DEPARTMENT = '80';
let orm: MikroORM;
let commune: string;
let territoryId: string;

/**
 * Each person's chain computed from scratch, from every table at once (the statement the stored
 * chains replaced, ADR 0030): what `beneficiaries.delay_chain` must hold after any write.
 */
const RECOMPUTED = `
  with b as (select b.id, b.department_code, b.territory_id, coalesce(b.rights_opened_on, b.rsa_entry_date) as rights_opened_on
               from beneficiaries.beneficiary b where b.department_code = $1),
       o as (select distinct on (o.beneficiary_id) o.beneficiary_id, o.track, o.decided_on, o.notified_on
               from beneficiaries.orientation o join b on b.id = o.beneficiary_id where o.department_code = $1
              order by o.beneficiary_id, o.decided_on, o.created_at, o.id),
       a1 as (select distinct on (a.beneficiary_id) a.beneficiary_id, a.id, a.started_on, a.programme_id, a.operator_id
                from beneficiaries.accompaniment a join o on o.beneficiary_id = a.beneficiary_id
               where a.department_code = $1 and a.started_on is not null
               order by a.beneficiary_id, (a.started_on >= o.notified_on) desc nulls last, a.started_on, a.id),
       cs as (select cs.beneficiary_id, min(cs.signed_on) as contract_on
                from beneficiaries.contract_signature cs join o on o.beneficiary_id = cs.beneficiary_id
               where cs.department_code = $1 and cs.signed_on >= o.notified_on group by cs.beneficiary_id),
       pr as (select r.accompaniment_id, min(r.answered_on) as partner_on from beneficiaries.referral r join a1 on a1.id = r.accompaniment_id
               where r.department_code = $1 and r.status in ('ACCEPTED', 'DONE', 'NO_SHOW') group by r.accompaniment_id)
  select b.id as beneficiary_id, b.territory_id, b.rights_opened_on::text, o.track, o.decided_on::text, o.notified_on::text,
         a.id as accompaniment_id, a.started_on::text, a.programme_id, a.operator_id, cs.contract_on::text, pr.partner_on::text
    from b join o on o.beneficiary_id = b.id left join a1 a on a.beneficiary_id = b.id
    left join cs on cs.beneficiary_id = b.id left join pr on pr.accompaniment_id = a.id
   order by b.id`;
const STORED = `select beneficiary_id, territory_id, rights_opened_on::text, track, decided_on::text, notified_on::text,
                       accompaniment_id, started_on::text, programme_id, operator_id, contract_on::text, partner_on::text
                  from beneficiaries.delay_chain where department_code = $1 order by beneficiary_id`;

type Row = Record<string, unknown>;
const stored = async (db: pg.ClientBase | pg.Pool): Promise<Row[]> => (await db.query<Row>(STORED, [DEPARTMENT])).rows;
const recomputed = async (db: pg.ClientBase | pg.Pool): Promise<Row[]> => (await db.query<Row>(RECOMPUTED, [DEPARTMENT])).rows;

const orient = (em: EntityManager, beneficiaryId: string, track: string, decidedOn: string, notifiedOn: string | null): Promise<string> =>
  newOrientation(em, { departmentCode: DEPARTMENT, beneficiaryId, track, decidedOn, notifiedOn });

const refer = (em: EntityManager, beneficiaryId: string, accompanimentId: string, status: string, sentOn: string, answeredOn: string | null): Promise<string> =>
  newReferral(em, { departmentCode: DEPARTMENT, beneficiaryId, accompanimentId, status, sentOn, answeredOn });

const sign = (em: EntityManager, beneficiaryId: string, signedOn: string): Promise<boolean> =>
  recordContractSigned(em, DEPARTMENT, randomUUID(), { contractId: randomUUID(), beneficiaryId, accompanimentId: null, kind: 'CONTRAT_ENGAGEMENT', signedOn });

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  const em = orm.em.fork();
  commune = await firstCommune(em, DEPARTMENT);
  territoryId = await createTestTerritory(em, DEPARTMENT, [commune]);
});
afterAll(async () => {
  await orm?.close(true);
});

describe('stored delay chains', () => {
  it('hold, after every kind of write to a person or their rows, the chain computed from scratch from every table', async () => {
    const em = orm.em.fork();
    const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    try {
      /** After each write: the stored chains are the recomputed ones, and `expected` says what changed. */
      const check = async (what: string, expected: (chains: Row[]) => void): Promise<void> => {
        const chains = await stored(db);
        expect(chains, what).toEqual(await recomputed(db));
        expected(chains);
      };
      const chainOf = (chains: Row[], person: string): Row | undefined => chains.find((c) => c.beneficiary_id === person);

      const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
      const other = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
      await check('a person without an orientation has no chain', (c) => expect(chainOf(c, person)).toBeUndefined());

      const late = await orient(em, person, 'PRO', '2025-03-10', null);
      await check('oriented', (c) => expect(chainOf(c, person)).toMatchObject({ track: 'PRO', decided_on: '2025-03-10', notified_on: null }));
      await em.execute('update beneficiaries.orientation set notified_on = ? where id = ?', ['2025-03-20', late]);
      await check('notified', (c) => expect(chainOf(c, person)).toMatchObject({ notified_on: '2025-03-20' }));
      const first = await orient(em, person, 'SOCIAL', '2025-02-01', '2025-02-05');
      await check('an earlier decision becomes the first orientation', (c) => expect(chainOf(c, person)).toMatchObject({ track: 'SOCIAL', decided_on: '2025-02-01', notified_on: '2025-02-05' }));

      const before = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId, prescribedOn: '2025-01-10', startedOn: '2025-01-15' });
      await check('an accompaniment started before the notification', (c) => expect(chainOf(c, person)).toMatchObject({ accompaniment_id: before, started_on: '2025-01-15' }));
      const after = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, territoryId, prescribedOn: '2025-02-20', startedOn: '2025-03-01' });
      await check('one started after it is the chain’s', (c) => expect(chainOf(c, person)).toMatchObject({ accompaniment_id: after, started_on: '2025-03-01' }));

      const referral = await refer(em, person, after, 'SENT', '2025-03-05', null);
      await check('a referral not answered', (c) => expect(chainOf(c, person)).toMatchObject({ partner_on: null }));
      await em.execute(`update beneficiaries.referral set status = 'ACCEPTED', answered_on = ? where id = ?`, ['2025-03-12', referral]);
      await check('accepted', (c) => expect(chainOf(c, person)).toMatchObject({ partner_on: '2025-03-12' }));
      await em.execute('update beneficiaries.referral set accompaniment_id = ? where id = ?', [before, referral]);
      await check('moved to the other accompaniment', (c) => expect(chainOf(c, person)).toMatchObject({ partner_on: null }));

      await sign(em, person, '2025-02-01');
      await check('a contract signed before the notification does not count', (c) => expect(chainOf(c, person)).toMatchObject({ contract_on: null }));
      await sign(em, person, '2025-02-25');
      await check('one signed after it does', (c) => expect(chainOf(c, person)).toMatchObject({ contract_on: '2025-02-25' }));

      const elsewhere = await createTestTerritory(em, DEPARTMENT, [commune]);
      await em.execute('update beneficiaries.beneficiary set territory_id = ?, rsa_entry_date = ? where id = ?', [elsewhere, '2024-12-01', person]);
      await check('the person moved and their right’s date changed', (c) => expect(chainOf(c, person)).toMatchObject({ territory_id: elsewhere, rights_opened_on: '2024-12-01' }));
      await em.execute('update beneficiaries.beneficiary set rights_opened_on = ? where id = ?', ['2025-01-02', person]);
      await check('a right re-opened', (c) => expect(chainOf(c, person)).toMatchObject({ rights_opened_on: '2025-01-02' }));

      await orient(em, other, 'PRO', '2025-04-01', '2025-04-02');
      await em.execute('update beneficiaries.accompaniment set beneficiary_id = ? where id = ?', [other, after]);
      await check('an accompaniment recorded on the wrong person moved to the right one: both chains change', (c) => {
        expect(chainOf(c, person)).toMatchObject({ accompaniment_id: before, partner_on: '2025-03-12' });
        expect(chainOf(c, other)).toMatchObject({ accompaniment_id: after });
      });

      await em.execute('delete from beneficiaries.orientation where id = ?', [first]);
      await check('the first orientation deleted', (c) => expect(chainOf(c, person)).toMatchObject({ track: 'PRO', decided_on: '2025-03-10' }));

      // A person recorded by mistake: their rows deleted, then the person; nothing of theirs stays.
      for (const table of ['referral', 'contract_signature', 'accompaniment', 'orientation']) await em.execute(`delete from beneficiaries.${table} where beneficiary_id = ?`, [person]);
      await em.execute('delete from beneficiaries.beneficiary where id = ?', [person]);
      await check('deleted', (c) => expect(chainOf(c, person)).toBeUndefined());
      expect((await stored(db)).map((c) => c.beneficiary_id)).toContain(other);
    } finally {
      await db.end();
    }
  });

  it('hold both writes when two transactions write one person’s rows at once (the second waits for the first, then recomputes with its rows)', async () => {
    const em = orm.em.fork();
    const person = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
    await orient(em, person, 'SOCIO_PRO', '2025-05-01', '2025-05-03');
    const [first, second, observer] = [new pg.Client({ connectionString: testDatabaseUrl() }), new pg.Client({ connectionString: testDatabaseUrl() }), new pg.Client({ connectionString: testDatabaseUrl() })];
    await Promise.all([first.connect(), second.connect(), observer.connect()]);
    try {
      const secondPid = (await second.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await first.query('begin');
      await first.query(
        `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, territory_id, prescribed_on, validated_on, started_on)
         values ($1, $2, $3, $4, $5, $6, '2025-05-05', '2025-05-05', '2025-05-10')`,
        [randomUUID(), DEPARTMENT, person, randomUUID(), randomUUID(), territoryId],
      );
      await second.query('begin');
      const signing = second.query(
        `insert into beneficiaries.contract_signature (contract_id, department_code, beneficiary_id, kind, signed_on, event_id) values ($1, $2, $3, 'CER', '2025-05-20', $4)`,
        [randomUUID(), DEPARTMENT, person, randomUUID()],
      );
      // The second writer's chain refresh waits on the person the first one has locked.
      let waiting = false;
      for (let i = 0; i < 100 && !waiting; i++) {
        const activity = await observer.query<{ wait_event_type: string | null }>('select wait_event_type from pg_stat_activity where pid = $1', [secondPid]);
        waiting = activity.rows[0]?.wait_event_type === 'Lock';
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(waiting).toBe(true);
      await first.query('commit');
      await signing;
      await second.query('commit');
      const chain = (await stored(observer)).find((c) => c.beneficiary_id === person);
      expect(chain).toMatchObject({ started_on: '2025-05-10', contract_on: '2025-05-20' });
      expect(await stored(observer)).toEqual(await recomputed(observer));
    } finally {
      await Promise.all([first.end(), second.end(), observer.end()]);
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openTestOrm } from '@passerelles/subgraph-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { anonymiseInactivePeople, setRetentionPolicy } from './retention.service.js';

// This file owns Départements 73 and 74 in the shared test database.
let orm: MikroORM;
const AS_OF = '2026-11-15';
// The job runs over every Département; here only over this file's own, so other tests' people stay as they are.
const MINE = ['73', '74'];

beforeAll(async () => {
  orm = await openTestOrm(beneficiariesSubgraph);
});
afterAll(async () => {
  await orm.close(true);
});

interface Person {
  department?: string;
  prescribedOn: string;
  startedOn: string;
  endedOn: string | null;
  appointmentOn?: string;
  referralNote?: string;
}

async function person(p: Person): Promise<string> {
  const em = orm.em.fork();
  const department = p.department ?? '73';
  const id = randomUUID();
  const accompaniment = randomUUID();
  await em.execute(
    `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind, external_ref)
     values (?, ?, ?, null, 'F', 1980, 'SINGLE', '2015-01-01', 'SOCIAL', ?)`,
    [id, department, department === '73' ? '73065' : '74010', `DOSSIER-${id.slice(0, 8)}`],
  );
  await em.execute(`insert into beneficiaries.beneficiary_identity (beneficiary_id, department_code, ciphertext, digest) values (?, ?, '\\x00', 'digest')`, [id, department]);
  await em.execute(
    `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, prescribed_on, started_on, ended_on, exit_reason, external_ref)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [accompaniment, department, id, randomUUID(), randomUUID(), p.prescribedOn, p.startedOn, p.endedOn, p.endedOn ? 'STABILISATION' : null, `ACC-${id.slice(0, 8)}`],
  );
  if (p.appointmentOn) {
    await em.execute(
      `insert into beneficiaries.appointment (id, department_code, accompaniment_id, beneficiary_id, kind, scheduled_on, status) values (?, ?, ?, ?, 'INTERMEDIATE', ?, 'HONOURED')`,
      [randomUUID(), department, accompaniment, id, p.appointmentOn],
    );
  }
  await em.execute(
    `insert into beneficiaries.referral (id, department_code, beneficiary_id, accompaniment_id, service_id, partner_id, status, sent_on, note, created_by)
     values (?, ?, ?, ?, ?, ?, 'DONE', ?, ?, 'referent-1')`,
    [randomUUID(), department, id, accompaniment, randomUUID(), randomUUID(), p.prescribedOn, p.referralNote ?? 'suivi CMP'],
  );
  return id;
}

const state = async (id: string): Promise<{ identity: boolean; ref: string | null; anonymisedOn: string | null; note: string | null }> => {
  const [row] = await orm.em.fork().execute<{ identity: boolean; ref: string | null; anonymised_on: string | null; note: string | null }[]>(
    `select exists (select 1 from beneficiaries.beneficiary_identity i where i.beneficiary_id = b.id) as identity, b.external_ref as ref,
            b.anonymised_on::text as anonymised_on, (select r.note from beneficiaries.referral r where r.beneficiary_id = b.id) as note
       from beneficiaries.beneficiary b where b.id = ?`,
    [id],
  );
  return { identity: row!.identity, ref: row!.ref, anonymisedOn: row!.anonymised_on, note: row!.note };
};

const aggregates = async (): Promise<unknown> =>
  orm.em.fork().execute(
    `select department_code, exit_reason, count(*)::int as n, min(started_on)::text as first, max(ended_on)::text as last
       from beneficiaries.accompaniment where department_code in ('73', '74') group by 1, 2 order by 1, 2`,
  );

describe('retention: anonymisation 2 years after the last contact', () => {
  it('anonymises only people whose last contact is old enough, keeps aggregates intact, and is idempotent', async () => {
    const old = await person({ prescribedOn: '2022-01-01', startedOn: '2022-01-15', endedOn: '2023-01-10' });
    const recent = await person({ prescribedOn: '2024-09-01', startedOn: '2024-09-10', endedOn: '2025-06-01' });
    const oldButSeenLately = await person({ prescribedOn: '2022-01-01', startedOn: '2022-01-15', endedOn: '2023-01-10', appointmentOn: '2025-09-01' });
    const stillOpen = await person({ prescribedOn: '2020-01-01', startedOn: '2020-01-15', endedOn: null });
    await setRetentionPolicy(orm.em.fork(), '74', 48);
    const longerPolicy = await person({ department: '74', prescribedOn: '2022-01-01', startedOn: '2022-01-15', endedOn: '2023-01-10' });
    const before = await aggregates();

    const anonymised = await anonymiseInactivePeople(orm.em.fork(), AS_OF, undefined, MINE);

    expect(anonymised).toContain(old);
    for (const kept of [recent, oldButSeenLately, stillOpen, longerPolicy]) expect(anonymised).not.toContain(kept);
    expect(await state(old)).toEqual({ identity: false, ref: null, anonymisedOn: AS_OF, note: null });
    expect(await state(recent)).toMatchObject({ identity: true, anonymisedOn: null, note: 'suivi CMP' });
    expect(await state(longerPolicy)).toMatchObject({ identity: true, anonymisedOn: null });
    expect(await aggregates()).toEqual(before);
    expect(await anonymiseInactivePeople(orm.em.fork(), AS_OF, undefined, MINE)).not.toContain(old);

    // Four years after, the Département 74 period is over too.
    expect(await anonymiseInactivePeople(orm.em.fork(), '2027-02-01', undefined, MINE)).toContain(longerPolicy);
  }, 60_000);

  it('refuses nonsense settings', async () => {
    await expect(anonymiseInactivePeople(orm.em.fork(), '2026-13-40')).rejects.toThrow(/asOf/);
    await expect(setRetentionPolicy(orm.em.fork(), '73', 0)).rejects.toThrow(/at least 1/);
  });
});

import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { Caller } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnersSubgraph } from './subgraph.js';
import { newPartner, type PartnersApi } from './test-support/factories.js';

// This file owns Département 05 (Hautes-Alpes) in the shared test database: no other test writes there.
const DEPARTMENT = '05';
let orm: MikroORM;
let schema: GraphQLSchema;
let communes: string[];
let api: PartnersApi;

const admin = testCaller({ departmentCode: DEPARTMENT });

beforeAll(async () => {
  orm = await openTestOrm(partnersSubgraph);
  schema = await partnersSubgraph.buildSchema();
  api = { schema, orm, caller: admin };
  const rows: { code: string }[] = await orm.em.fork().execute(`select code from ref.commune where department_code = ? order by code limit 2`, [DEPARTMENT]);
  communes = rows.map((r) => r.code);
});
afterAll(async () => {
  await orm.close(true);
});

interface Row {
  name: string;
  kind: string;
  siret: string | null;
  networks: string[] | null;
  commune_code: string;
  phone: string | null;
  opening_hours: string | null;
  listing_updated_on: string;
  updated_at: string;
}

const rowOf = async (id: string): Promise<Row> =>
  (
    await orm.em
      .fork()
      .execute<Row[]>(
        'select name, kind, siret, networks, commune_code, phone, opening_hours, listing_updated_on::text, updated_at::text from partners.partner where id = ?',
        [id],
      )
  )[0]!;

/** A structure with an identity, last confirmed long ago (a write would move `listing_updated_on` to today), and its own operator. */
async function structure(): Promise<{ id: string; operator: Caller }> {
  const id = await newPartner(api, { kind: 'CCAS', communeCode: communes[0]!, siret: '21050061200014', networks: ['france-services', 'ccas'], phone: '04 92 00 00 00' });
  await orm.em.fork().execute(`update partners.partner set listing_updated_on = '2026-01-15' where id = ?`, [id]);
  return { id, operator: testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: id }) };
}

type Answer = { ok: boolean; error: { code: string; message: string; field: string | null } | null };

async function update(caller: Caller, id: string, input: Record<string, unknown>): Promise<Answer> {
  const { data, errors } = await execute<{ updatePartner: Answer }>(
    schema,
    testContext(orm, caller),
    'mutation ($id: ID!, $input: PartnerInput!) { updatePartner(id: $id, input: $input) { ok error { code message field } } }',
    { id, input },
  );
  expect(errors).toEqual([]);
  return data!.updatePartner;
}

describe("a listing's identity, which the Département vouches for", () => {
  it('is refused to its own operator, field by field, with nothing written, not even the practical fields sent with it', async () => {
    const { id, operator } = await structure();
    const before = await rowOf(id);
    const changes: [string, Record<string, unknown>][] = [
      ['siret', { siret: '21050061200022' }],
      ['siret', { siret: null }],
      ['kind', { kind: 'ASSOCIATION' }],
      ['networks', { networks: ['france-services'] }],
      ['networks', { networks: [] }],
      ['name', { name: 'Un autre nom' }],
      ['communeCode', { communeCode: communes[1]! }],
    ];
    for (const [field, change] of changes) {
      const answer = await update(operator, id, { phone: '04 92 11 11 11', hours: 'Mo-Fr 09:00-12:00', ...change });
      expect(answer, field).toEqual({
        ok: false,
        error: { code: 'IDENTITY_FIELD_NOT_EDITABLE', field, message: expect.stringMatching(new RegExp(`^The field ${field} is part of the structure's identity, which the Département vouches for`)) },
      });
    }
    expect(await rowOf(id)).toEqual(before);
  });

  it('lets its operator keep the practical listing up to date, identity sent back unchanged (a form posts every field)', async () => {
    const { id, operator } = await structure();
    const answer = await update(operator, id, {
      name: ' ' + (await rowOf(id)).name + ' ',
      kind: 'CCAS',
      siret: '21050061200014',
      networks: ['ccas', 'france-services'],
      communeCode: communes[0]!,
      phone: '04 92 11 11 11',
      email: 'accueil@ccas05.fr',
      hours: 'Mo-Fr 09:00-12:00',
    });
    expect(answer).toEqual({ ok: true, error: null });
    expect(await rowOf(id)).toMatchObject({ kind: 'CCAS', siret: '21050061200014', commune_code: communes[0]!, phone: '04 92 11 11 11', opening_hours: 'Mo-Fr 09:00-12:00' });
    expect((await rowOf(id)).listing_updated_on).not.toBe('2026-01-15');
    // Contacts and hours alone, identity left out.
    expect(await update(operator, id, { phone: '04 92 22 22 22', hours: 'Mo-Sa 08:30-12:00' })).toEqual({ ok: true, error: null });
    expect(await rowOf(id)).toMatchObject({ phone: '04 92 22 22 22', opening_hours: 'Mo-Sa 08:30-12:00', siret: '21050061200014' });
  });

  it('is changed by an administrator of the Département', async () => {
    const { id } = await structure();
    const answer = await update(admin, id, { name: 'CCAS de Gap', kind: 'ASSOCIATION', siret: '21050061200022', networks: ['croix-rouge'], communeCode: communes[1]! });
    expect(answer).toEqual({ ok: true, error: null });
    expect(await rowOf(id)).toMatchObject({ name: 'CCAS de Gap', kind: 'ASSOCIATION', siret: '21050061200022', networks: ['croix-rouge'], commune_code: communes[1]! });
  });

  it('is editable, says `viewerCanEditIdentity`, for an administrator only; its operator may edit the rest', async () => {
    const { id, operator } = await structure();
    const says: Record<string, unknown> = {};
    const callers: Record<string, Caller> = {
      ADMIN: admin,
      OPERATOR: operator,
      OTHER_OPERATOR: testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: await newPartner(api, { communeCode: communes[0]! }) }),
      STEERING: testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }),
      REFERENT: testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' }),
      PRESCRIBER: testCaller({ departmentCode: DEPARTMENT, role: 'PRESCRIBER' }),
    };
    for (const [name, caller] of Object.entries(callers)) {
      const { data, errors } = await execute<{ partner: unknown }>(schema, testContext(orm, caller), 'query ($id: ID!) { partner(id: $id) { viewerCanEdit viewerCanEditIdentity } }', { id });
      expect(errors).toEqual([]);
      says[name] = data?.partner;
    }
    expect(says).toEqual({
      ADMIN: { viewerCanEdit: true, viewerCanEditIdentity: true },
      OPERATOR: { viewerCanEdit: true, viewerCanEditIdentity: false },
      OTHER_OPERATOR: { viewerCanEdit: false, viewerCanEditIdentity: false },
      STEERING: { viewerCanEdit: false, viewerCanEditIdentity: false },
      REFERENT: { viewerCanEdit: false, viewerCanEditIdentity: false },
      PRESCRIBER: { viewerCanEdit: false, viewerCanEditIdentity: false },
    });
  });
});

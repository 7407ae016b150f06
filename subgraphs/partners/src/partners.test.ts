import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnersSubgraph } from './subgraph.js';
import { newPartner, type PartnersApi } from './test-support/factories.js';

// This file owns Département 09 (Ariège) in the shared test database: no other test writes there.
const DEPARTMENT = '09';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
let communes: string[];
let api: PartnersApi;

const caller = testCaller({ departmentCode: DEPARTMENT });

beforeAll(async () => {
  orm = await openTestOrm(partnersSubgraph, counter);
  schema = await partnersSubgraph.buildSchema();
  api = { schema, orm, caller };
  const rows: { code: string }[] = await orm.em.fork().execute(`select code from ref.commune where department_code = ? order by code limit 6`, [DEPARTMENT]);
  communes = rows.map((r) => r.code);
});
afterAll(async () => {
  await orm.close(true);
});

describe('territories', () => {
  it("lists the caller's territories with their commune and partner counts", async () => {
    const territory = await createTestTerritory(orm.em.fork(), DEPARTMENT, communes.slice(0, 3));
    await newPartner(api, { communeCode: communes[0]! });
    await newPartner(api, { communeCode: communes[2]! });
    await newPartner(api, { communeCode: communes[5]! }); // same Département, outside the territory

    const { data, errors } = await execute<{ territories: { id: string; communeCount: number; partnerCount: number; source: string }[] }>(
      schema,
      testContext(orm, caller),
      '{ territories { id communeCount partnerCount source } }',
    );
    expect(errors).toEqual([]);
    expect(data?.territories.find((t) => t.id === territory)).toEqual({ id: territory, communeCount: 3, partnerCount: 2, source: 'created by a test' });
  });

  it('shows nothing of another Département, even when asked by code', async () => {
    const ctx = testContext(orm, caller);
    const { data } = await execute<{ territories: unknown[]; department: unknown; own: { code: string; name: string } }>(
      schema,
      ctx,
      '{ territories(department: "62") { id } department(code: "62") { code } own: department { code name } }',
    );
    expect(data).toEqual({ territories: [], department: null, own: { code: '09', name: 'Ariège' } });
    const pasDeCalais = await execute<{ territories: { id: string }[] }>(schema, testContext(orm, testCaller({ departmentCode: '62' })), '{ territories { id } }');
    expect(pasDeCalais.data?.territories.filter((t) => !t.id.includes('-test-')).map((t) => t.id)).toEqual([
      '62-arrageois',
      '62-artois',
      '62-audomarois',
      '62-boulonnais',
      '62-calaisis',
      '62-henin-carvin',
      '62-lens-lievin',
      '62-montreuillois',
      '62-ternois',
    ]);
  });
});

describe('partner references', () => {
  it('resolves 50 partners in one SQL query', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await newPartner(api, { name: `Batch ${String(i).padStart(2, '0')}`, communeCode: communes[1]! }));
    counter.reset();
    const { data, errors } = await execute<{ _entities: { id: string; name: string }[] }>(
      schema,
      testContext(orm, caller),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id name } } }',
      { r: ids.map((id) => ({ __typename: 'Partner', id })) },
    );
    expect(errors).toEqual([]);
    expect(data?._entities.map((p) => p.id)).toEqual(ids);
    expect(data?._entities[49]?.name).toBe('Batch 49');
    expect(counter.count).toBe(1);
  });

  it("resolves another Département's partner to null", async () => {
    const elsewhere = await newPartner({ ...api, caller: testCaller({ departmentCode: '62' }) }, { communeCode: '62041' });
    const { data } = await execute<{ _entities: unknown[] }>(
      schema,
      testContext(orm, caller),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id } } }',
      { r: [{ __typename: 'Partner', id: elsewhere }] },
    );
    expect(data?._entities).toEqual([null]);
  });
});

describe('partners list', () => {
  it('pages in name order with no duplicate and no gap', async () => {
    const all: { name: string; id: string }[] = await orm.em
      .fork()
      .execute(`select name, id from partners.partner where department_code = ? order by name, id`, [DEPARTMENT]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: { data: { partners: { nodes: { id: string }[]; endCursor: string | null; hasNextPage: boolean } } | null } = await execute(
        schema,
        testContext(orm, caller),
        'query ($after: String) { partners(first: 7, after: $after) { nodes { id } endCursor hasNextPage } }',
        { after },
      );
      const connection = result.data!.partners;
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.hasNextPage) break;
      after = connection.endCursor;
    }
    expect(seen).toEqual(all.map((p) => p.id));
  });

  it('rejects a bad page size or cursor with a clear error', async () => {
    const ctx = testContext(orm, caller);
    expect((await execute(schema, ctx, '{ partners(first: 0) { endCursor } }')).errors).toEqual(['first must be between 1 and 100.']);
    expect((await execute(schema, ctx, '{ partners(after: "nope") { endCursor } }')).errors).toEqual([
      'Invalid cursor: pass the endCursor of a previous page.',
    ]);
  });
});

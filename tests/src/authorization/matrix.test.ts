import { DEMO_PASSWORD, demoIdOf } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionCookie, startTestSystem, type TestSystem } from '../support/system.js';
import { createUser } from '../support/users.js';
import { catalogue } from '@passerelles/subgraph-kit/access';
import { callers, classify, requiredScopes, roleOf, rootFields, type Fixtures, type MatrixCaller } from './matrix.js';
import { CallerTokenSigner, type Caller } from '@passerelles/subgraph-kit/identity';
import { entityRules, gatewayFields, rules } from './rules.js';

/**
 * The authorization matrix: every root field of the supergraph × every role, through the real
 * gateway on the demo data, against the expected outcome in rules.ts.
 */
let system: TestSystem;
const tokens = {} as Record<MatrixCaller, string>;
const identities = {} as Record<MatrixCaller, Caller>;
const fixtures: Fixtures = {};

const accounts: Record<MatrixCaller, string> = {
  ADMIN: 'admin.62@demo.passerelles.fr',
  STEERING: 'pilotage.62@demo.passerelles.fr',
  REFERENT: 'referent.62@demo.passerelles.fr',
  OPERATOR: 'operateur.62@demo.passerelles.fr',
  PRESCRIBER: 'prescripteur.62@demo.passerelles.fr',
  OTHER_DEPARTMENT: 'admin.25@demo.passerelles.fr',
};

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  for (const caller of callers) tokens[caller] = await login(system, accounts[caller], DEMO_PASSWORD);
  for (const caller of callers) {
    const row = (
      await system.db.query<{ id: string; role: Caller['role']; department_code: string; territory_ids: string[]; partner_id: string | null }>(
        'select id, role, department_code, territory_ids, partner_id from auth.app_user where email = $1',
        [accounts[caller]],
      )
    ).rows[0]!;
    identities[caller] = { userId: row.id, role: row.role, departmentCode: row.department_code, territoryIds: row.territory_ids, partnerId: row.partner_id };
  }
  fixtures.partner62 = demoIdOf.partner('croix-rouge-62');
  fixtures.partner25 = demoIdOf.partner('croix-rouge-25');
  fixtures.service62 = (await system.db.query<{ id: string }>(`select id from partners.service where department_code = '62' order by id limit 1`)).rows[0]!.id;
  fixtures.programme25 = demoIdOf.programme('sante-croix-rouge-25');
  fixtures.convention25 = demoIdOf.convention('croix-rouge-25-2025');
  fixtures.beneficiary25 = (await system.db.query<{ id: string }>(`select id from beneficiaries.beneficiary where department_code = '25' order by id limit 1`)).rows[0]!.id;
  fixtures.programme62 = demoIdOf.programme('rss-62');
  fixtures.conventionOfOperator = demoIdOf.convention('rss-2026-62-arrageois');
  // A spare account for role changes, so that the matrix never changes a caller it tests with.
  fixtures.spareUser = (await createUser(system.db, { role: 'STEERING', departmentCode: '62' })).id;
  // Someone the demo référent follows, oriented to the demo operator, and prescribed by someone else than the demo prescriber.
  const person = await system.db.query<{ id: string }>(
    `select beneficiary_id as id from beneficiaries.accompaniment
      where department_code = '62' and referent_id = $1 and operator_id = $2 and prescriber_id <> $3 order by id limit 1`,
    [demoIdOf.user(accounts.REFERENT), demoIdOf.partner('croix-rouge-62'), demoIdOf.user(accounts.PRESCRIBER)],
  );
  fixtures.beneficiaryInReferentCaseload = person.rows[0]!.id;
  // One nominative read, so that the access log has something to show.
  await fetch(system.urls.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: sessionCookie(tokens.ADMIN) },
    body: JSON.stringify({ query: 'query ($id: ID!) { beneficiary(id: $id) { id } }', variables: { id: fixtures.beneficiaryInReferentCaseload } }),
  });
}, 240_000);
afterAll(async () => {
  await system?.stop();
});

describe('authorization matrix', () => {
  it('has a rule for every root field of the supergraph', async () => {
    const fields = await rootFields(gatewayFields);
    expect(fields.filter((f) => !(f in rules))).toEqual([]);
    expect(Object.keys(rules).filter((f) => !fields.includes(f))).toEqual([]);
  });

  it('refuses, in every rule that names an action, exactly the roles the catalogue leaves out', () => {
    const disagreements = Object.entries(rules).flatMap(([field, rule]) => {
      if (!rule.action) return [];
      const allowed = catalogue[rule.action].roles as readonly string[];
      return callers
        .filter((caller) => (rule.expect[caller] === 'forbidden') === allowed.includes(roleOf(caller)))
        .map((caller) => `${field} (${rule.action}): ${caller} expects ${rule.expect[caller]}`);
    });
    expect(disagreements).toEqual([]);
  });

  it('names the action of every field the gateway guards by role, and the supergraph writes the catalogue’s roles', async () => {
    const scopes = await requiredScopes();
    expect(scopes.size).toBeGreaterThan(30);
    const mismatches = [...scopes].flatMap(([field, roles]) => {
      const action = rules[field]?.action;
      if (!action) return [`${field}: no action in rules.ts`];
      const expected = [...catalogue[action].roles].sort();
      return JSON.stringify(expected) === JSON.stringify(roles) ? [] : [`${field}: @requiresScopes ${roles.join(',')} ≠ ${action} ${expected.join(',')}`];
    });
    expect(mismatches).toEqual([]);
  });

  const order = Object.keys(rules).sort((a, b) => Number(a.startsWith('Mutation')) - Number(b.startsWith('Mutation')) || a.localeCompare(b));
  it.each(order)('%s', async (field) => {
    const rule = rules[field]!;
    const outcomes: Record<string, string> = {};
    for (const caller of callers) {
      const response = await fetch(system.urls.gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: sessionCookie(tokens[caller]) },
        body: JSON.stringify({ query: rule.document, variables: rule.variables?.(fixtures) ?? {} }),
      });
      outcomes[caller] = classify(field, response.status, (await response.json()) as never);
    }
    expect(outcomes).toEqual(rule.expect);
  });
});

describe('authorization of references (_entities), straight at the subgraphs', () => {
  it.each(Object.keys(entityRules))('%s', async (typename) => {
    const rule = entityRules[typename]!;
    const signer = await CallerTokenSigner.fromPem(system.keys.privateKeyPem);
    const outcomes: Record<string, string> = {};
    const foreign: Record<string, string> = {};
    for (const caller of callers) {
      const token = await signer.sign(identities[caller], 'matrix');
      const response = await fetch(system.urls.subgraphs[rule.subgraph]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${rule.selection} } } }`,
          variables: { r: [{ __typename: typename, ...rule.own(fixtures) }, { __typename: typename, ...rule.foreign(fixtures) }] },
        }),
      });
      const body = (await response.json()) as { data?: { _entities: (unknown | null)[] }; errors?: { extensions?: { code?: string } }[] };
      const [own, other] = body.data?._entities ?? [];
      const forbidden = body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN');
      outcomes[caller] = forbidden ? 'forbidden' : own ? 'data' : 'empty';
      foreign[caller] = other ? 'data' : 'empty';
    }
    expect(outcomes).toEqual(rule.expect);
    // The Doubs record: hidden from every caller of the Pas-de-Calais, visible to the Doubs administrator.
    expect(foreign).toEqual({ ADMIN: 'empty', STEERING: 'empty', REFERENT: 'empty', OPERATOR: 'empty', PRESCRIBER: 'empty', OTHER_DEPARTMENT: 'data' });
  });
});

describe('audit', () => {
  const linesOf = async (userId: string): Promise<{ operation: string; record_type: string; record_ids: string[]; correlation_id: string | null }[]> =>
    (
      await system.db.query(`select operation, record_type, record_ids, correlation_id from audit.access_log where user_id = $1 order by id`, [userId])
    ).rows;
  const ask = async (caller: MatrixCaller, query: string, variables: Record<string, unknown> = {}): Promise<void> => {
    const response = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: sessionCookie(tokens[caller]) },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
  };

  it('writes nothing for aggregates, and one line per nominative read with the records and a correlation id', async () => {
    const admin = identities.ADMIN.userId;
    const before = (await linesOf(admin)).length;
    await ask('ADMIN', '{ indicators(period: { from: "2026-01-01", to: "2026-11-15" }) { peopleWelcomed { value } exitsTotal { value } } }');
    await ask('ADMIN', '{ territories { id activeBeneficiaries placesContracted fundingCommitted } }');
    await ask('ADMIN', '{ conventions(first: 5) { nodes { id activeCaseload occupancy } } }');
    expect(await linesOf(admin)).toHaveLength(before);

    // (Decrypted identities are audited too, as BeneficiaryIdentity: subgraphs/beneficiaries lifecycle tests.)
    await ask('ADMIN', 'query ($id: ID!) { beneficiary(id: $id) { id sex } }', { id: fixtures.beneficiaryInReferentCaseload });
    await ask('REFERENT', 'query ($id: ID!) { beneficiary(id: $id) { id } }', { id: fixtures.beneficiaryInReferentCaseload });
    const added = (await linesOf(admin)).slice(before);
    expect(added.map((l) => [l.operation, l.record_type, l.record_ids])).toEqual([['READ', 'Beneficiary', [fixtures.beneficiaryInReferentCaseload]]]);
    expect(added[0]!.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    const referentLines = await linesOf(identities.REFERENT.userId);
    expect(referentLines.at(-1)).toMatchObject({ operation: 'READ', record_type: 'Beneficiary', record_ids: [fixtures.beneficiaryInReferentCaseload] });
  });

  it('lets administrators review the log of their Département', async () => {
    const response = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: sessionCookie(tokens.ADMIN) },
      body: JSON.stringify({ query: 'query ($r: ID) { accessLog(first: 10, recordId: $r) { nodes { recordType recordIds role } } }', variables: { r: fixtures.beneficiaryInReferentCaseload } }),
    });
    const body = (await response.json()) as { data: { accessLog: { nodes: { recordType: string; recordIds: string[]; role: string }[] } } };
    expect(body.data.accessLog.nodes.length).toBeGreaterThanOrEqual(2);
    expect(body.data.accessLog.nodes.every((n) => n.recordIds.includes(fixtures.beneficiaryInReferentCaseload!))).toBe(true);
  });
});

describe('viewerCan… fields, which screens render instead of re-deriving a rule', () => {
  const ask = async <T>(caller: MatrixCaller, query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }> => {
    const response = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: sessionCookie(tokens[caller]) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as never;
  };

  it('Partner.viewerCanEdit is true exactly for the callers whose edit reaches the rules (ADMIN, its own operator)', async () => {
    const says: Record<string, boolean | null> = {};
    const does: Record<string, boolean> = {};
    for (const caller of callers) {
      const read = await ask<{ partner: { viewerCanEdit: boolean } | null }>(caller, 'query ($id: ID!) { partner(id: $id) { viewerCanEdit } }', { id: fixtures.partner62 });
      says[caller] = read.data?.partner?.viewerCanEdit ?? null;
      // An empty name: refused by the rules (nothing written) when the caller may edit, before that otherwise.
      const edit = await ask<{ updatePartner: { ok: boolean; error: { code: string } | null } | null }>(
        caller,
        'mutation ($id: ID!) { updatePartner(id: $id, input: { name: "" }) { ok error { code } } }',
        { id: fixtures.partner62 },
      );
      does[caller] = edit.data?.updatePartner?.error?.code === 'INVALID_NAME';
    }
    expect(says).toEqual({ ADMIN: true, STEERING: false, REFERENT: false, OPERATOR: true, PRESCRIBER: false, OTHER_DEPARTMENT: null });
    expect(does).toEqual({ ADMIN: true, STEERING: false, REFERENT: false, OPERATOR: true, PRESCRIBER: false, OTHER_DEPARTMENT: false });
  });

  it('Partner.viewerCanEditIdentity is true for ADMIN only: its own operator keeps the listing, not the identity the Département vouches for', async () => {
    const says: Record<string, boolean | null> = {};
    for (const caller of callers) {
      const read = await ask<{ partner: { viewerCanEditIdentity: boolean } | null }>(caller, 'query ($id: ID!) { partner(id: $id) { viewerCanEditIdentity } }', { id: fixtures.partner62 });
      says[caller] = read.data?.partner?.viewerCanEditIdentity ?? null;
    }
    expect(says).toEqual({ ADMIN: true, STEERING: false, REFERENT: false, OPERATOR: false, PRESCRIBER: false, OTHER_DEPARTMENT: null });
    // Its operator's change of SIRET is refused by the rules, and nothing is written.
    const edit = await ask<{ updatePartner: { ok: boolean; error: { code: string; field: string | null } | null } }>(
      'OPERATOR',
      'mutation ($id: ID!) { updatePartner(id: $id, input: { siret: "00000000000000" }) { ok error { code field } } }',
      { id: fixtures.partner62 },
    );
    expect(edit.data?.updatePartner).toEqual({ ok: false, error: { code: 'IDENTITY_FIELD_NOT_EDITABLE', field: 'siret' } });
  });

  it('Convention.viewerCanReadMoney is true exactly when the convention’s funding is given', async () => {
    for (const id of [fixtures.conventionOfOperator, demoIdOf.convention('croix-rouge-25-2025')]) {
      const says: Record<string, boolean | null> = {};
      const given: Record<string, boolean | null> = {};
      for (const caller of callers) {
        const read = await ask<{ convention: { viewerCanReadMoney: boolean; funding: { committedCents: number } | null } | null }>(
          caller,
          'query ($id: ID!) { convention(id: $id) { viewerCanReadMoney funding { committedCents } } }',
          { id },
        );
        says[caller] = read.data?.convention?.viewerCanReadMoney ?? null;
        given[caller] = read.data?.convention ? read.data.convention.funding !== null : null;
      }
      expect(says).toEqual(given);
      if (id === fixtures.conventionOfOperator) expect(says).toMatchObject({ ADMIN: true, STEERING: true, REFERENT: false, PRESCRIBER: false });
    }
  });
});

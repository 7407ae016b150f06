import { isDeepStrictEqual } from 'node:util';
import { DEMO_PASSWORD } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerPanel, type IsolationCaller } from './support/isolation.js';
import { login, sessionCookie, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';
import { trustedDocument } from './support/trusted-documents.js';

/**
 * No answer ever crosses callers: many callers of different Départements and roles send the
 * dashboard's own trusted documents (the production build: persisted operations only) at the
 * same moment, through the real gateway and subgraphs, and every answer must equal what that
 * caller gets alone. A test that sends one request at a time cannot see a leak between callers,
 * so everything here is concurrent, in bursts: the same document from every caller at once (what
 * the gateway's in-flight merging used to share), and every document of every caller shuffled.
 */
let system: TestSystem;
let callers: IsolationCaller[];

/** The dashboard's read operations, by name, with variables that make sense for the Pas-de-Calais. */
const operations = (ids: { partner: string; convention: string; beneficiary: string; territory: string }) =>
  [
    ['TerritoryOverview', {}],
    ['PilotageDepartment', {}],
    ['PilotageProgrammes', {}],
    ['PilotageFilters', {}],
    ['PilotageIndicators', { period: { from: '2025-01-01', to: '2025-12-31' } }],
    ['PilotageContracts', { period: { from: '2025-01-01', to: '2025-12-31' } }],
    ['PilotageComparison', { period: { from: '2025-01-01', to: '2025-12-31' } }],
    ['PilotageFunding', { period: { from: '2025-01-01', to: '2025-12-31' }, money: true }],
    ['CoverageTerritories', {}],
    ['TerritoryCoverage', { theme: 'SANTE__SANTE_MENTALE' }],
    ['TerritoryConventions', { territoryId: ids.territory, inForceOn: '2026-03-01' }],
    ['Conventions', { first: 50, on: '2026-03-01' }],
    ['ConventionDetail', { id: ids.convention, on: '2026-03-01' }],
    ['DirectorySearch', { query: 'santé', first: 20 }],
    ['DirectoryPartner', { id: ids.partner }],
    ['Caseload', { first: 30 }],
    ['ReceivedReferrals', { first: 20 }],
    ['ContractAlerts', {}],
    ['Prescribed', { first: 30 }],
    ['BeneficiaryPath', { id: ids.beneficiary, withContracts: true }],
    ['BeneficiarySanctions', { id: ids.beneficiary }],
    ['PilotageSanctions', { period: { from: '2026-01-01', to: '2026-12-31' } }],
    ['AdminUsers', {}],
    ['AdminTerritories', {}],
  ] as const;

beforeAll(async () => {
  // Production mode: the gateway runs only the dashboard's trusted documents, sent by id.
  system = await startTestSystem({ seedDemo: true, withDashboard: false, nodeEnv: 'production' });
  const { db } = system;
  // A second référent (Lens-Liévin, with a caseload of their own) and a second operator of the
  // Pas-de-Calais (another partner holding a convention), besides the demo's accounts.
  const lensReferent = await createUser(db, { role: 'REFERENT', departmentCode: '62', territoryIds: ['62-lens-lievin'] });
  await db.query(
    `update beneficiaries.accompaniment set referent_id = $1
      where id in (select id from beneficiaries.accompaniment where department_code = '62' and territory_id = '62-lens-lievin' order by id limit 25)`,
    [lensReferent.id],
  );
  const otherOperator = await db.query<{ operator_id: string }>(
    `select c.operator_id from contracts.convention c
      where c.department_code = '62'
        and c.operator_id <> (select partner_id from auth.app_user where email = 'operateur.62@demo.passerelles.fr')
      group by c.operator_id order by count(*) desc, c.operator_id limit 1`,
  );
  const secondOperator = await createUser(db, { role: 'OPERATOR', departmentCode: '62', partnerId: otherOperator.rows[0]!.operator_id });
  const demo = (email: string) => ({ email, password: DEMO_PASSWORD });
  const accounts: [string, { email: string; password: string }][] = [
    ['ADMIN 62', demo('admin.62@demo.passerelles.fr')],
    ['ADMIN 25', demo('admin.25@demo.passerelles.fr')],
    ['STEERING 62', demo('pilotage.62@demo.passerelles.fr')],
    ['REFERENT 62 Arrageois', demo('referent.62@demo.passerelles.fr')],
    ['REFERENT 62 Lens-Liévin', lensReferent],
    ['OPERATOR 62 Croix-Rouge', demo('operateur.62@demo.passerelles.fr')],
    ['OPERATOR 62 second partner', secondOperator],
    ['OPERATOR 25 Croix-Rouge', demo('operateur.25@demo.passerelles.fr')],
    ['PRESCRIBER 62', demo('prescripteur.62@demo.passerelles.fr')],
  ];
  callers = [];
  for (const [name, account] of accounts) callers.push({ name, token: await login(system, account.email, account.password) });
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe('no answer crosses callers, under concurrency', () => {
  it('gives every caller, in bursts of concurrent requests, exactly the answer it gets alone', async () => {
    const { db } = system;
    const one = async (sql: string): Promise<string> => ((await db.query<{ id: string }>(sql)).rows[0] as { id: string }).id;
    const ids = {
      partner: await one(`select operator_id as id from contracts.convention where department_code = '62' order by id limit 1`),
      convention: await one(`select id from contracts.convention where department_code = '62' order by id limit 1`),
      beneficiary: await one(
        `select a.beneficiary_id as id from beneficiaries.accompaniment a join auth.app_user u on u.id::text = a.referent_id
          where u.email = 'referent.62@demo.passerelles.fr' order by a.beneficiary_id limit 1`,
      ),
      territory: '62-arrageois',
    };
    const panel = callerPanel(
      system,
      callers,
      await Promise.all(operations(ids).map(async ([name, variables]) => ({ name, id: await trustedDocument(name), variables }))),
    );

    // What each caller gets alone, one request at a time, twice: an answer that changes between
    // two quiet runs cannot serve as a reference (none should).
    const alone = await panel.sequential();
    expect(alone.unstable).toEqual([]);
    // The panel must tell callers apart, or a leak would go unseen: the same document answers
    // differently to at least the two Départements, STEERING and ADMIN, the two référents and the two operators.
    const differs = (a: string, b: string, operation: string): boolean => !isDeepStrictEqual(alone.answer(a, operation), alone.answer(b, operation));
    expect(differs('ADMIN 62', 'ADMIN 25', 'TerritoryOverview')).toBe(true);
    expect(differs('ADMIN 62', 'STEERING 62', 'PilotageIndicators')).toBe(true);
    expect(differs('REFERENT 62 Arrageois', 'REFERENT 62 Lens-Liévin', 'Caseload')).toBe(true);
    expect(differs('OPERATOR 62 Croix-Rouge', 'OPERATOR 62 second partner', 'Conventions')).toBe(true);
    expect(differs('OPERATOR 62 Croix-Rouge', 'OPERATOR 25 Croix-Rouge', 'Conventions')).toBe(true);
    expect(differs('OPERATOR 62 Croix-Rouge', 'OPERATOR 25 Croix-Rouge', 'ReceivedReferrals')).toBe(true);

    // Bursts: the same document from every caller at once (five times over), then everything shuffled.
    const mismatches = [...(await panel.sameDocumentBursts(5)), ...(await panel.shuffledBurst(2))];
    // Named, not dumped: each line is a caller who received an answer that was not theirs.
    expect(mismatches.map((m) => `${m.caller}: ${m.operation}`)).toEqual([]);
    expect(panel.requestsSent()).toBeGreaterThan(callers.length * operations(ids).length * 5);
  }, 600_000);

  it('tells HTTP caches that an answer is the caller\'s own', async () => {
    const response = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: sessionCookie(callers[0]!.token) },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: await trustedDocument('TerritoryOverview') } } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });
});

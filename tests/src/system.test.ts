import { randomUUID } from 'node:crypto';
import { seedConventionPlaces } from '@passerelles/db';
import { CallerTokenSigner, generateIdentityKeys, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@passerelles/subgraph-kit/identity';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, sessionCookie, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';

/**
 * The walking skeleton end to end: PostgreSQL, the four subgraphs, the gateway and the dashboard,
 * each in its own process as `npm start` runs them, on a throwaway database holding known data.
 */
let system: TestSystem;
let token: string;
const id = { programme: randomUUID(), operator: randomUUID(), inForce: randomUUID(), ended: randomUUID() };

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: true });
  const { db } = system;
  const admin = await createUser(db, { role: 'ADMIN', departmentCode: '25' });
  token = await login(system, admin.email, admin.password);
  await db.query(`insert into partners.partner (id, department_code, name, kind, commune_code) values
    ($1, '25', 'Croix-Rouge — Doubs', 'ASSOCIATION', '25056'), (gen_random_uuid(), '25', 'MDPH du Doubs', 'MDPH', '25056'),
    (gen_random_uuid(), '25', 'CHI de Haute-Comté', 'HOSPITAL', '25462'), (gen_random_uuid(), '62', 'MDPH du Pas-de-Calais', 'MDPH', '62041')`, [id.operator]);
  await db.query(`insert into funding.programme (id, department_code, name) values ($1, '25', 'Accompagnement santé')`, [id.programme]);
  await db.query(
    `insert into contracts.convention (id, department_code, operator_id, programme_id, name, starts_on, ends_on, fte, places) values
      ($1, '25', $3, $4, 'En vigueur', '2000-01-01', '2099-12-31', 1.5, 135),
      ($2, '25', $3, $4, 'Terminée', '2000-01-01', '2000-12-31', 1, 90)`,
    [id.inForce, id.ended, id.operator, id.programme],
  );
  await db.query(
    `insert into contracts.convention_territory (department_code, convention_id, territory_id, places) values
      ('25', $1, '25-besancon', 90), ('25', $1, '25-haut-doubs', 45), ('25', $2, '25-besancon', 90)`,
    [id.inForce, id.ended],
  );
  // Written here without contracts' service: funding's copy of the places too, as contracts' events would have (ADR 0028).
  await seedConventionPlaces(db, '25');
  await db.query(
    `insert into funding.funding_commitment (id, department_code, programme_id, convention_id, amount_cents, budget_year) values
      (gen_random_uuid(), '25', $1, $2, 14000000, 2025), (gen_random_uuid(), '25', $1, $2, 7000000, 2026), (gen_random_uuid(), '25', $1, $3, 9000000, 2000)`,
    [id.programme, id.inForce, id.ended],
  );
  const person = async (territory: string, started: string | null, ended: string | null): Promise<void> => {
    const beneficiary = randomUUID();
    await db.query(
      `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind)
       values ($1, '25', '25056', $2, 'F', 1984, 'SINGLE', '2019-05-01', 'SOCIAL')`,
      [beneficiary, territory],
    );
    await db.query(
      `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, convention_id, territory_id, prescribed_on, started_on, ended_on)
       values (gen_random_uuid(), '25', $1, $2, $3, $4, $5, '2025-01-02', $6, $7)`,
      [beneficiary, id.programme, id.operator, id.inForce, territory, started, ended],
    );
  };
  for (let i = 0; i < 3; i++) await person('25-besancon', '2025-01-10', null);
  await person('25-besancon', '2025-01-10', '2025-06-30');
  await person('25-haut-doubs', '2025-02-01', null);
  await person('25-haut-doubs', null, null);
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

const TERRITORIES = `query ($department: String) {
  department(code: $department) { code name }
  territories(department: $department) { id name kind communeCount partnerCount activeBeneficiaries placesContracted fundingCommitted }
}`;

describe('one query through the gateway touches all four subgraphs', () => {
  it('answers the territories of the Doubs with a figure from each subgraph', async () => {
    const communes = await system.db.query<{ territory_id: string; n: string }>(
      `select territory_id, count(*) as n from ref.territory_commune where department_code = '25' group by territory_id`,
    );
    const communeCount = (territory: string): number => Number(communes.rows.find((r) => r.territory_id === territory)?.n);

    const result = await gatewayQuery(system, token, TERRITORIES);
    expect(result.status).toBe(200);
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      department: { code: '25', name: 'Doubs' },
      territories: [
        // 90 of the 135 places of the convention in force: 2/3 of its 210 000 €; the ended convention counts for nothing.
        { id: '25-besancon', name: 'Besançon', kind: 'SECTEUR', communeCount: communeCount('25-besancon'), partnerCount: 2, activeBeneficiaries: 3, placesContracted: 90, fundingCommitted: 14_000_000 },
        { id: '25-doubs-central', name: 'Doubs central', kind: 'SECTEUR', communeCount: communeCount('25-doubs-central'), partnerCount: 0, activeBeneficiaries: 0, placesContracted: 0, fundingCommitted: 0 },
        { id: '25-haut-doubs', name: 'Haut-Doubs', kind: 'SECTEUR', communeCount: communeCount('25-haut-doubs'), partnerCount: 1, activeBeneficiaries: 1, placesContracted: 45, fundingCommitted: 7_000_000 },
        { id: '25-pays-de-montbeliard', name: 'Pays de Montbéliard', kind: 'SECTEUR', communeCount: communeCount('25-pays-de-montbeliard'), partnerCount: 0, activeBeneficiaries: 0, placesContracted: 0, fundingCommitted: 0 },
      ],
    });
    expect(communeCount('25-besancon')).toBe(67);
  });

  it("gives nothing of another Département to the caller's", async () => {
    const result = await gatewayQuery(system, token, TERRITORIES, { department: '62' });
    expect(result.data).toEqual({ department: null, territories: [] });
  });

  it("carries an amendment of a convention's places to each territory's money (contracts tells funding, ADR 0028)", async () => {
    const amend = async (besancon: number, hautDoubs: number, signedOn: string): Promise<void> => {
      const answer = await gatewayQuery<{ amendConvention: { ok: boolean; error: { code: string } | null } }>(
        system,
        token,
        'mutation ($input: AmendConventionInput!) { amendConvention(input: $input) { ok error { code } } }',
        { input: { conventionId: id.inForce, signedOn, reason: 'Répartition revue', territories: [{ territoryId: '25-besancon', places: besancon }, { territoryId: '25-haut-doubs', places: hautDoubs }] } },
      );
      expect(answer.errors).toEqual([]);
      expect(answer.data?.amendConvention).toEqual({ ok: true, error: null });
    };
    const committedWhen = async (expected: Record<string, number>): Promise<void> => {
      let seen: Record<string, number | null> = {};
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
        const result = await gatewayQuery<{ territories: { id: string; fundingCommitted: number | null }[] }>(system, token, '{ territories { id fundingCommitted } }');
        seen = Object.fromEntries(result.data!.territories.filter((t) => t.id in expected).map((t) => [t.id, t.fundingCommitted]));
        if (JSON.stringify(seen) === JSON.stringify(expected)) break;
      }
      expect(seen).toEqual(expected);
    };
    // 45 of the 135 places in Besançon now: a third of 210 000 €; 90 in Haut-Doubs: two thirds.
    await amend(45, 90, '2025-03-01');
    await committedWhen({ '25-besancon': 7_000_000, '25-haut-doubs': 14_000_000 });
    // And back, by a second amendment: the later snapshot wins.
    await amend(90, 45, '2025-04-01');
    await committedWhen({ '25-besancon': 14_000_000, '25-haut-doubs': 7_000_000 });
    // One event per amendment, written with it.
    const { rows } = await system.db.query<{ events: number }>(`select count(*)::int as events from contracts.outbox where topic = 'convention-places' and event_key = $1`, [id.inForce]);
    expect(rows).toEqual([{ events: 2 }]);
  });

  it('joins a convention with its operator across subgraphs', async () => {
    const result = await gatewayQuery<{ convention: unknown }>(system, token, 'query ($id: ID!) { convention(id: $id) { name fte places operator { name kind } } }', { id: id.inForce });
    expect(result.data).toEqual({ convention: { name: 'En vigueur', fte: 1.5, places: 135, operator: { name: 'Croix-Rouge — Doubs', kind: 'ASSOCIATION' } } });
  });
});

describe('subgraphs trust only the gateway', () => {
  const post = (url: string, authorization?: string): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: '{ territories { id } }' }),
    });

  it('refuses a request without the gateway token, or with a token the gateway did not sign', async () => {
    for (const url of Object.values(system.urls.subgraphs)) {
      const bare = await post(url);
      expect(bare.status).toBe(401);
      expect(await bare.json()).toEqual({ errors: [{ message: 'Unauthorized: requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const impostor = await CallerTokenSigner.fromPem((await generateIdentityKeys()).privateKeyPem);
    const forged = await impostor.sign({ userId: 'x', role: 'ADMIN', departmentCode: '25', territoryIds: [], partnerId: null }, 'c');
    expect((await post(system.urls.subgraphs.partners!, `Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses a genuine but expired token, and one meant for another audience', async () => {
    const key = await importPKCS8(system.keys.privateKeyPem, 'EdDSA');
    const claims = { sub: 'x', role: 'ADMIN', dep: '25', ter: [], pid: null };
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setIssuedAt(now - 300).setExpirationTime(now - 200).sign(key);
    expect((await post(system.urls.subgraphs.partners!, `Bearer ${expired}`)).status).toBe(401);
    const elsewhere = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(TOKEN_ISSUER).setAudience('another').setIssuedAt().setExpirationTime('1m').sign(key);
    expect((await post(system.urls.subgraphs.partners!, `Bearer ${elsewhere}`)).status).toBe(401);
  });

  it('accepts the same request signed with the gateway key', async () => {
    const signer = await CallerTokenSigner.fromPem(system.keys.privateKeyPem);
    const token = await signer.sign({ userId: 'x', role: 'ADMIN', departmentCode: '25', territoryIds: [], partnerId: null }, 'c');
    const response = await post(system.urls.subgraphs.partners!, `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { territories: unknown[] } }).data.territories).toHaveLength(4);
  });
});

describe('the dashboard', () => {
  const euros = (cents: number): string => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);

  it('renders the territories page in French from the gateway, on the server', async () => {
    const anonymous = await fetch(`${system.urls.dashboard}/territoires`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/connexion?redirection=%2Fterritoires');
    const response = await fetch(`${system.urls.dashboard}/territoires`, { headers: { cookie: sessionCookie(token) } });
    expect(response.status, system.logs.filter((l) => l.startsWith('[dashboard]') || l.startsWith('[gateway]')).join('\n')).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Administration · Doubs (25)');
    expect(html).toContain('Territoires — Doubs (25)');
    expect(html).toContain('Pays de Montbéliard');
    expect(html).toContain('Financement engagé');
    expect(html).toContain(euros(14_000_000));
    expect(html).toContain(euros(21_000_000));
  });

  it('keeps the page usable when a subgraph is down, and says which part is missing', async () => {
    await system.stopService('funding');
    const response = await fetch(`${system.urls.dashboard}/territoires`, { headers: { cookie: sessionCookie(token) } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Besançon');
    expect(html).toContain('indisponible');
    expect(html).toContain('financements');
    expect(html).not.toContain(euros(14_000_000));
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';

/**
 * The beneficiaries subgraph through the gateway, as `npm start` runs it (its own processes, the
 * launcher's encryption key): import, decrypted identity, indicators, and the convention's
 * occupancy computed from the places `contracts` owns (`@requires`). Data of Département 72.
 */
const DEPARTMENT = '72';
let system: TestSystem;
let token: string;
const id = { programme: randomUUID(), operator: randomUUID(), convention: randomUUID() };

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: false });
  const admin = await createUser(system.db, { role: 'ADMIN', departmentCode: DEPARTMENT });
  token = await login(system, admin.email, admin.password);
  await system.db.query(
    `insert into contracts.convention (id, department_code, operator_id, programme_id, name, starts_on, ends_on, fte, places) values
      ($1, $2, $3, $4, 'Référent santé', '2026-01-01', '2026-12-31', 1, 90)`,
    [id.convention, DEPARTMENT, id.operator, id.programme],
  );
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

describe('beneficiaries through the gateway', () => {
  it('imports people, shows their decrypted identity to the administrator, and fills the convention occupancy and the indicators', async () => {
    const commune = (await system.db.query<{ code: string }>(`select code from ref.commune where department_code = $1 order by code limit 1`, [DEPARTMENT])).rows[0]!.code;
    const header =
      'identifiant;nom;prenom;date_naissance;numero_caf;sexe;commune_insee;type_foyer;date_entree_rsa;orientation;freins;difficultes_psychiques;programme;operateur;convention;referent;prescripteur;date_prescription;date_validation;date_premier_entretien;date_bilan_final;date_sortie;motif_sortie;sous_motif_sortie';
    const lines = Array.from({ length: 12 }, (_, i) =>
      [`P${i}`, `Nom${i}`, `Prénom${i}`, '01/02/1980', '', i % 2 ? 'H' : 'F', commune, 'isolé', '01/01/2019', 'sociale', '', 'anxiété', id.programme, id.operator, id.convention, '', '', '05/01/2026', '06/01/2026', '12/01/2026', '', i < 3 ? '30/06/2026' : '', i < 3 ? 'stabilisation' : '', ''].join(';'),
    );
    const imported = await gatewayQuery<{ importBeneficiaries: { ok: boolean; beneficiariesWritten: number; accompanimentsWritten: number } }>(system, token,
      'mutation ($csv: String!) { importBeneficiaries(csv: $csv) { ok beneficiariesWritten accompanimentsWritten } }',
      { csv: [header, ...lines].join('\n') },
    );
    expect(imported.data).toEqual({ importBeneficiaries: { ok: true, beneficiariesWritten: 12, accompanimentsWritten: 12 } });

    const person = (await system.db.query<{ id: string }>(`select id from beneficiaries.beneficiary where department_code = $1 and external_ref = 'P0'`, [DEPARTMENT])).rows[0]!.id;
    const identity = await gatewayQuery<{ beneficiary: { identity: unknown } }>(system, token, 'query ($id: ID!) { beneficiary(id: $id) { identity { firstName lastName birthDate } } }', { id: person });
    expect(identity.data).toEqual({ beneficiary: { identity: { firstName: 'Prénom0', lastName: 'Nom0', birthDate: '1980-02-01' } } });

    const convention = await gatewayQuery<{ convention: unknown }>(system, token, 'query ($id: ID!) { convention(id: $id) { places activeCaseload occupancy } }', { id: id.convention });
    expect(convention.errors).toEqual([]);
    expect(convention.data).toEqual({ convention: { places: 90, activeCaseload: 9, occupancy: 0.1 } });

    const result = await gatewayQuery<{ indicators: unknown }>(system, token,
      `query ($p: PeriodInput!) { indicators(period: $p) { peopleWelcomed { value } activeCaseload { value } stabilisations { value } delayToFirstInterview { medianDays } } }`,
      { p: { from: '2026-01-01', to: '2026-06-30' } },
    );
    expect(result.data).toEqual({ indicators: { peopleWelcomed: { value: 12 }, activeCaseload: { value: 9 }, stabilisations: { value: 3 }, delayToFirstInterview: { medianDays: 7 } } });
  });
});

import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, useTestIdentityKey } from '../test-support/factories.js';
import { decodeExport } from './import.format.js';

// This file owns Département 71 (Saône-et-Loire) in the shared test database.
const DEPARTMENT = '71';
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;
const admin = testCaller({ departmentCode: DEPARTMENT });

const HEADER =
  'identifiant;nom;prenom;date_naissance;numero_caf;sexe;commune_insee;type_foyer;date_entree_rsa;orientation;freins;difficultes_psychiques;programme;operateur;convention;referent;prescripteur;date_prescription;date_validation;date_premier_entretien;date_bilan_final;date_sortie;motif_sortie;sous_motif_sortie';

interface Report {
  ok: boolean;
  dryRun: boolean;
  rowsRead: number;
  beneficiariesWritten: number;
  accompanimentsWritten: number;
  rejected: { line: number; column: string; reason: string }[];
}
async function importCsv(csv: string, dryRun = false, caller = admin): Promise<Report> {
  const { data, errors } = await execute<{ importBeneficiaries: Report }>(
    schema,
    testContext(orm, caller),
    'mutation ($csv: String!, $dryRun: Boolean) { importBeneficiaries(csv: $csv, dryRun: $dryRun) { ok dryRun rowsRead beneficiariesWritten accompanimentsWritten rejected { line column reason } } }',
    { csv, dryRun },
  );
  if (errors.length) throw new Error(errors.join('; '));
  return data!.importBeneficiaries;
}

/** Everything the import wrote for these people (ids aside), to compare states. */
async function state(refs: string[]): Promise<unknown> {
  const em = orm.em.fork();
  return {
    people: await em.execute(
      `select external_ref, commune_code, sex, birth_year, household_type, rsa_entry_date::text, orientation_kind, barriers, psychological_difficulties, id
         from beneficiaries.beneficiary where department_code = ? and external_ref in (?) order by external_ref`,
      [DEPARTMENT, refs],
    ),
    identities: await em.execute(
      `select b.external_ref, encode(i.ciphertext, 'base64') as c, i.updated_at from beneficiaries.beneficiary_identity i join beneficiaries.beneficiary b on b.id = i.beneficiary_id
        where b.department_code = ? and b.external_ref in (?) order by 1`,
      [DEPARTMENT, refs],
    ),
    accompaniments: await em.execute(
      `select a.* from beneficiaries.accompaniment a join beneficiaries.beneficiary b on b.id = a.beneficiary_id where b.department_code = ? and b.external_ref in (?) order by a.external_ref`,
      [DEPARTMENT, refs],
    ),
  };
}

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  schema = await beneficiariesSubgraph.buildSchema();
  commune = await firstCommune(orm.em.fork(), DEPARTMENT);
});
afterAll(async () => {
  await orm.close(true);
});

describe('importBeneficiaries', () => {
  it('writes a valid export once, with identities encrypted, and importing it again changes nothing', async () => {
    const tag = randomUUID().slice(0, 8);
    const programme = randomUUID();
    const operator = randomUUID();
    const refs = [`A-${tag}`, `B-${tag}`, `C-${tag}`];
    const csv = [
      HEADER,
      `${refs[0]};Dupont;Élise;12/03/1981;1234567;F;${commune};famille monoparentale;01/02/2017;sociale;santé,logement;anxiété|depression;${programme};${operator};;ref-1;presc-1;05/01/2026;12/01/2026;20/01/2026;;;;`,
      `${refs[0]};Dupont;Élise;12/03/1981;1234567;F;${commune};famille monoparentale;01/02/2017;sociale;santé,logement;anxiété|depression;${randomUUID()};${operator};;ref-1;presc-1;05/01/2024;06/01/2024;10/02/2024;01/08/2024;15/09/2024;Changement de situation financière;AAH`,
      `${refs[1]};Martin;Paul;01/01/1970;;H;${commune};isolé;15/06/2023;professionnelle;;;;;;;;;;;;;;`,
      `${refs[2]};Leroy;Ana;30/11/1990;7654321;F;${commune};couple avec enfants;01/09/2020;socio-professionnelle;MOBILITY;;${programme};${operator};;;;10/03/2026;;;;;;`,
    ].join('\r\n');

    const dry = await importCsv(csv, true);
    expect(dry).toEqual({ ok: true, dryRun: true, rowsRead: 4, beneficiariesWritten: 3, accompanimentsWritten: 3, rejected: [] });
    expect(((await state(refs)) as { people: unknown[] }).people).toEqual([]);

    expect(await importCsv(csv)).toEqual({ ok: true, dryRun: false, rowsRead: 4, beneficiariesWritten: 3, accompanimentsWritten: 3, rejected: [] });
    const after = (await state(refs)) as { people: Record<string, unknown>[]; accompaniments: Record<string, unknown>[] };
    expect(after.people.map(({ id: _id, ...p }) => p)).toEqual([
      { external_ref: refs[0], commune_code: commune, sex: 'F', birth_year: 1981, household_type: 'SINGLE_PARENT', rsa_entry_date: '2017-02-01', orientation_kind: 'SOCIAL', barriers: ['HEALTH', 'HOUSING'], psychological_difficulties: ['ANXIETY', 'DEPRESSION'] },
      { external_ref: refs[1], commune_code: commune, sex: 'M', birth_year: 1970, household_type: 'SINGLE', rsa_entry_date: '2023-06-15', orientation_kind: 'PRO', barriers: [], psychological_difficulties: [] },
      { external_ref: refs[2], commune_code: commune, sex: 'F', birth_year: 1990, household_type: 'COUPLE_WITH_CHILDREN', rsa_entry_date: '2020-09-01', orientation_kind: 'SOCIO_PRO', barriers: ['MOBILITY'], psychological_difficulties: [] },
    ]);
    expect(after.accompaniments.map((a) => [a.exit_reason, a.exit_sub_reason, a.referent_id])).toEqual(
      expect.arrayContaining([
        ['FINANCIAL_CHANGE', 'AAH', 'ref-1'],
        [null, null, 'ref-1'],
        [null, null, null],
      ]),
    );
    // The identity is decrypted only by the service, for an administrator.
    const { data } = await execute<{ beneficiary: { identity: unknown } }>(schema, testContext(orm, admin), 'query ($id: ID!) { beneficiary(id: $id) { identity { firstName lastName birthDate cafNumber } } }', {
      id: after.people[0]!.id,
    });
    expect(data!.beneficiary.identity).toEqual({ firstName: 'Élise', lastName: 'Dupont', birthDate: '1981-03-12', cafNumber: '1234567' });

    const again = await importCsv(csv);
    expect(again).toEqual({ ok: true, dryRun: false, rowsRead: 4, beneficiariesWritten: 0, accompanimentsWritten: 0, rejected: [] });
    expect(await state(refs)).toEqual(after);

    // The same file exported in Windows-1252 reads the same.
    expect(decodeExport(iconv.encode(csv, 'win1252'))).toBe(csv);
  });

  it('writes nothing from a file with errors, and reports each one with its line and column', async () => {
    const tag = randomUUID().slice(0, 8);
    const programme = randomUUID();
    const operator = randomUUID();
    const csv = [
      HEADER,
      `OK-${tag};Valid;Person;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;${programme};${operator};;;;05/01/2026;06/01/2026;;;;;`,
      `E1-${tag};Bad;Date;31/02/1980;123;X;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;`,
      `E2-${tag};Bad;Commune;01/01/1980;;F;75056;inconnu;01/01/2020;sociale;;;;;;;;;;;;;;`,
      `E3-${tag};Exit;Early;01/01/1980;;M;${commune};isolé;01/01/2020;sociale;;;${programme};${operator};;;;05/01/2026;;;;10/01/2026;stabilisation;`,
      `E4-${tag};Sub;Reason;01/01/1980;;M;${commune};isolé;01/01/2020;sociale;;;${programme};${operator};;;;05/01/2026;06/01/2026;07/01/2026;;01/03/2026;FINANCIAL_CHANGE;`,
      `OK-${tag};Valid;Person;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;${programme};${operator};;;;06/02/2026;;;;;;`,
    ].join('\n');
    const report = await importCsv(csv);
    expect(report).toEqual({
      ok: false,
      dryRun: false,
      rowsRead: 6,
      beneficiariesWritten: 0,
      accompanimentsWritten: 0,
      rejected: [
        { line: 3, column: 'date_naissance', reason: 'not a date as DD/MM/YYYY: "31/02/1980"' },
        { line: 3, column: 'numero_caf', reason: 'a CAF number has 7 digits' },
        { line: 3, column: 'sexe', reason: 'unknown value "X"' },
        { line: 4, column: 'type_foyer', reason: 'unknown value "inconnu"' },
        { line: 4, column: 'commune_insee', reason: 'not a commune of Département 71' },
        { line: 5, column: 'date_sortie', reason: 'no exit before a first interview' },
        { line: 6, column: 'sous_motif_sortie', reason: 'required for a financial change' },
        { line: 7, column: 'programme', reason: 'a second open accompaniment in this programme (line 2)' },
      ],
    });
    expect(((await state([`OK-${tag}`])) as { people: unknown[] }).people).toEqual([]);

    expect((await importCsv('nom;prenom\nA;B')).rejected.map((r) => `${r.line} ${r.column}`)).toEqual([
      '1 identifiant',
      '1 date_naissance',
      '1 sexe',
      '1 commune_insee',
      '1 type_foyer',
      '1 date_entree_rsa',
      '1 orientation',
    ]);
    expect((await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' })), 'mutation { importBeneficiaries(csv: "") { ok } }')).errors).toEqual([
      'Your role (REFERENT) may not import people.',
    ]);
  });
});

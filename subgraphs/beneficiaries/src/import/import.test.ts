import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, useTestIdentityKey } from '../test-support/factories.js';
import { decryptIdentity } from '../identity/identity.cipher.js';
import { decodeExport, franceTravailId } from './import.format.js';

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

  // The law of 2025 (issue 14, item 5): optional columns after the old ones.
  const HEADER_2025 = `${HEADER};date_ouverture_droit;date_decision_orientation;date_notification_orientation;structure_referente;identifiant_france_travail`;

  async function orientations(ref: string): Promise<unknown[]> {
    return orm.em
      .fork()
      .execute(
        `select o.track, o.lead_kind, o.lead_partner_id, o.decided_on::text, o.notified_on::text, o.source, o.recorded_by from beneficiaries.orientation o
           join beneficiaries.beneficiary b on b.id = o.beneficiary_id where b.department_code = ? and b.external_ref = ? order by o.decided_on, o.created_at`,
        [DEPARTMENT, ref],
      );
  }

  it('reads the dates of the law of 2025 and the France Travail identifier: orientation history, right opened, encrypted identifier', async () => {
    const tag = randomUUID().slice(0, 8);
    const partner = randomUUID();
    const programme = randomUUID();
    const refs = [`L1-${tag}`, `L2-${tag}`, `L3-${tag}`];
    const csv = [
      HEADER_2025,
      `${refs[0]};Bernard;Inès;04/05/1988;;F;${commune};isolé;01/03/2019;socio-professionnelle;;;${programme};${randomUUID()};;;;25/03/2025;26/03/2025;31/03/2025;;;;;10/02/2025;17/03/2025;24/03/2025;Département;12345678 90a`,
      `${refs[1]};Petit;Hugo;20/10/1975;;H;${commune};couple;01/04/2025;professionnelle;;;;;;;;;;;;;;;01/04/2025;02/05/2025;;France Travail;1234567B`,
      `${refs[2]};Roux;Léa;02/02/1995;;F;${commune};isolé;01/06/2025;sociale;;;;;;;;;;;;;;;;12/06/2025;12/06/2025;${partner};`,
    ].join('\n');
    expect(await importCsv(csv)).toEqual({ ok: true, dryRun: false, rowsRead: 3, beneficiariesWritten: 3, accompanimentsWritten: 1, rejected: [] });

    expect(await orientations(refs[0]!)).toEqual([
      { track: 'SOCIO_PRO', lead_kind: 'DEPARTMENT', lead_partner_id: null, decided_on: '2025-03-17', notified_on: '2025-03-24', source: 'IMPORT', recorded_by: admin.userId },
    ]);
    expect(await orientations(refs[1]!)).toEqual([
      { track: 'PRO', lead_kind: 'FRANCE_TRAVAIL', lead_partner_id: null, decided_on: '2025-05-02', notified_on: null, source: 'IMPORT', recorded_by: admin.userId },
    ]);
    expect(await orientations(refs[2]!)).toEqual([
      { track: 'SOCIAL', lead_kind: 'PARTNER', lead_partner_id: partner, decided_on: '2025-06-12', notified_on: '2025-06-12', source: 'IMPORT', recorded_by: admin.userId },
    ]);
    const people = await orm.em
      .fork()
      .execute<{ ref: string; opened: string | null; id: string }[]>(
        `select external_ref as ref, rights_opened_on::text as opened, id from beneficiaries.beneficiary where department_code = ? and external_ref in (?) order by external_ref`,
        [DEPARTMENT, refs],
      );
    expect(people.map((p) => [p.ref, p.opened])).toEqual([
      [refs[0], '2025-02-10'],
      [refs[1], '2025-04-01'],
      [refs[2], null],
    ]);
    // The identifier is in the ciphertext only: not in clear anywhere in the person's rows.
    const clear = await orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from beneficiaries.beneficiary b join beneficiaries.beneficiary_identity i on i.beneficiary_id = b.id
          where b.id = ? and (row_to_json(b)::text ilike '%1234567890A%' or encode(i.ciphertext, 'escape') ilike '%1234567890A%')`,
        [people[0]!.id],
      );
    expect(clear[0]!.n).toBe(0);
    const identity = await orm.em.fork().execute<{ c: Buffer }[]>('select ciphertext as c from beneficiaries.beneficiary_identity where beneficiary_id = ?', [people[0]!.id]);
    expect(decryptIdentity(identity[0]!.c)).toEqual({ firstName: 'Inès', lastName: 'Bernard', birthDate: '1988-05-04', cafNumber: null, franceTravailId: '1234567890A' });

    // The delay chain reads them (its programme isolates this person): right opened 10/02 (not the RSA
    // entry of 2019) → decided 17/03 = 35 days; → notified 24/03 = 7 days; → first interview 31/03 = 7 days.
    const { data, errors } = await execute<{ indicators: { delayChain: { steps: { step: string; counted: { value: number | null }; medianDays: number | null }[] } } }>(
      schema,
      testContext(orm, admin),
      `query ($scope: IndicatorScopeInput) { indicators(scope: $scope, period: { from: "2025-01-01", to: "2025-12-31" }) { delayChain { steps { step counted { value } medianDays } } } }`,
      { scope: { programmeId: programme } },
    );
    expect(errors).toEqual([]);
    expect(data!.indicators.delayChain.steps.map((s) => [s.step, s.counted.value, s.medianDays])).toEqual([
      ['ORIENTATION_DECIDED', 1, 35],
      ['ORIENTATION_NOTIFIED', 1, 7],
      ['CONTRACT_SIGNED', 0, null],
      ['FIRST_INTERVIEW', 1, 7],
      ['FIRST_PARTNER_APPOINTMENT', 0, null],
    ]);

    // Importing again changes nothing; an old-format file keeps what the new columns gave.
    const before = await state(refs);
    expect(await importCsv(csv)).toMatchObject({ ok: true, beneficiariesWritten: 0 });
    expect(await state(refs)).toEqual(before);
    expect(await orientations(refs[0]!)).toHaveLength(1);
  });

  it('rejects bad values of the new columns with their line and column, writes nothing, and never echoes the France Travail identifier', async () => {
    const tag = randomUUID().slice(0, 8);
    const csv = [
      HEADER_2025,
      `OK-${tag};Valid;Person;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;01/02/2025;01/03/2025;05/03/2025;Département;12345678901`,
      `F1-${tag};Bad;Ident;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;;;;;SECRET-42`,
      `F2-${tag};Bad;Opened;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;31/12/2019;;;;`,
      `F3-${tag};Bad;Notified;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;;10/03/2025;01/03/2025;France Travail;`,
      `F4-${tag};No;Decision;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;;;01/03/2025;;`,
      `F5-${tag};No;Lead;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;;01/03/2025;;;`,
      `F6-${tag};Bad;Lead;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;;01/03/2025;;la mairie;`,
      `F7-${tag};Bad;Day;01/01/1980;;F;${commune};isolé;01/01/2020;sociale;;;;;;;;;;;;;;;;2025-13-01;;Département;`,
    ].join('\n');
    const report = await importCsv(csv);
    expect(report).toEqual({
      ok: false,
      dryRun: false,
      rowsRead: 8,
      beneficiariesWritten: 0,
      accompanimentsWritten: 0,
      rejected: [
        { line: 3, column: 'identifiant_france_travail', reason: 'a France Travail identifier has 11 letters or digits (or, formerly, 7 digits and a letter)' },
        { line: 4, column: 'date_ouverture_droit', reason: 'before the RSA entry date' },
        { line: 5, column: 'date_notification_orientation', reason: 'before the orientation decision' },
        { line: 6, column: 'date_decision_orientation', reason: 'required with a notification date' },
        { line: 7, column: 'structure_referente', reason: 'required with an orientation date' },
        { line: 8, column: 'structure_referente', reason: 'unknown value "la mairie" (France Travail, Département or a partner\'s id)' },
        { line: 9, column: 'date_decision_orientation', reason: 'not a date as DD/MM/YYYY: "2025-13-01"' },
      ],
    });
    expect(JSON.stringify(report)).not.toContain('SECRET');
    // All or nothing: the valid line was not written either.
    expect(((await state([`OK-${tag}`])) as { people: unknown[] }).people).toEqual([]);
    expect(await orientations(`OK-${tag}`)).toEqual([]);
  });

  it('imports a file of the old format unchanged, and keeps the dates a newer file gave', async () => {
    const tag = randomUUID().slice(0, 8);
    const ref = `O-${tag}`;
    const old = [HEADER, `${ref};Moreau;Jean;07/07/1977;;M;${commune};isolé;01/01/2025;sociale;;;;;;;;;;;;;;`].join('\n');
    expect(await importCsv(old)).toEqual({ ok: true, dryRun: false, rowsRead: 1, beneficiariesWritten: 1, accompanimentsWritten: 0, rejected: [] });
    expect(await orientations(ref)).toEqual([]);

    const newer = [HEADER_2025, `${ref};Moreau;Jean;07/07/1977;;M;${commune};isolé;01/01/2025;professionnelle;;;;;;;;;;;;;;;15/01/2025;20/02/2025;;France Travail;1234567C`].join('\n');
    expect(await importCsv(newer)).toMatchObject({ ok: true, beneficiariesWritten: 1 });
    // The old file again writes nothing: the right-opened day, the imported orientation and its track stay.
    expect(await importCsv(old)).toMatchObject({ ok: true, beneficiariesWritten: 0 });
    const [person] = await orm.em
      .fork()
      .execute<{ opened: string | null; kind: string }[]>(
        `select rights_opened_on::text as opened, orientation_kind as kind from beneficiaries.beneficiary where department_code = ? and external_ref = ?`,
        [DEPARTMENT, ref],
      );
    expect(person).toEqual({ opened: '2025-01-15', kind: 'PRO' });
    const [identity] = await orm.em
      .fork()
      .execute<{ c: Buffer }[]>(
        `select i.ciphertext as c from beneficiaries.beneficiary_identity i join beneficiaries.beneficiary b on b.id = i.beneficiary_id where b.department_code = ? and b.external_ref = ?`,
        [DEPARTMENT, ref],
      );
    expect(decryptIdentity(identity!.c).franceTravailId).toBe('1234567C');
    expect(await orientations(ref)).toEqual([expect.objectContaining({ track: 'PRO', decided_on: '2025-02-20', source: 'IMPORT' })]);
  });
});

describe('franceTravailId', () => {
  it('accepts the 11-character identifier and the former 7 digits and a letter, normalised, and nothing else', () => {
    expect(franceTravailId('12345678 90a')).toBe('1234567890A');
    expect(franceTravailId('1234567b')).toBe('1234567B');
    expect(franceTravailId('1234567')).toBeNull();
    expect(franceTravailId('123456789012')).toBeNull();
    expect(franceTravailId('12345678-90A')).toBeNull();
    expect(franceTravailId('ABCDEFGH')).toBeNull();
  });
});

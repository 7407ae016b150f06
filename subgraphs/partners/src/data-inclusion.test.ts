import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateService, validateStructure } from './data-inclusion/validation.js';
import { partnersSubgraph } from './subgraph.js';

// This file owns Département 02 (Aisne) in the shared test database.
const DEPARTMENT = '02';
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });

type Json = Record<string, unknown>;

/** A complete data·inclusion structure: every field of the schema, as the national API publishes it. */
function structure(source: string, id: string, fields: Json = {}): Json {
  return {
    id,
    source,
    nom: `CSAPA de Saint-Quentin ${id}`,
    siret: '12345678900011',
    description: 'Centre de soins, d’accompagnement et de prévention en addictologie.',
    commune: 'Saint-Quentin',
    code_insee: '02691',
    code_postal: '02100',
    adresse: '1 rue de l’Exemple',
    complement_adresse: null,
    latitude: 49.8465,
    longitude: 3.2876,
    telephone: '03 00 00 00 00',
    courriel: 'accueil@exemple.fr',
    site_web: 'https://exemple.fr',
    lien_source: null,
    horaires_accueil: 'Mo-Fr 09:00-12:30,13:30-17:00; PH off',
    accessibilite_lieu: null,
    reseaux_porteurs: ['csapa'],
    date_maj: '2025-09-01',
    ...fields,
  };
}

function service(source: string, id: string, structureId: string, fields: Json = {}): Json {
  return {
    id,
    source,
    structure_id: structureId,
    nom: `Consultation jeunes consommateurs ${id}`,
    description: 'Consultations anonymes et gratuites pour les personnes en difficulté avec une consommation.',
    type: 'accompagnement',
    thematiques: ['sante--addictions'],
    frais: 'gratuit',
    frais_precisions: null,
    publics: ['beneficiaires-des-minimas-sociaux', 'jeunes'],
    publics_precisions: null,
    conditions_acces: null,
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: ['telephoner', 'se-presenter'],
    mobilisable_par: ['usagers', 'professionnels'],
    mobilisation_precisions: null,
    lien_mobilisation: null,
    zone_eligibilite: ['02'],
    volume_horaire_hebdomadaire: 3.5,
    nombre_semaines: 10,
    adresse: null,
    complement_adresse: null,
    code_postal: null,
    commune: null,
    code_insee: null,
    latitude: null,
    longitude: null,
    telephone: null,
    courriel: null,
    contact_nom_prenom: null,
    horaires_accueil: null,
    lien_source: null,
    date_maj: '2025-10-15',
    ...fields,
  };
}

interface Report {
  ok: boolean;
  dryRun: boolean;
  structuresCreated: number;
  structuresUpdated: number;
  servicesCreated: number;
  servicesUpdated: number;
  errors: { recordType: string; index: number; id: string | null; messages: string[]; problems?: { field: string; path: string; code: string; expected: string | null; value: string | null }[] }[];
}

const IMPORT = `mutation ($s: String!, $v: String!, $dry: Boolean) { importDataInclusion(structures: $s, services: $v, dryRun: $dry) {
  ok dryRun structuresCreated structuresUpdated servicesCreated servicesUpdated errors { recordType index id messages } } }`;

async function importRecords(structures: unknown, services: unknown, dryRun = false, caller = admin): Promise<{ report: Report | undefined; errors: string[] }> {
  const { data, errors } = await execute<{ importDataInclusion: Report }>(schema, testContext(orm, caller), IMPORT, {
    s: typeof structures === 'string' ? structures : JSON.stringify(structures),
    v: typeof services === 'string' ? services : JSON.stringify(services),
    dry: dryRun,
  });
  return { report: data?.importDataInclusion, errors };
}

async function exported(source: string): Promise<{ structures: Json[]; services: Json[] }> {
  const { data, errors } = await execute<{ exportDataInclusion: { structures: string; services: string } }>(
    schema,
    testContext(orm, admin),
    '{ exportDataInclusion { structures services } }',
  );
  expect(errors).toEqual([]);
  const mine = (records: Json[]): Json[] => records.filter((r) => r.source === source);
  return { structures: mine(JSON.parse(data!.exportDataInclusion.structures) as Json[]), services: mine(JSON.parse(data!.exportDataInclusion.services) as Json[]) };
}

async function rowsOf(source: string): Promise<{ partners: number; services: number }> {
  const [row] = (await orm.em
    .fork()
    .execute(
      `select (select count(*)::int from partners.partner where source = ?) as partners, (select count(*)::int from partners.service where source = ?) as services`,
      [source, source],
    )) as [{ partners: number; services: number }];
  return row;
}

const byId = (a: Json, b: Json): number => String(a.id).localeCompare(String(b.id));

beforeAll(async () => {
  orm = await openTestOrm(partnersSubgraph);
  schema = await partnersSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('data·inclusion import and export', () => {
  it('round-trips: import then export gives the same records, valid against the official schema', async () => {
    const source = `test-${randomUUID()}`;
    const structures = [
      structure(source, `${source}--s1`),
      structure(source, `${source}--s2`, { nom: 'MDPH de l’Aisne', code_insee: '02408', commune: 'Laon', code_postal: '02000', reseaux_porteurs: ['mdph'], latitude: null, longitude: null }),
    ];
    const services = [
      service(source, `${source}--v1`, `${source}--s1`),
      service(source, `${source}--v2`, `${source}--s1`, { modes_accueil: ['a-distance'], zone_eligibilite: ['02691', '02408'], frais: null }),
      service(source, `${source}--v3`, `${source}--s2`, {
        thematiques: ['sante--constituer-un-dossier-mdph-invalidite'],
        horaires_accueil: 'Tu,Th 14:00-17:00',
        code_insee: '02691',
        commune: 'Saint-Quentin',
        code_postal: '02100',
        adresse: '2 place de l’Hôtel de Ville',
        latitude: 49.8467,
        longitude: 3.2877,
      }),
    ];
    for (const s of structures) expect(validateStructure(s)).toEqual([]);
    for (const s of services) expect(validateService(s)).toEqual([]);

    const first = await importRecords(structures, services);
    expect(first.errors).toEqual([]);
    expect(first.report).toEqual({ ok: true, dryRun: false, structuresCreated: 2, structuresUpdated: 0, servicesCreated: 3, servicesUpdated: 0, errors: [] });

    const out = await exported(source);
    expect(out.structures.sort(byId)).toEqual(structures.sort(byId));
    expect(out.services.sort(byId)).toEqual(services.sort(byId));
    for (const s of out.structures) expect(validateStructure(s)).toEqual([]);
    for (const s of out.services) expect(validateService(s)).toEqual([]);

    // Kinds come from the networks; the listing is searchable at once.
    const kinds = (await orm.em.fork().execute('select name, kind from partners.partner where source = ? order by name', [source])) as { kind: string }[];
    expect(kinds.map((k) => k.kind).sort()).toEqual(['CSAPA', 'MDPH']);
    const found = await execute<{ searchServices: { edges: { service: { id: string } }[] } }>(
      schema,
      testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' })),
      '{ searchServices(query: "consultation jeunes consommateurs", eligibleFor: "02691", first: 100) { edges { service { id } } } }',
    );
    expect(found.data!.searchServices.edges.length).toBeGreaterThanOrEqual(2);
  });

  it('carries the hours of a service (volume_horaire_hebdomadaire, nombre_semaines) from a 1.0.8 file to the directory and back, and refuses bad ones', async () => {
    const source = `test-${randomUUID()}`;
    const structures = [structure(source, `${source}--s1`)];
    const services = [
      service(source, `${source}--weekly`, `${source}--s1`, { volume_horaire_hebdomadaire: 3, nombre_semaines: 12 }),
      service(source, `${source}--quarter`, `${source}--s1`, { volume_horaire_hebdomadaire: 7.75, nombre_semaines: 1 }),
      // « Not concerned or unknown » (schema 1.0.8 and 1.0.10 alike): both null.
      service(source, `${source}--none`, `${source}--s1`, { type: 'aide-materielle', volume_horaire_hebdomadaire: null, nombre_semaines: null }),
    ];
    expect((await importRecords(structures, services)).report).toMatchObject({ ok: true, servicesCreated: 3 });

    const [partner] = (await orm.em.fork().execute('select id from partners.partner where source = ?', [source])) as { id: string }[];
    const { data, errors } = await execute<{ partner: { services: { name: string; weeklyHours: number | null; weeks: number | null }[] } }>(
      schema,
      testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' })),
      'query ($id: ID!) { partner(id: $id) { services { name weeklyHours weeks } } }',
      { id: partner!.id },
    );
    expect(errors).toEqual([]);
    expect(Object.fromEntries(data!.partner.services.map((s) => [s.name.split(' ').at(-1), [s.weeklyHours, s.weeks]]))).toEqual({
      [`${source}--weekly`]: [3, 12],
      [`${source}--quarter`]: [7.75, 1],
      [`${source}--none`]: [null, null],
    });
    const out = await exported(source);
    expect(out.services.map((s) => [s.id, s.volume_horaire_hebdomadaire, s.nombre_semaines]).sort()).toEqual(
      [
        [`${source}--none`, null, null],
        [`${source}--quarter`, 7.75, 1],
        [`${source}--weekly`, 3, 12],
      ].sort(),
    );

    const bad = await importRecords(
      [],
      [
        service(source, `${source}--zero-weeks`, `${source}--s1`, { nombre_semaines: 0 }),
        service(source, `${source}--half-week`, `${source}--s1`, { nombre_semaines: 2.5 }),
        service(source, `${source}--negative`, `${source}--s1`, { volume_horaire_hebdomadaire: -1 }),
      ],
    );
    expect(bad.report!.ok).toBe(false);
    expect(bad.report!.errors.map((e) => [e.id, e.messages.join(' | ')])).toEqual([
      [`${source}--zero-weeks`, expect.stringContaining('/nombre_semaines')],
      [`${source}--half-week`, expect.stringContaining('/nombre_semaines')],
      [`${source}--negative`, expect.stringContaining('/volume_horaire_hebdomadaire')],
    ]);
    expect(await rowsOf(source)).toEqual({ partners: 1, services: 3 });
  });

  it('is idempotent by source id: importing again updates, never duplicates', async () => {
    const source = `test-${randomUUID()}`;
    const structures = [structure(source, `${source}--s1`)];
    const services = [service(source, `${source}--v1`, `${source}--s1`)];
    await importRecords(structures, services);
    const again = await importRecords([structure(source, `${source}--s1`, { telephone: '03 11 11 11 11' })], services);
    expect(again.report).toMatchObject({ ok: true, structuresCreated: 0, structuresUpdated: 1, servicesCreated: 0, servicesUpdated: 1 });
    expect(await rowsOf(source)).toEqual({ partners: 1, services: 1 });
    expect((await exported(source)).structures[0]!.telephone).toBe('03 11 11 11 11');
    // A later import may add services to a structure imported before.
    const more = await importRecords([], [service(source, `${source}--v2`, `${source}--s1`)]);
    expect(more.report).toMatchObject({ ok: true, servicesCreated: 1 });
    expect(await rowsOf(source)).toEqual({ partners: 1, services: 2 });
  });

  it('writes nothing when one record is bad, and names each bad record', async () => {
    const source = `test-${randomUUID()}`;
    const structures = [
      structure(source, `${source}--ok`),
      structure(source, `${source}--no-name`, { nom: undefined }),
      structure(source, `${source}--nowhere`, { code_insee: '99999' }),
    ];
    const services = [
      service(source, `${source}--ok`, `${source}--ok`),
      service(source, `${source}--bad-theme`, `${source}--ok`, { thematiques: ['sante'] }),
      service(source, `${source}--orphan`, `${source}--unknown`),
      service(source, `${source}--bad-hours`, `${source}--ok`, { horaires_accueil: 'du lundi au vendredi' }),
    ];
    const { report } = await importRecords(structures, services);
    expect(report?.ok).toBe(false);
    expect(report?.errors.map((e) => [e.recordType, e.index, e.id])).toEqual([
      ['STRUCTURE', 1, `${source}--no-name`],
      ['STRUCTURE', 2, `${source}--nowhere`],
      ['SERVICE', 1, `${source}--bad-theme`],
      ['SERVICE', 2, `${source}--orphan`],
      ['SERVICE', 3, `${source}--bad-hours`],
    ]);
    expect(report?.errors[0]!.messages).toEqual(["/ must have required property 'nom'"]);
    expect(report?.errors[1]!.messages).toEqual(['/code_insee 99999 is not a commune of the COG.']);
    expect(report?.errors[2]!.messages.some((m) => m.startsWith('/thematiques/0 must be equal to one of the allowed values'))).toBe(true);
    expect(report?.errors[3]!.messages).toEqual([`/structure_id ${source}--unknown is neither in this import nor listed.`]);
    expect(report?.errors[4]!.messages[0]).toMatch(/^\/horaires_accueil Invalid opening hours/);
    expect(report).toMatchObject({ structuresCreated: 0, servicesCreated: 0 });
    expect(await rowsOf(source)).toEqual({ partners: 0, services: 0 });

    // The same problems, structured for clients to explain in their own language.
    const structured = await execute<{ importDataInclusion: Report }>(
      schema,
      testContext(orm, admin),
      `mutation ($s: String!, $v: String!) { importDataInclusion(structures: $s, services: $v, dryRun: true) {
        errors { index problems { field path code expected value } } } }`,
      { s: JSON.stringify(structures), v: JSON.stringify([...services, service(source, `${source}--bad-type`, `${source}--ok`, { volume_horaire_hebdomadaire: 'trois' })]) },
    );
    const problems = structured.data!.importDataInclusion.errors.map((e) => e.problems);
    expect(problems[0]).toEqual([{ field: 'nom', path: '/nom', code: 'REQUIRED', expected: null, value: null }]);
    expect(problems[1]).toEqual([{ field: 'code_insee', path: '/code_insee', code: 'UNKNOWN_COMMUNE', expected: null, value: '"99999"' }]);
    expect(problems[2]).toContainEqual({ field: 'thematiques', path: '/thematiques/0', code: 'NOT_ALLOWED', expected: null, value: '"sante"' });
    expect(problems[3]).toEqual([{ field: 'structure_id', path: '/structure_id', code: 'UNKNOWN_STRUCTURE', expected: null, value: JSON.stringify(`${source}--unknown`) }]);
    expect(problems[4]).toEqual([{ field: 'horaires_accueil', path: '/horaires_accueil', code: 'INVALID_HOURS', expected: null, value: '"du lundi au vendredi"' }]);
    expect(problems[5]).toContainEqual({ field: 'volume_horaire_hebdomadaire', path: '/volume_horaire_hebdomadaire', code: 'WRONG_TYPE', expected: 'number', value: '"trois"' });
  });

  it('validates without writing on a dry run, refuses what is not JSON, and is for admins only', async () => {
    const source = `test-${randomUUID()}`;
    const dry = await importRecords([structure(source, `${source}--s1`)], [service(source, `${source}--v1`, `${source}--s1`)], true);
    expect(dry.report).toMatchObject({ ok: true, dryRun: true, structuresCreated: 1, servicesCreated: 1 });
    expect(await rowsOf(source)).toEqual({ partners: 0, services: 0 });
    const notJson = await importRecords('{"nom": ', '[]');
    expect(notJson.report?.errors).toEqual([{ recordType: 'STRUCTURE', index: -1, id: null, messages: ['The document is not a JSON array of records.'] }]);
    const notArray = await execute<{ importDataInclusion: Report }>(schema, testContext(orm, admin), 'mutation { importDataInclusion(structures: "{}", services: "[]", dryRun: true) { errors { problems { field code } } } }');
    expect(notArray.data!.importDataInclusion.errors).toEqual([{ problems: [{ field: '', code: 'NOT_AN_ARRAY' }] }]);
    const steering = await importRecords([], [], false, testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }));
    expect(steering.errors).toEqual(['Your role (STEERING) may not import listings.']);
  });
});

import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnersSubgraph } from './subgraph.js';
import { newPartner, newService, type PartnersApi } from './test-support/factories.js';

// This file owns Département 04 (Alpes-de-Haute-Provence) in the shared test database.
const DEPARTMENT = '04';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
let api: PartnersApi;
const admin = testCaller({ departmentCode: DEPARTMENT });
const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });

interface Commune {
  code: string;
  name: string;
  epci: string;
  latitude: number;
  longitude: number;
}
/** A and B share an EPCI; C and D are in other EPCIs. */
let A: Commune, B: Commune, C: Commune, D: Commune;

function greatCircleKm(a: [number, number], b: [number, number]): number {
  const rad = (d: number): number => (d * Math.PI) / 180;
  const [lat1, lon1, lat2, lon2] = [rad(a[0]), rad(a[1]), rad(b[0]), rad(b[1])];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return (2 * 6378168 * Math.asin(Math.sqrt(h))) / 1000;
}

async function gql<T>(source: string, variables: Record<string, unknown> = {}, caller = admin): Promise<T> {
  const { data, errors } = await execute<T>(schema, testContext(orm, caller), source, variables);
  expect(errors).toEqual([]);
  return data!;
}

const COVERAGE_FIELDS = `territoryId theme servicesEligible places peopleOnRsa placesPer1000Rsa communeCount uncoveredCommuneCount covered
  communes { commune { code name } servicesEligible nearestServiceKm covered } uncoveredCommunes { code }`;

beforeAll(async () => {
  orm = await openTestOrm(partnersSubgraph, counter);
  schema = await partnersSubgraph.buildSchema();
  api = { schema, orm, caller: admin };
  const em = orm.em.fork();
  // Three EPCI of the Département: two communes of the first, one of each other.
  const rows: { code: string; name: string; epci_code: string }[] = await em.execute(
    `select code, name, epci_code from (
       select code, name, epci_code, row_number() over (partition by epci_code order by code) as n,
              dense_rank() over (order by epci_code) as e
         from ref.commune where department_code = ? and epci_code is not null) x
      where (e = 1 and n <= 2) or (e in (2, 3) and n = 1) order by e, n`,
    [DEPARTMENT],
  );
  // Alpes-de-Haute-Provence has no centroids in the reference: give these four hand-made ones.
  const points: [number, number][] = [
    [44.0, 6.0],
    [44.1, 6.1],
    [44.3, 6.2],
    [44.4, 6.4],
  ];
  const communes = rows.map((r, i) => ({ code: r.code, name: r.name, epci: r.epci_code, latitude: points[i]![0], longitude: points[i]![1] }));
  for (const c of communes) await em.execute('update ref.commune set latitude = ?, longitude = ? where code = ?', [c.latitude, c.longitude, c.code]);
  [A, B, C, D] = communes as [Commune, Commune, Commune, Commune];
});
afterAll(async () => {
  await orm.close(true);
});

describe('coverage of a territory', () => {
  it('counts eligible services, places per 1 000 people on the RSA, distances and uncovered communes', async () => {
    const territory = await createTestTerritory(orm.em.fork(), DEPARTMENT, [A.code, B.code, C.code, D.code]);
    const theme = 'SANTE__SANTE_MENTALE';
    const inA = await newPartner(api, { communeCode: A.code, latitude: 44.01, longitude: 6.02 });
    const inB = await newPartner(api, { communeCode: B.code });
    // S1: for commune A only, in person, 10 places.
    await newService(api, inA, { themes: [theme], eligibilityZone: [A.code], receptionModes: ['EN_PRESENTIEL'] }, { places: 10 });
    // S2: for the EPCI of A and B, remote only, 20 places: eligible but no in-person distance.
    await newService(api, inB, { themes: [theme], eligibilityZone: [A.epci], receptionModes: ['A_DISTANCE'] }, { places: 20 });
    // Not counted: another Département's zone, another theme, an archived service.
    await newService(api, inA, { themes: [theme], eligibilityZone: ['62'] }, { places: 100 });
    await newService(api, inA, { themes: ['SANTE__ADDICTIONS'], eligibilityZone: [DEPARTMENT] }, { places: 100 });
    const archived = await newService(api, inA, { themes: [theme] }, { places: 100 });
    await gql('mutation ($id: ID!) { archiveService(id: $id) { ok } }', { id: archived });

    const data = await gql<{ _entities: Record<string, unknown>[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { coverage(theme: ${theme}) { ${COVERAGE_FIELDS} } } } }`,
      { r: [{ __typename: 'Territory', id: territory, peopleOnRsa: 600 }] },
      steering,
    );
    const byName = [A, B, C, D].sort((x, y) => x.name.localeCompare(y.name, 'fr') || x.code.localeCompare(y.code));
    const expected = new Map([
      [A.code, { servicesEligible: 2, nearestServiceKm: greatCircleKm([A.latitude, A.longitude], [44.01, 6.02]), covered: true }],
      [B.code, { servicesEligible: 1, nearestServiceKm: null, covered: true }],
      [C.code, { servicesEligible: 0, nearestServiceKm: null, covered: false }],
      [D.code, { servicesEligible: 0, nearestServiceKm: null, covered: false }],
    ]);
    const coverage = data._entities[0]!.coverage as Record<string, unknown> & { communes: { commune: { code: string }; nearestServiceKm: number | null }[] };
    expect({ ...coverage, communes: undefined }).toEqual({
      territoryId: territory,
      theme,
      servicesEligible: 2,
      places: 30,
      peopleOnRsa: 600,
      placesPer1000Rsa: 50,
      communeCount: 4,
      uncoveredCommuneCount: 2,
      covered: true,
      communes: undefined,
      uncoveredCommunes: byName.filter((c) => c === C || c === D).map((c) => ({ code: c.code })),
    });
    expect(coverage.communes.map((c) => c.commune.code)).toEqual(byName.map((c) => c.code));
    for (const row of coverage.communes) {
      const want = expected.get(row.commune.code)!;
      expect(row).toMatchObject({ servicesEligible: want.servicesEligible, covered: want.covered });
      if (want.nearestServiceKm === null) expect(row.nearestServiceKm).toBeNull();
      else expect(row.nearestServiceKm).toBeCloseTo(want.nearestServiceKm, 6);
    }
  });

  it('counts a service open to the whole Département once, in every commune', async () => {
    const territory = await createTestTerritory(orm.em.fork(), DEPARTMENT, [C.code, D.code]);
    const theme = 'SANTE__CONSTITUER_UN_DOSSIER_MDPH_INVALIDITE';
    const mdph = await newPartner(api, { communeCode: A.code, latitude: 44.0, longitude: 6.0 });
    await newService(api, mdph, { themes: [theme], eligibilityZone: [DEPARTMENT, C.code] }, { places: 5 });
    await newService(api, mdph, { themes: [theme] }); // no zone: the Département of the listing
    const data = await gql<{ coverage: { servicesEligible: number; places: number | null; placesPer1000Rsa: number | null; communes: { servicesEligible: number; nearestServiceKm: number }[] } }>(
      `query ($t: ID) { coverage(theme: ${theme}, territoryId: $t) { servicesEligible places placesPer1000Rsa communes { servicesEligible nearestServiceKm } } }`,
      { t: territory },
    );
    // The structure is in commune A, outside this territory: its places are not counted here.
    expect(data.coverage).toMatchObject({ servicesEligible: 2, places: null, placesPer1000Rsa: null });
    expect(data.coverage.communes.map((c) => c.servicesEligible)).toEqual([2, 2]);
    const nearest = [C, D].sort((x, y) => x.name.localeCompare(y.name, 'fr')).map((c) => greatCircleKm([c.latitude, c.longitude], [44.0, 6.0]));
    data.coverage.communes.forEach((c, i) => expect(c.nearestServiceKm).toBeCloseTo(nearest[i]!, 6));
  });

  it('recomputes distances as soon as a listing changes, whatever writes it', async () => {
    const territory = await createTestTerritory(orm.em.fork(), DEPARTMENT, [D.code]);
    const theme = 'SANTE__SANTE_SEXUELLE';
    const nearest = async (): Promise<number | null> =>
      (
        await gql<{ coverage: { communes: { nearestServiceKm: number | null }[] } }>(`query ($t: ID) { coverage(theme: ${theme}, territoryId: $t) { communes { nearestServiceKm } } }`, {
          t: territory,
        })
      ).coverage.communes[0]!.nearestServiceKm;
    const far = await newService(api, await newPartner(api, { communeCode: A.code, latitude: 44.0, longitude: 6.0 }), { themes: [theme] });
    expect(await nearest()).toBeCloseTo(greatCircleKm([D.latitude, D.longitude], [44.0, 6.0]), 6);
    expect(await nearest()).toBeCloseTo(greatCircleKm([D.latitude, D.longitude], [44.0, 6.0]), 6); // from the cache
    await newService(api, await newPartner(api, { communeCode: D.code, latitude: 44.39, longitude: 6.39 }), { themes: [theme] });
    expect(await nearest()).toBeCloseTo(greatCircleKm([D.latitude, D.longitude], [44.39, 6.39]), 6);
    // A write outside the services (here plain SQL) invalidates too.
    await orm.em.fork().execute(`update partners.service set archived_at = now() where department_code = ? and themes @> array['sante--sante-sexuelle'] and id <> ?`, [DEPARTMENT, far]);
    expect(await nearest()).toBeCloseTo(greatCircleKm([D.latitude, D.longitude], [44.0, 6.0]), 6);
  });

  it('lists uncovered territories, and costs the same few queries for one territory or many', async () => {
    const theme = 'REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI';
    const covered = await createTestTerritory(orm.em.fork(), DEPARTMENT, [A.code]);
    const uncovered = await createTestTerritory(orm.em.fork(), DEPARTMENT, [C.code, D.code]);
    await newService(api, await newPartner(api, { communeCode: A.code }), { themes: [theme], eligibilityZone: [A.code] });
    const list = await gql<{ uncoveredTerritories: { id: string }[] }>(`{ uncoveredTerritories(theme: ${theme}) { id } }`, {}, steering);
    const ids = list.uncoveredTerritories.map((t) => t.id);
    expect(ids).toContain(uncovered);
    expect(ids).not.toContain(covered);

    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { coverage(theme: ${theme}) { servicesEligible communes { nearestServiceKm } } } } }`;
    counter.reset();
    await gql(query, { r: [{ __typename: 'Territory', id: covered, peopleOnRsa: 1 }] });
    const one = counter.count;
    counter.reset();
    const many = await gql<{ _entities: { coverage: { servicesEligible: number } }[] }>(query, {
      r: [covered, uncovered, covered].map((id) => ({ __typename: 'Territory', id, peopleOnRsa: 1 })),
    });
    expect(many._entities.map((e) => e.coverage.servicesEligible)).toEqual([1, 0, 1]);
    expect(counter.count).toBe(one);
  });

  it('covers the whole Département without a territory, and respects territory-limited callers', async () => {
    const theme = 'NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET';
    const [{ n }] = (await orm.em.fork().execute('select count(*)::int as n from ref.commune where department_code = ?', [DEPARTMENT])) as [{ n: number }];
    const whole = await gql<{ coverage: { territoryId: string | null; communeCount: number; servicesEligible: number; uncoveredCommuneCount: number } }>(
      `{ coverage(theme: ${theme}) { territoryId communeCount servicesEligible uncoveredCommuneCount } }`,
    );
    expect(whole.coverage).toEqual({ territoryId: null, communeCount: n, servicesEligible: 0, uncoveredCommuneCount: n });

    const mine = await createTestTerritory(orm.em.fork(), DEPARTMENT, [A.code]);
    const other = await createTestTerritory(orm.em.fork(), DEPARTMENT, [B.code]);
    const limited = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [mine] });
    const seen = await gql<{ a: { territoryId: string } | null; b: unknown }>(
      `query ($a: ID, $b: ID) { a: coverage(theme: ${theme}, territoryId: $a) { territoryId } b: coverage(theme: ${theme}, territoryId: $b) { territoryId } }`,
      { a: mine, b: other },
      limited,
    );
    expect(seen).toEqual({ a: { territoryId: mine }, b: null });
    // Another Département's territory is not found.
    expect(await gql(`{ coverage(theme: ${theme}, territoryId: "62-arrageois") { territoryId } }`)).toEqual({ coverage: null });
  });

  it('lists the offer it counts, by name, in one statement for many territories', async () => {
    const theme = 'FAMILLE__SOUTIEN_AIDANTS';
    const north = await createTestTerritory(orm.em.fork(), DEPARTMENT, [A.code]);
    const south = await createTestTerritory(orm.em.fork(), DEPARTMENT, [C.code]);
    const partner = await newPartner(api, { communeCode: A.code });
    const forA = await newService(api, partner, { themes: [theme], eligibilityZone: [A.code], name: 'B — pour la commune A' });
    const forEpci = await newService(api, partner, { themes: [theme], eligibilityZone: [A.epci], name: 'C — pour l’EPCI de A' });
    const wide = await newService(api, partner, { themes: [theme], eligibilityZone: [DEPARTMENT], name: 'A — tout le Département' });
    await newService(api, partner, { themes: ['SANTE__ADDICTIONS'], eligibilityZone: [A.code], name: 'autre thème' });
    const archived = await newService(api, partner, { themes: [theme], eligibilityZone: [A.code], name: 'archivé' });
    await gql('mutation ($id: ID!) { archiveService(id: $id) { ok } }', { id: archived });

    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { coverage(theme: ${theme}) { servicesEligible services { id name } } } } }`;
    const both = { r: [north, south].map((id) => ({ __typename: 'Territory', id, peopleOnRsa: 1 })) };
    await gql(query, both, steering); // fills the distance cache, which the counts below must not include
    counter.reset();
    const data = await gql<{ _entities: { coverage: { servicesEligible: number; services: { id: string; name: string }[] } }[] }>(
      query,
      both,
      steering,
    );
    const [n, s] = data._entities.map((e) => e.coverage);
    expect(n!.services.map((x) => x.id)).toEqual([wide, forA, forEpci]);
    expect(n!.services).toHaveLength(n!.servicesEligible);
    expect(s!.services.map((x) => x.id)).toEqual([wide]);
    const many = counter.count;
    counter.reset();
    await gql(query, { r: [{ __typename: 'Territory', id: north, peopleOnRsa: 1 }] }, steering);
    expect(many).toBe(counter.count);

    const whole = await gql<{ coverage: { services: { id: string }[] } }>(`{ coverage(theme: ${theme}) { services(first: 2) { id } } }`);
    expect(whole.coverage.services.map((x) => x.id)).toEqual([wide, forA]);
  });
});

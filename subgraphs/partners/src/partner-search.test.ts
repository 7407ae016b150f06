import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnersSubgraph } from './subgraph.js';
import * as factories from './test-support/factories.js';

// This file owns Département 03 (Allier) in the shared test database: no other test writes there.
const DEPARTMENT = '03';
const MOULINS = '03190';
const VICHY = '03310';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;

const admin = testCaller({ departmentCode: DEPARTMENT });
const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });

async function gql<T>(source: string, variables: Record<string, unknown> = {}, caller = admin): Promise<T> {
  const { data, errors } = await execute<T>(schema, testContext(orm, caller), source, variables);
  expect(errors).toEqual([]);
  return data!;
}

/** A structure through the API (the partners factory), in Moulins unless given. */
const newPartner = (input: Record<string, unknown>): Promise<string> => factories.newPartner({ schema, orm, caller: admin }, { communeCode: MOULINS, ...input });

/** A health service of a structure through the API (the partners factory). */
const newService = (partnerId: string, input: Record<string, unknown>): Promise<string> =>
  factories.newService({ schema, orm, caller: admin }, partnerId, { themes: ['SANTE__ACCES_AUX_SOINS'], description: 'Un service de test.', ...input });

interface Edge {
  partner: { id: string; name: string };
  services: { id: string }[];
  distanceKm: number | null;
  rank: number | null;
}
interface Connection {
  edges: Edge[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

const SEARCH = `query ($query: String, $filters: ServiceFiltersInput, $near: NearInput, $eligibleFor: String, $first: Int, $after: String) {
  searchPartners(query: $query, filters: $filters, near: $near, eligibleFor: $eligibleFor, first: $first, after: $after) {
    edges { partner { id name } services { id } distanceKm rank }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;

async function search(variables: Record<string, unknown>): Promise<Connection> {
  return (await gql<{ searchPartners: Connection }>(SEARCH, { first: 100, ...variables }, referent)).searchPartners;
}

/** The results among `mine` (other tests of this file add listings too), as [partner, [its matching services]]. */
const among = (connection: Connection, mine: string[]): [string, string[]][] =>
  connection.edges.filter((e) => mine.includes(e.partner.id)).map((e) => [e.partner.id, e.services.map((s) => s.id)]);

beforeAll(async () => {
  orm = await openTestOrm(partnersSubgraph, counter);
  schema = await partnersSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('directory search by structure', () => {
  it('finds a structure by its own name even without a service, and once with the services that matched', async () => {
    const tag = `s${randomUUID().slice(0, 6)}`;
    const hospital = await newPartner({ name: `Centre hospitalier ${tag}`, kind: 'HOSPITAL' });
    const house = await newPartner({ name: `Maison ${tag}` });
    const psy = await newService(house, { name: `Consultation de psychologue ${tag}`, themes: ['SANTE__SANTE_MENTALE'] });
    const kitchen = await newService(house, { name: `Atelier cuisine ${tag}`, description: 'Cuisiner ensemble.' });
    const mine = [hospital, house];

    const both = among(await search({ query: tag }), mine);
    expect(both.map(([id]) => id).sort()).toEqual([...mine].sort());
    expect(Object.fromEntries(both.map(([id, services]) => [id, [...services].sort()]))).toEqual({ [hospital]: [], [house]: [psy, kitchen].sort() });
    expect(among(await search({ query: `psychologue ${tag}` }), mine)).toEqual([[house, [psy]]]);
    // Typos are corrected against the structures' words too (a trigger adds them to the vocabulary).
    expect(among(await search({ query: `hospitalié ${tag}` }), mine)).toEqual([[hospital, []]]);
    // The best-ranked matching service comes first.
    const ranked = (await search({ query: `cuisine ${tag}` })).edges.find((e) => e.partner.id === house)!;
    expect(ranked.services.map((s) => s.id)).toEqual([kitchen]);
    expect(ranked.rank).toBeGreaterThan(0);
  });

  it('keeps only structures with a matching service when a filter is about services; structure filters apply to all', async () => {
    const tag = `f${randomUUID().slice(0, 6)}`;
    const cmp = await newPartner({ name: `CMP ${tag}`, kind: 'CMP', stepFreeAccess: true });
    const empty = await newPartner({ name: `Vide ${tag}`, kind: 'CMP' });
    const assoc = await newPartner({ name: `Asso ${tag}`, kind: 'ASSOCIATION' });
    const mental = await newService(cmp, { name: `Soins ${tag}`, themes: ['SANTE__SANTE_MENTALE'], fee: 'GRATUIT', receptionModes: ['EN_PRESENTIEL'] });
    const remote = await newService(assoc, { name: `Écoute ${tag}`, themes: ['SANTE__SANTE_MENTALE'], fee: 'PAYANT', receptionModes: ['A_DISTANCE'] });
    const mine = [cmp, empty, assoc];
    const run = async (filters: Record<string, unknown>, eligibleFor?: string): Promise<[string, string[]][]> =>
      among(await search({ query: tag, filters, ...(eligibleFor ? { eligibleFor } : {}) }), mine).sort(([a], [b]) => a.localeCompare(b));
    const sorted = (rows: [string, string[]][]): [string, string[]][] => rows.sort(([a], [b]) => a.localeCompare(b));

    expect(await run({ kinds: ['CMP'] })).toEqual(sorted([[cmp, [mental]], [empty, []]]));
    expect(await run({ themes: ['SANTE__SANTE_MENTALE'] })).toEqual(sorted([[cmp, [mental]], [assoc, [remote]]]));
    expect(await run({ free: true })).toEqual([[cmp, [mental]]]);
    expect(await run({ receptionModes: ['A_DISTANCE'] })).toEqual([[assoc, [remote]]]);
    expect(await run({ stepFreeAccess: true })).toEqual([[cmp, [mental]]]);
    expect(await run({ kinds: ['CMP'], themes: ['SANTE__SANTE_MENTALE'] })).toEqual([[cmp, [mental]]]);
    // Eligibility is about services: the structure without a service is not eligible anywhere.
    expect(await run({}, MOULINS)).toEqual(sorted([[cmp, [mental]], [assoc, [remote]]]));
  });

  it('orders by distance from the structure or its nearest matching service, and counts every result over the pages', async () => {
    const tag = `d${randomUUID().slice(0, 6)}`;
    // Around Moulins (46.566, 3.333); Vichy is about 50 km south.
    const near = await newPartner({ name: `Près ${tag}`, latitude: 46.57, longitude: 3.34 });
    const far = await newPartner({ name: `Loin ${tag}`, latitude: 46.13, longitude: 3.42 });
    // Far away itself, but it holds a service near Moulins: it comes second, at the service's distance.
    const heldNear = await newPartner({ name: `Antenne ${tag}`, latitude: 46.12, longitude: 3.43 });
    const held = await newService(heldNear, { name: `Permanence ${tag}` });
    // Its own point, as a data·inclusion import gives it (the API has no field to write it).
    await orm.em.fork().execute('update partners.service set geo_latitude = 46.58, geo_longitude = 3.35 where id = ?', [held]);
    const unknown = await newPartner({ name: `Sans point ${tag}`, communeCode: VICHY });
    const mine = [near, far, heldNear, unknown];
    const result = await search({ query: tag, near: { latitude: 46.566, longitude: 3.333 } });
    expect(result.totalCount).toBe(4);
    const ordered = result.edges.filter((e) => mine.includes(e.partner.id));
    // Allier's communes have no centroid in the reference: the structure without a point comes last.
    expect(ordered.map((e) => e.partner.id)).toEqual([near, heldNear, far, unknown]);
    expect(ordered[0]!.distanceKm).toBeGreaterThan(0);
    expect(ordered[0]!.distanceKm).toBeLessThan(2);
    expect(ordered[2]!.distanceKm).toBeGreaterThan(45);
    expect(ordered[3]!.distanceKm).toBeNull();

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const connection: Connection = await search({ query: tag, near: { latitude: 46.566, longitude: 3.333 }, first: 3, after });
      expect(connection.totalCount).toBe(4);
      seen.push(...connection.edges.map((e) => e.partner.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([near, heldNear, far, unknown]);
  });

  it('resolves structures, communes, services and permanences in a bounded number of queries', async () => {
    const tag = `q${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 4; i++) {
      const partner = await newPartner({ name: `Lot ${i} ${tag}`, communeCode: i % 2 ? VICHY : MOULINS });
      await newService(partner, { name: `Service A ${tag}` });
      await newService(partner, { name: `Service B ${tag}`, communeCode: VICHY });
    }
    counter.reset();
    const data = await gql<{ searchPartners: { totalCount: number; edges: { partner: { commune: { name: string } }; services: { commune: { name: string }; permanences: { id: string }[] }[] }[] } }>(
      `query ($q: String) { searchPartners(query: $q, first: 10) { totalCount edges {
        partner { name commune { name } openNow }
        services { name commune { name } permanences { id commune { name } } }
      } } }`,
      { q: tag },
      referent,
    );
    expect(data.searchPartners.totalCount).toBe(4);
    expect(data.searchPartners.edges.flatMap((e) => e.services.map((s) => s.commune.name)).sort()).toEqual([...Array<string>(2).fill('Moulins'), ...Array<string>(6).fill('Vichy')]);
    expect(new Set(data.searchPartners.edges.map((e) => e.partner.commune.name))).toEqual(new Set(['Moulins', 'Vichy']));
    // Corrected query, page, count, partners, services, communes, permanences: the same for 1 or 100 results.
    expect(counter.count).toBe(7);
  });
});

describe('communes by name', () => {
  it('finds communes of the Département by the start of their name, accents, hyphens and apostrophes ignored', async () => {
    const names = async (name: string, first = 10): Promise<string[]> => (await gql<{ communes: { name: string }[] }>('query ($name: String!, $first: Int) { communes(name: $name, first: $first) { name } }', { name, first }, referent)).communes.map((c) => c.name);
    expect(await names('montlucon')).toEqual(['Montluçon']);
    expect(await names('MOULINS')).toEqual(['Moulins']);
    expect(await names('saint pourcain')).toEqual(['Saint-Pourçain-sur-Besbre', 'Saint-Pourçain-sur-Sioule']);
    expect(await names('saint-pourçain-sur-s')).toEqual(['Saint-Pourçain-sur-Sioule']);
    expect(await names('bourbon l archambault')).toEqual(["Bourbon-l'Archambault"]);
    expect(await names('saint', 3)).toHaveLength(3);
    // Another Département's communes are not found, nor anything for an empty text.
    expect(await names('arras')).toEqual([]);
    expect(await names(' - ')).toEqual([]);
  });

  it('names the commune of a structure, of a service held elsewhere, and of a permanence', async () => {
    const partner = await newPartner({ name: `Communes ${randomUUID().slice(0, 6)}`, communeCode: MOULINS });
    const atHome = await newService(partner, { name: 'Sur place' });
    const elsewhere = await newService(partner, { name: 'Ailleurs', communeCode: VICHY });
    await orm.em
      .fork()
      .execute(`insert into partners.permanence (id, department_code, service_id, place_name, commune_code, opening_hours) values (?, ?, ?, 'Mairie', ?, 'Tu 09:00-12:00')`, [
        randomUUID(),
        DEPARTMENT,
        atHome,
        VICHY,
      ]);
    const data = await gql<{ partner: { commune: { code: string; name: string }; services: { id: string; commune: { name: string }; permanences: { commune: { name: string } }[] }[] } }>(
      'query ($id: ID!) { partner(id: $id) { commune { code name } services { id commune { name } permanences { commune { name } } } } }',
      { id: partner },
      referent,
    );
    expect(data.partner.commune).toEqual({ code: MOULINS, name: 'Moulins' });
    const byId = Object.fromEntries(data.partner.services.map((s) => [s.id, s]));
    expect(byId[atHome]).toMatchObject({ commune: { name: 'Moulins' }, permanences: [{ commune: { name: 'Vichy' } }] });
    expect(byId[elsewhere]).toMatchObject({ commune: { name: 'Vichy' }, permanences: [] });
  });
});

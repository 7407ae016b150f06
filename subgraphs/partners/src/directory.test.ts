import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpenAt, minuteOfWeek, openWeekRanges, parseOpeningHours } from './directory/hours.js';
import { partnersSubgraph } from './subgraph.js';
import * as factories from './test-support/factories.js';

// This file owns Département 01 (Ain) in the shared test database: no other test writes there.
const DEPARTMENT = '01';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
/** Two communes of the same EPCI, and one of another EPCI. */
let sameEpci: [string, string];
let otherEpci: string;
let epci: string;

const admin = testCaller({ departmentCode: DEPARTMENT });
const referent = testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' });

interface NewPartner {
  name: string;
  kind?: string;
  communeCode?: string;
  latitude?: number;
  longitude?: number;
  hours?: string;
  stepFreeAccess?: boolean;
  signLanguage?: boolean;
  languages?: string[];
}
interface NewService {
  name: string;
  description?: string;
  themes?: string[];
  type?: string;
  fee?: string;
  publics?: string[];
  receptionModes?: string[];
  eligibilityZone?: string[] | null;
  hours?: string;
}

async function gql<T>(source: string, variables: Record<string, unknown> = {}, caller = admin): Promise<T> {
  const { data, errors } = await execute<T>(schema, testContext(orm, caller), source, variables);
  expect(errors).toEqual([]);
  return data!;
}

/** A structure through the API (the partners factory), in a commune of another EPCI unless given. */
const newPartner = (input: NewPartner): Promise<string> => factories.newPartner({ schema, orm, caller: admin }, { communeCode: otherEpci, ...input });

/** A health service of a structure through the API (the partners factory). */
const newService = (partnerId: string, input: NewService): Promise<string> =>
  factories.newService({ schema, orm, caller: admin }, partnerId, { themes: ['SANTE__ACCES_AUX_SOINS'], description: 'Un service de test.', ...input });

interface Edge {
  service: { id: string; name: string };
  partner: { id: string; name: string };
  distanceKm: number | null;
  rank: number | null;
}
interface Connection {
  edges: Edge[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const SEARCH = `query ($query: String, $filters: ServiceFiltersInput, $near: NearInput, $eligibleFor: String, $first: Int, $after: String) {
  searchServices(query: $query, filters: $filters, near: $near, eligibleFor: $eligibleFor, first: $first, after: $after) {
    edges { service { id name } partner { id name } distanceKm rank }
    pageInfo { endCursor hasNextPage }
  }
}`;

async function search(variables: Record<string, unknown>, caller = referent): Promise<Connection> {
  return (await gql<{ searchServices: Connection }>(SEARCH, { first: 100, ...variables }, caller)).searchServices;
}

/** Names of the results among `mine` (other tests of this file add services too). */
const namesAmong = (connection: Connection, mine: string[]): string[] => connection.edges.map((e) => e.service.id).filter((id) => mine.includes(id));

/** Great-circle distance on earthdistance's sphere (radius 6 378 168 m), in km. */
function greatCircleKm(a: [number, number], b: [number, number]): number {
  const rad = (d: number): number => (d * Math.PI) / 180;
  const [lat1, lon1] = [rad(a[0]), rad(a[1])];
  const [lat2, lon2] = [rad(b[0]), rad(b[1])];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return (2 * 6378168 * Math.asin(Math.sqrt(h))) / 1000;
}

beforeAll(async () => {
  orm = await openTestOrm(partnersSubgraph, counter);
  schema = await partnersSubgraph.buildSchema();
  const rows: { code: string; epci_code: string }[] = await orm.em
    .fork()
    .execute(
      `select code, epci_code from ref.commune where department_code = ? and epci_code in (
         select epci_code from ref.commune where department_code = ? and epci_code is not null group by epci_code having count(*) >= 2 order by epci_code limit 2)
       order by epci_code, code`,
      [DEPARTMENT, DEPARTMENT],
    );
  epci = rows[0]!.epci_code;
  const first = rows.filter((r) => r.epci_code === epci);
  sameEpci = [first[0]!.code, first[1]!.code];
  otherEpci = rows.find((r) => r.epci_code !== epci)!.code;
});
afterAll(async () => {
  await orm.close(true);
});

describe('opening hours', () => {
  it('parses OSM opening hours and refuses nonsense with a clear message', () => {
    expect(parseOpeningHours('Mo-Fr 09:00-12:00,14:00-17:00; PH off').ok).toBe(true);
    expect(parseOpeningHours('Mo[1] 09:00-12:00').ok).toBe(true);
    const bad = parseOpeningHours('tous les jours 9h');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error).toMatch(/^Invalid opening hours « tous les jours 9h »/);
  });

  it('says open or closed in Paris time, whatever the server time zone', () => {
    // Monday 17 November 2025, 09:30 in Paris = 08:30 UTC (winter time).
    expect(isOpenAt('Mo-Fr 09:00-12:00', new Date('2025-11-17T08:30:00Z'))).toBe(true);
    expect(isOpenAt('Mo-Fr 09:00-12:00', new Date('2025-11-17T07:30:00Z'))).toBe(false);
    // Tuesday 11 November 2025 is a public holiday (Armistice).
    expect(isOpenAt('Mo-Fr 09:00-12:00; PH off', new Date('2025-11-11T09:30:00Z'))).toBe(false);
    expect(isOpenAt(null, new Date())).toBeNull();
    expect(minuteOfWeek(new Date('2025-11-18T13:15:00Z'))).toBe(1440 + 14 * 60 + 15);
  });

  it('turns a week of hours into minute ranges for the « open now » filter', () => {
    expect(openWeekRanges('Mo,We 09:00-12:00', new Date('2025-11-19T12:00:00Z'))).toBe('{[540,720),[3420,3600)}');
    expect(openWeekRanges('Su 22:00-24:00', new Date('2025-11-19T12:00:00Z'))).toBe('{[9960,10080)}');
    expect(openWeekRanges(null, new Date())).toBeNull();
  });
});

describe('directory search', () => {
  it('finds names and descriptions whatever the accents, case and small typos', async () => {
    const partner = await newPartner({ name: `Maison de santé ${randomUUID().slice(0, 6)}` });
    const psy = await newService(partner, { name: 'Consultation de psychologue', description: 'Écoute et soutien psychologique pour les allocataires.', themes: ['SANTE__SANTE_MENTALE'] });
    const addictions = await newService(partner, { name: 'Accompagnement en addictologie', description: 'Alcool, tabac, cannabis : un suivi sans jugement.', themes: ['SANTE__ADDICTIONS'] });
    const mine = [psy, addictions];

    expect(namesAmong(await search({ query: 'PSYCHOLOGUE' }), mine)).toEqual([psy]);
    expect(namesAmong(await search({ query: 'ecoute' }), mine)).toEqual([psy]); // « Écoute »
    expect(namesAmong(await search({ query: 'psycologue' }), mine)).toEqual([psy]); // typo
    expect(namesAmong(await search({ query: 'addictologi' }), mine)).toEqual([addictions]); // typo
    expect(namesAmong(await search({ query: 'cannabis' }), mine)).toEqual([addictions]);
    expect(namesAmong(await search({ query: 'boulangerie' }), mine)).toEqual([]);
    // The structure's name is searched too, for all its services.
    const byPartner = await search({ query: 'maison de sante' });
    expect(namesAmong(byPartner, mine).sort()).toEqual([...mine].sort());
    expect(byPartner.edges.every((e) => e.rank !== null && e.rank > 0)).toBe(true);
  });

  it('ranks the better match first', async () => {
    const partner = await newPartner({ name: `Association ${randomUUID().slice(0, 6)}` });
    const exact = await newService(partner, { name: 'Bilan de santé gratuit', description: 'Un bilan de santé complet, bilan sanguin compris.' });
    const loose = await newService(partner, { name: 'Permanence sociale', description: 'On y parle parfois de votre bilan de santé.' });
    expect(namesAmong(await search({ query: 'bilan de santé' }), [exact, loose])).toEqual([exact, loose]);
  });

  it('filters by theme, kind, type, public, mode, free, accessibility and language', async () => {
    const tag = randomUUID().slice(0, 6);
    const cmp = await newPartner({ name: `CMP ${tag}`, kind: 'CMP', stepFreeAccess: true, signLanguage: true, languages: ['ar'] });
    const assoc = await newPartner({ name: `Asso ${tag}`, kind: 'ASSOCIATION', stepFreeAccess: false });
    const a = await newService(cmp, {
      name: `Soins ${tag}`,
      themes: ['SANTE__SANTE_MENTALE'],
      type: 'ACCOMPAGNEMENT',
      fee: 'GRATUIT',
      publics: ['BENEFICIAIRES_DES_MINIMAS_SOCIAUX'],
      receptionModes: ['EN_PRESENTIEL'],
    });
    const b = await newService(assoc, {
      name: `Atelier ${tag}`,
      themes: ['REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI', 'SANTE__SANTE_MENTALE'],
      type: 'ATELIER',
      fee: 'PAYANT',
      publics: ['TOUS_PUBLICS'],
      receptionModes: ['A_DISTANCE'],
    });
    const run = async (filters: Record<string, unknown>): Promise<string[]> => namesAmong(await search({ query: tag, filters }), [a, b]).sort();
    expect(await run({})).toEqual([a, b].sort());
    expect(await run({ themes: ['SANTE__SANTE_MENTALE'] })).toEqual([a, b].sort());
    expect(await run({ themes: ['REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI'] })).toEqual([b]);
    expect(await run({ kinds: ['CMP'] })).toEqual([a]);
    expect(await run({ types: ['ATELIER'] })).toEqual([b]);
    expect(await run({ publics: ['BENEFICIAIRES_DES_MINIMAS_SOCIAUX'] })).toEqual([a]);
    expect(await run({ receptionModes: ['A_DISTANCE'] })).toEqual([b]);
    expect(await run({ free: true })).toEqual([a]);
    expect(await run({ stepFreeAccess: true })).toEqual([a]);
    expect(await run({ signLanguage: true })).toEqual([a]);
    expect(await run({ language: 'ar' })).toEqual([a]);
    expect(await run({ kinds: ['CMP'], types: ['ATELIER'] })).toEqual([]);
  });

  it('keeps only services open now when asked', async () => {
    const tag = randomUUID().slice(0, 6);
    const partner = await newPartner({ name: `Accueil ${tag}`, hours: 'Mo-Su 00:00-24:00' });
    const always = await newService(partner, { name: `Toujours ${tag}` }); // the structure's hours
    const never = await newService(partner, { name: `Jamais ${tag}`, hours: 'off' });
    expect(namesAmong(await search({ query: tag, filters: { openNow: true } }), [always, never])).toEqual([always]);
  });

  it('keeps services whose zone covers the commune: its code, its EPCI, its Département, or no zone', async () => {
    const tag = randomUUID().slice(0, 6);
    const partner = await newPartner({ name: `Zones ${tag}` });
    const byCommune = await newService(partner, { name: `Commune ${tag}`, eligibilityZone: [sameEpci[0]] });
    const byEpci = await newService(partner, { name: `EPCI ${tag}`, eligibilityZone: [epci] });
    const byDepartment = await newService(partner, { name: `Département ${tag}`, eligibilityZone: [DEPARTMENT] });
    const noZone = await newService(partner, { name: `Sans zone ${tag}` });
    const elsewhere = await newService(partner, { name: `Ailleurs ${tag}`, eligibilityZone: ['62041'] });
    const mine = [byCommune, byEpci, byDepartment, noZone, elsewhere];
    const eligible = async (commune: string): Promise<string[]> => namesAmong(await search({ query: tag, eligibleFor: commune }), mine).sort();
    expect(await eligible(sameEpci[0])).toEqual([byCommune, byEpci, byDepartment, noZone].sort());
    expect(await eligible(sameEpci[1])).toEqual([byEpci, byDepartment, noZone].sort());
    expect(await eligible(otherEpci)).toEqual([byDepartment, noZone].sort());
  });

  it('orders by distance from a point, unknown distances last, with distances in km', async () => {
    const tag = randomUUID().slice(0, 6);
    // Points around Bourg-en-Bresse; the last structure has no point and its commune no centroid (Ain).
    const points: [number, number][] = [
      [46.2, 5.22],
      [46.25, 5.3],
      [46.1, 5.1],
    ];
    const partners: string[] = [];
    for (const [i, [latitude, longitude]] of points.entries()) partners.push(await newPartner({ name: `Point ${i} ${tag}`, latitude, longitude }));
    const unknown = await newPartner({ name: `Sans point ${tag}` });
    const services: string[] = [];
    for (const p of [...partners, unknown]) services.push(await newService(p, { name: `Service ${tag}` }));
    const from: [number, number] = [46.205, 5.225];
    const result = await search({ query: tag, near: { latitude: from[0], longitude: from[1] } });
    const mine = result.edges.filter((e) => services.includes(e.service.id));
    const expected = points.map((p, i) => ({ id: services[i]!, km: greatCircleKm(from, p) })).sort((x, y) => x.km - y.km);
    expect(mine.map((e) => e.service.id)).toEqual([...expected.map((e) => e.id), services[3]]);
    mine.slice(0, 3).forEach((e, i) => expect(e.distanceKm).toBeCloseTo(expected[i]!.km, 6));
    expect(mine[3]!.distanceKm).toBeNull();
  });

  it('orders by distance from a commune centroid', async () => {
    // Ariège has centroids: from Foix (09122), a service in Foix comes before one in Pamiers (09225).
    const caller = testCaller({ departmentCode: DEPARTMENT });
    const tag = randomUUID().slice(0, 6);
    const pamiers = await newPartner({ name: `Pamiers ${tag}`, latitude: 43.1165, longitude: 1.6106 });
    const foix = await newPartner({ name: `Foix ${tag}`, latitude: 42.9653, longitude: 1.6069 });
    const a = await newService(pamiers, { name: `Loin ${tag}` });
    const b = await newService(foix, { name: `Près ${tag}` });
    const result = await search({ query: tag, near: { communeCode: '09122' } }, caller);
    expect(namesAmong(result, [a, b])).toEqual([b, a]);
    const [centroid] = (await orm.em.fork().execute(`select latitude, longitude from ref.commune where code = '09122'`)) as { latitude: number; longitude: number }[];
    expect(result.edges.find((e) => e.service.id === a)!.distanceKm).toBeCloseTo(greatCircleKm([centroid!.latitude, centroid!.longitude], [43.1165, 1.6106]), 6);
  });

  it('pages with no duplicate and no gap while rows are inserted, in every order', async () => {
    const tag = `page${randomUUID().slice(0, 6)}`;
    const partner = await newPartner({ name: `Pagination ${tag}`, latitude: 46.2, longitude: 5.2 });
    const original: string[] = [];
    for (let i = 0; i < 23; i++) original.push(await newService(partner, { name: `${tag} ${String(i % 5)}`, description: i % 2 ? `${tag} ${tag}` : 'autre' }));
    for (const variables of [{ query: tag }, { query: tag, near: { latitude: 46.3, longitude: 5.3 } }, { filters: { kinds: ['ASSOCIATION'] } }]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 500; page++) {
        const connection: Connection = await search({ ...variables, first: 4, after });
        seen.push(...connection.edges.map((e) => e.service.id));
        // Someone adds a listing between two pages.
        await newService(partner, { name: `${tag} ${page % 5}`, description: tag });
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(original.filter((id) => !seen.includes(id))).toEqual([]);
    }
  });

  it('refuses a cursor from another order and a bad near', async () => {
    const first = await search({ query: 'sante', first: 1 });
    const ctx = testContext(orm, referent);
    const wrongOrder = await execute(schema, ctx, SEARCH, { after: first.pageInfo.endCursor, first: 1 });
    expect(wrongOrder.errors).toEqual(['Invalid cursor: pass the endCursor of a previous page of the same search.']);
    const badNear = await execute(schema, testContext(orm, referent), SEARCH, { near: { latitude: 46 } });
    expect(badNear.errors).toEqual(['near needs a communeCode, or a latitude and a longitude.']);
  });
});

describe('partner page', () => {
  it('returns the partner, its services, permanences and capacity in a bounded number of queries', async () => {
    const partner = await newPartner({ name: `Centre ${randomUUID().slice(0, 6)}`, hours: 'Mo-Fr 09:00-17:00', stepFreeAccess: true, signLanguage: true });
    const a = await newService(partner, { name: 'Consultations' });
    const b = await newService(partner, { name: 'Ateliers' });
    await gql('mutation ($id: ID!) { updateServiceCapacity(id: $id, capacity: { fte: 2.5, places: 90, waitingDays: 12 }) { ok } }', { id: a });
    await gql('mutation ($id: ID!) { updateServiceCapacity(id: $id, capacity: { places: 30, waitingDays: 5 }) { ok } }', { id: b });
    const permanence = randomUUID();
    await orm.em
      .fork()
      .execute(`insert into partners.permanence (id, department_code, service_id, place_name, commune_code, opening_hours) values (?, ?, ?, 'CHU — hall B', ?, 'Mo[1] 09:00-12:00')`, [
        permanence,
        DEPARTMENT,
        a,
        sameEpci[0],
      ]);
    counter.reset();
    const data = await gql<{ partner: Record<string, unknown> }>(
      `query ($id: ID!) { partner(id: $id) {
        name hours openNow accessibility { stepFreeAccess signLanguage languages } contacts { phone }
        capacity { fte places shortestWaitingDays }
        services { name capacity { fte places waitingDays } permanences { placeName hours } }
        permanences { id }
      } }`,
      { id: partner },
      referent,
    );
    expect(data.partner).toMatchObject({
      hours: 'Mo-Fr 09:00-17:00',
      accessibility: { stepFreeAccess: true, signLanguage: true, languages: [] },
      contacts: { phone: null },
      capacity: { fte: 2.5, places: 120, shortestWaitingDays: 5 },
      services: [
        { name: 'Ateliers', capacity: { fte: null, places: 30, waitingDays: 5 }, permanences: [] },
        { name: 'Consultations', capacity: { fte: 2.5, places: 90, waitingDays: 12 }, permanences: [{ placeName: 'CHU — hall B', hours: 'Mo[1] 09:00-12:00' }] },
      ],
      permanences: [{ id: permanence }],
    });
    // partner, its services, their permanences: one query each, whatever the number of services.
    expect(counter.count).toBe(3);
  });
});

describe('listings administration', () => {
  it('lets admins write, an operator edit only its own listing, and others nothing', async () => {
    const own = await newPartner({ name: `Opérateur ${randomUUID().slice(0, 6)}` });
    const other = await newPartner({ name: `Autre ${randomUUID().slice(0, 6)}` });
    const service = await newService(own, { name: 'Accueil santé' });
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: own });
    const ctx = (): ReturnType<typeof testContext> => testContext(orm, operator);
    const capacity = await execute<{ updateServiceCapacity: { ok: boolean; service: { capacity: { places: number } } } }>(
      schema,
      ctx(),
      'mutation ($id: ID!) { updateServiceCapacity(id: $id, capacity: { places: 45 }) { ok service { capacity { places } } } }',
      { id: service },
    );
    expect(capacity.data?.updateServiceCapacity).toEqual({ ok: true, service: { capacity: { places: 45 } } });
    expect((await execute(schema, ctx(), 'mutation ($id: ID!) { updatePartner(id: $id, input: { phone: "03 00 00 00 00" }) { ok } }', { id: other })).errors).toEqual([
      'You may only edit the listing of your own structure.',
    ]);
    expect((await execute(schema, ctx(), 'mutation { createPartner(input: { name: "Nouvelle", kind: CMS, communeCode: "01053" }) { ok } }')).errors).toEqual([
      'Your role (OPERATOR) may not create listings.',
    ]);
    expect((await execute(schema, testContext(orm, referent), 'mutation ($id: ID!) { archiveService(id: $id) { ok } }', { id: service })).errors).toEqual([
      'Your role (REFERENT) may not archive listings.',
    ]);
    const invalid = await gql<{ updateService: { ok: boolean; error: { code: string; message: string; field: string } } }>('mutation ($id: ID!) { updateService(id: $id, input: { hours: "tous les jours" }) { ok error { code message field } } }', { id: service });
    expect(invalid.updateService.ok).toBe(false);
    expect(invalid.updateService.error).toMatchObject({ code: 'INVALID_HOURS', field: 'hours', message: expect.stringMatching(/^Invalid opening hours/) });
    // Another Département's admin does not even find it.
    expect((await execute(schema, testContext(orm, testCaller({ departmentCode: '62' })), 'mutation ($id: ID!) { archiveService(id: $id) { ok } }', { id: service })).errors).toEqual([
      'No such service.',
    ]);
  });

  it('archives a listing out of search, and flags listings not updated for 6 months', async () => {
    const tag = randomUUID().slice(0, 6);
    const partner = await newPartner({ name: `Archivé ${tag}` });
    const service = await newService(partner, { name: `Service ${tag}` });
    expect(namesAmong(await search({ query: tag }), [service])).toEqual([service]);
    await gql('mutation ($id: ID!) { archiveService(id: $id) { ok } }', { id: service });
    expect(namesAmong(await search({ query: tag }), [service])).toEqual([]);

    const old = await newPartner({ name: `Ancien ${tag}` });
    const fresh = await newPartner({ name: `Récent ${tag}` });
    await orm.em.fork().execute(`update partners.partner set listing_updated_on = current_date - interval '7 months' where id = ?`, [old]);
    await orm.em.fork().execute(`update partners.partner set listing_updated_on = current_date - interval '5 months' where id = ?`, [fresh]);
    const stale = await gql<{ staleListings: { id: string; stale: boolean }[] }>('{ staleListings { id stale } }');
    expect(stale.staleListings.filter((p) => [old, fresh].includes(p.id))).toEqual([{ id: old, stale: true }]);
    // Updating the listing makes it fresh again.
    await gql('mutation ($id: ID!) { updatePartner(id: $id, input: { website: "https://exemple.fr" }) { ok } }', { id: old });
    expect((await gql<{ staleListings: { id: string }[] }>('{ staleListings { id } }')).staleListings.map((p) => p.id)).not.toContain(old);
  });
});

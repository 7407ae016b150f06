import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays } from '@passerelles/subgraph-kit';
import { openTestOrm, QueryCounter } from '@passerelles/subgraph-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, lcg, newAccompaniment, newPerson } from '../test-support/factories.js';
import { ConventionCaseloadRepository, type CaseloadScope } from './convention.repository.js';

// This file owns Département 37 (Indre-et-Loire) in the shared test database.
const DEPARTMENT = '37';
let orm: MikroORM;
const counter = new QueryCounter();

interface Accompaniment {
  personId: string;
  conventionId: string;
  territoryId: string | null;
  startedOn: string | null;
  endedOn: string | null;
}

/** The definition, one accompaniment at a time: distinct people under the scope's conventions, in its territories, started on or before its day and not ended on or before it. */
function caseloadOf(accompaniments: readonly Accompaniment[], scope: CaseloadScope): number {
  const people = new Set<string>();
  for (const a of accompaniments) {
    if (!scope.conventionIds.includes(a.conventionId)) continue;
    if (scope.territoryIds !== null && (a.territoryId === null || !scope.territoryIds.includes(a.territoryId))) continue;
    if (a.startedOn === null || a.startedOn > scope.date) continue;
    if (a.endedOn !== null && a.endedOn <= scope.date) continue;
    people.add(a.personId);
  }
  return people.size;
}

beforeAll(async () => {
  orm = await openTestOrm(beneficiariesSubgraph, counter);
});
afterAll(async () => {
  await orm.close(true);
});

describe('the active caseload of conventions', () => {
  it('counts each scope of a batch — its own day, territories and conventions — as the definition does, in one statement, for batches of one day and of several', async () => {
    const em = orm.em.fork();
    const commune = await firstCommune(em, DEPARTMENT);
    const rand = lcg(20261208);
    const conventions = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const territories = [`${DEPARTMENT}-caseload-a-${randomUUID()}`, `${DEPARTMENT}-caseload-b-${randomUUID()}`, `${DEPARTMENT}-caseload-c-${randomUUID()}`];
    const accompaniments: Accompaniment[] = [];
    for (let p = 0; p < 160; p++) {
      const personId = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune });
      // Up to three accompaniments, often at the same time: a person counts once per scope.
      for (let k = 0, n = 1 + rand(3); k < n; k++) {
        const prescribedOn = addDays('2026-01-01', rand(120));
        const startedOn = rand(10) === 0 ? null : addDays(prescribedOn, rand(20));
        const endedOn = startedOn === null || rand(3) === 0 ? null : addDays(startedOn, rand(90));
        const a: Accompaniment = { personId, conventionId: conventions[rand(conventions.length)]!, territoryId: rand(8) === 0 ? null : territories[rand(territories.length)]!, startedOn, endedOn };
        accompaniments.push(a);
        await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: personId, conventionId: a.conventionId, territoryId: a.territoryId, prescribedOn, startedOn, endedOn });
      }
    }
    // Days on which accompaniments start and end (the edges of the rule), and days between them.
    const edges = accompaniments.flatMap((a) => [a.startedOn, a.endedOn]).filter((d): d is string => d !== null);
    const days = [edges[0]!, edges[1]!, edges[2]!, '2026-02-15', '2026-03-31', '2026-06-01'];
    expect(days.some((day) => accompaniments.some((a) => a.endedOn === day))).toBe(true);
    expect(days.some((day) => accompaniments.some((a) => a.startedOn === day))).toBe(true);

    const scopes: CaseloadScope[] = [];
    const narrowings: (readonly string[] | null)[] = [null, [territories[0]!], [territories[0]!, territories[2]!], []];
    const conventionSets = [conventions, [conventions[0]!], [conventions[1]!, conventions[3]!]];
    for (const date of days)
      for (const territoryIds of narrowings)
        for (const conventionIds of conventionSets) scopes.push({ key: `${date} ${JSON.stringify(territoryIds)} ${conventionIds.join(',')}`, date, territoryIds, conventionIds });

    const expected = scopes.map((s) => [s.key, caseloadOf(accompaniments, s)] as const);
    // Scopes of several days in one batch (conventions' closing days), and of one day (a page's period end): two statements' shapes.
    const batches = [scopes, ...days.map((day) => scopes.filter((s) => s.date === day))];
    for (const batch of batches) {
      counter.reset();
      const counts = await new ConventionCaseloadRepository(orm.em.fork()).activeAt(DEPARTMENT, batch);
      expect(counter.count).toBe(1);
      expect(batch.map((s) => [s.key, counts.get(s.key) ?? 0] as const)).toEqual(expected.filter(([key]) => batch.some((s) => s.key === key)));
    }
    // The population is not trivial: people count in several scopes, and some have two accompaniments at once.
    expect(expected.filter(([, n]) => n > 5).length).toBeGreaterThan(scopes.length / 3);
    const twice = accompaniments.filter((a, i) =>
      accompaniments.some((b, j) => j !== i && b.personId === a.personId && b.conventionId === a.conventionId && a.startedOn !== null && b.startedOn !== null && a.startedOn <= '2026-03-31' && b.startedOn <= '2026-03-31' && (a.endedOn ?? '9999') > '2026-03-31' && (b.endedOn ?? '9999') > '2026-03-31'),
    );
    expect(twice.length).toBeGreaterThan(0);
  });
});

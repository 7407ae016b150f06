import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { addDays, addMonths, daysBetween } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContractSigned } from '../contract-signature/contract-signed.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, lcg, newAccompaniment, newOrientation, newPerson, newReferral, storeOpenGrid, useTestIdentityKey } from '../test-support/factories.js';

// This file owns Département 56 (Morbihan) in the shared test database. Each test uses its own territory.
const DEPARTMENT = '56';
let orm: MikroORM;
const counter = new QueryCounter();
let schema: GraphQLSchema;
let commune: string;
const admin = testCaller({ departmentCode: DEPARTMENT });
const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });
const STEPS = ['ORIENTATION_DECIDED', 'ORIENTATION_NOTIFIED', 'CONTRACT_SIGNED', 'FIRST_INTERVIEW', 'FIRST_PARTNER_APPOINTMENT'] as const;
const TRACKS = ['PRO', 'SOCIO_PRO', 'SOCIAL'] as const;
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

/** percentile_cont, computed here independently: linear interpolation between the closest ranks. */
function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.ceil(h)]! - s[lo]!);
}
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

const DELAY_CHAIN = `query ($scope: IndicatorScopeInput, $period: PeriodInput!) { indicators(scope: $scope, period: $period) { delayChain {
  definitionVersion definitionLabel
  steps { step counted { value suppressed rule } medianDays p90Days shareWithinTarget targetDays targetMonths }
  byTrack { track steps { step counted { value suppressed rule } medianDays p90Days shareWithinTarget targetDays targetMonths } } } } }`;

interface StepStats {
  step: string;
  counted: { value: number | null; suppressed: boolean; rule: string | null };
  medianDays: number | null;
  p90Days: number | null;
  shareWithinTarget: number | null;
  targetDays: number | null;
  targetMonths: number | null;
}
interface Chain {
  definitionVersion: string;
  definitionLabel: string;
  steps: StepStats[];
  byTrack: { track: string; steps: StepStats[] }[];
}

async function chainFor(caller: ReturnType<typeof testCaller>, scope: Record<string, unknown>, period = YEAR_2025): Promise<{ chain: Chain | null; errors: string[] }> {
  const { data, errors } = await execute<{ indicators: { delayChain: Chain } }>(schema, testContext(orm, caller), DELAY_CHAIN, { scope, period });
  return { chain: data?.indicators.delayChain ?? null, errors };
}

const orient = (em: EntityManager, beneficiaryId: string, track: string, decidedOn: string, notifiedOn: string | null): Promise<string> =>
  newOrientation(em, { departmentCode: DEPARTMENT, beneficiaryId, track, decidedOn, notifiedOn });

const refer = (em: EntityManager, beneficiaryId: string, accompanimentId: string, status: string, sentOn: string, answeredOn: string | null): Promise<string> =>
  newReferral(em, { departmentCode: DEPARTMENT, beneficiaryId, accompanimentId, status, sentOn, answeredOn });

async function personOn(em: EntityManager, territoryId: string, rsaEntryDate: string): Promise<string> {
  const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
  await em.execute('update beneficiaries.beneficiary set rsa_entry_date = ? where id = ?', [rsaEntryDate, id]);
  return id;
}

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph, counter);
  schema = await beneficiariesSubgraph.buildSchema();
  commune = await firstCommune(orm.em.fork(), DEPARTMENT);
});
afterAll(async () => {
  await orm.close(true);
});

describe('delay chain', () => {
  it('computes each step’s count, median, 90th percentile and share within the legal target exactly, per track too, as computed independently here', async () => {
    const em = orm.em.fork();
    const territoryId = await createTestTerritory(em, DEPARTMENT, [commune]);
    const programmeId = randomUUID();
    const rand = lcg(20261206);
    /** Each step measured: its track, end day and days, as the definition says (step end in the period, 0 days or more). */
    const measured: { step: string; track: string; ends: string; days: number; withinMonth: boolean }[] = [];
    const push = (step: string, track: string, start: string | null, end: string | null): void => {
      if (start && end) measured.push({ step, track, ends: end, days: daysBetween(start, end), withinMonth: end <= addMonths(start, 1) });
    };
    const sign = (person: string, signedOn: string): Promise<boolean> =>
      recordContractSigned(em, DEPARTMENT, randomUUID(), { contractId: randomUUID(), beneficiaryId: person, accompanimentId: null, kind: 'CONTRAT_ENGAGEMENT', signedOn });
    for (let i = 0; i < 40; i++) {
      const track = TRACKS[rand(3)]!;
      const entry = addDays('2024-12-01', rand(380));
      const person = await personOn(em, territoryId, entry);
      const decided = addDays(entry, 10 + rand(50));
      const notified = rand(6) === 0 ? null : addDays(decided, rand(20));
      await orient(em, person, track, decided, notified);
      if (rand(5) === 0) await orient(em, person, TRACKS[(TRACKS.indexOf(track) + 1) % 3]!, addDays(decided, 90), null); // a reorientation: the chain keeps the first
      const inChain = entry >= '2025-01-01';
      if (inChain) push('ORIENTATION_DECIDED', track, entry, decided);
      if (inChain) push('ORIENTATION_NOTIFIED', track, decided, notified);
      // Contracts (as contracts tells them): one signed before the notification does not count; the first on or after it does, within a month or not.
      if (notified && rand(4) === 0) await sign(person, addDays(notified, -20));
      if (notified && rand(4) !== 0) {
        const signed = addDays(notified, rand(50));
        await sign(person, signed);
        if (rand(3) === 0) await sign(person, addDays(signed, 30));
        if (inChain) push('CONTRACT_SIGNED', track, notified, signed);
      }
      if (rand(4) !== 0) {
        const base = notified ?? decided;
        // Sometimes an earlier accompaniment, started before the notification: the chain takes the one started after it.
        if (notified && rand(3) === 0) {
          await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, programmeId, territoryId, prescribedOn: addDays(notified, -40), startedOn: addDays(notified, -30), endedOn: addDays(notified, -1), exitReason: 'OTHER' });
        }
        const started = addDays(base, 5 + rand(60));
        const accompaniment = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: person, programmeId, territoryId, prescribedOn: addDays(started, -3), startedOn: started });
        if (inChain && notified) push('FIRST_INTERVIEW', track, notified, started);
        if (rand(3) !== 0) {
          const answered = addDays(started, 3 + rand(40));
          // A refusal before does not count; an acceptance since done counts on its answer day.
          if (rand(2) === 0) await refer(em, person, accompaniment, 'REFUSED', addDays(started, 1), addDays(started, 2));
          await refer(em, person, accompaniment, rand(2) === 0 ? 'ACCEPTED' : 'DONE', addDays(answered, -2), answered);
          await refer(em, person, accompaniment, 'ACCEPTED', addDays(answered, 1), addDays(answered, 5));
          if (inChain) push('FIRST_PARTNER_APPOINTMENT', track, started, answered);
        }
      }
    }
    const { chain, errors } = await chainFor(admin, { territoryId });
    expect(errors).toEqual([]);
    expect(chain!.definitionVersion).toBe('2025-01');
    expect(chain!.definitionLabel).toContain('2024-1244');
    const expected = (step: string, track: string | null) => {
      const days = measured.filter((m) => m.step === step && (track === null || m.track === track) && m.ends >= YEAR_2025.from && m.ends <= YEAR_2025.to).map((m) => m.days);
      const target = step === 'ORIENTATION_DECIDED' ? 42 : null;
      const months = step === 'CONTRACT_SIGNED' ? 1 : null;
      const inMonth = measured.filter((m) => m.step === step && (track === null || m.track === track) && m.ends >= YEAR_2025.from && m.ends <= YEAR_2025.to && m.withinMonth).length;
      return {
        step,
        counted: { value: days.length, suppressed: false, rule: null },
        medianDays: days.length ? r2(percentile(days, 0.5)) : null,
        p90Days: days.length ? r2(percentile(days, 0.9)) : null,
        shareWithinTarget: !days.length ? null : target !== null ? r4(days.filter((d) => d <= target).length / days.length) : months !== null ? r4(inMonth / days.length) : null,
        targetDays: target,
        targetMonths: months,
      };
    };
    expect(chain!.steps).toEqual(STEPS.map((s) => expected(s, null)));
    expect(chain!.byTrack).toEqual(TRACKS.map((track) => ({ track, steps: STEPS.map((s) => expected(s, track)) })));
    // Enough people for every step to mean something.
    for (const s of chain!.steps) expect(s.counted.value).toBeGreaterThan(5);

    // The programme narrows to the chain's accompaniment: another programme has none of them.
    const other = await chainFor(admin, { territoryId, programmeId: randomUUID() });
    expect(other.chain!.steps.map((s) => s.counted.value)).toEqual([0, 0, 0, 0, 0]);
    const same = await chainFor(admin, { territoryId, programmeId });
    expect(same.chain!.steps[3]).toEqual(chain!.steps[3]);
  });

  it('suppresses small counts for steering, with their statistics, and hides a track by secondary suppression', async () => {
    const em = orm.em.fork();
    // Nothing is published to steering before the Département's publication; then the chain, not
    // a linked count, gets its per-query suppression on every scope and period the grid holds.
    const before = await chainFor(steering, {});
    expect(before.chain!.steps.map((s) => s.counted.rule)).toEqual(before.chain!.steps.map(() => 'NOT_PUBLISHED'));
    await storeOpenGrid(em, DEPARTMENT);
    const territoryId = await createTestTerritory(em, DEPARTMENT, [commune]);
    // 22 social and 2 professional: with « secret secondaire » meaning 11 or more, a total of 24
    // leaves the 2 anywhere in 1 to 10 (a total of 14 beside 12 social would put it in 1 to 3).
    for (let i = 0; i < 24; i++) {
      const person = await personOn(em, territoryId, '2025-03-01');
      await orient(em, person, i < 22 ? 'SOCIAL' : 'PRO', addDays('2025-03-01', 20 + i * 3), i < 5 ? addDays('2025-03-01', 60) : null);
    }
    // Published over a calendar year for the caller's whole reach: a steering user of this territory.
    expect((await chainFor(steering, { territoryId })).chain!.steps[0]!.counted.rule).toBe('NOT_PUBLISHED');
    const { chain, errors } = await chainFor(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [territoryId] }), {});
    expect(errors).toEqual([]);
    const [decided, notified, , interview] = chain!.steps;
    expect(decided!.counted).toEqual({ value: 24, suppressed: false, rule: null });
    expect(decided!.medianDays).toBe(r2(percentile(Array.from({ length: 24 }, (_, i) => 20 + i * 3), 0.5)));
    expect(decided!.shareWithinTarget).toBe(r4(8 / 24)); // 20, 23, … 41: eight within 42 days
    expect(notified!.counted).toEqual({ value: null, suppressed: true, rule: 'PRIMARY' });
    expect([notified!.medianDays, notified!.p90Days, notified!.shareWithinTarget]).toEqual([null, null, null]);
    expect(interview!.counted).toEqual({ value: 0, suppressed: false, rule: null });
    expect(interview!.medianDays).toBeNull();
    const track = (code: string) => chain!.byTrack.find((t) => t.track === code)!.steps[0]!;
    expect(track('PRO').counted).toEqual({ value: null, suppressed: true, rule: 'PRIMARY' });
    expect(track('SOCIAL').counted).toEqual({ value: null, suppressed: true, rule: 'SECONDARY' });
    expect(track('SOCIAL').medianDays).toBeNull();
    expect(track('SOCIO_PRO').counted).toEqual({ value: 0, suppressed: false, rule: null });

    // The administrator sees everything exactly.
    const exact = await chainFor(admin, { territoryId });
    expect(exact.chain!.steps[1]!.counted.value).toBe(5);
    expect(exact.chain!.steps[1]!.medianDays).not.toBeNull();
  });

  it('refuses an off-grid period to steering and accepts it for an administrator', async () => {
    const period = { from: '2025-01-01', to: '2025-12-30' };
    const refused = await chainFor(steering, {}, period);
    expect(refused.errors.join(' ')).toMatch(/calendar month, quarter or year/);
    const accepted = await chainFor(admin, {}, period);
    expect(accepted.errors).toEqual([]);
    expect(accepted.chain!.definitionVersion).toBe('2025-01');
  });
});

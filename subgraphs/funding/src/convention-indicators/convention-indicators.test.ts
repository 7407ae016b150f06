import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from '../subgraph.js';
import { newCommitment, newFinalReport, newPayment, newProgramme } from '../test-support/factories.js';

// This file owns Département 45 (Loiret) in the shared test database.
const DEPARTMENT = '45';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const id = { programme: randomUUID(), a: randomUUID(), b: randomUUID(), ca: randomUUID(), cb: randomUUID() };

beforeAll(async () => {
  orm = await openTestOrm(fundingSubgraph, counter);
  schema = await fundingSubgraph.buildSchema();
  await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT, id: id.programme, name: 'Santé 45' });
  // A: 180 000 € co-funded by the FSE for a third, half paid, final report overdue. B: 90 000 €, paid in full, report received.
  const a = { departmentCode: DEPARTMENT, conventionId: id.a };
  const b = { departmentCode: DEPARTMENT, conventionId: id.b };
  await newCommitment(orm.em.fork(), { ...a, id: id.ca, programmeId: id.programme, amountCents: 18_000_000, budgetYear: 2025, cofunding: [{ funder: 'DEPARTMENT', amountCents: 12_000_000 }, { funder: 'FSE_REACT_EU', amountCents: 6_000_000 }] });
  await newCommitment(orm.em.fork(), { ...b, id: id.cb, programmeId: id.programme, amountCents: 9_000_000, budgetYear: 2025, cofunding: [{ funder: 'DEPARTMENT', amountCents: 9_000_000 }] });
  for (const c of [a, b]) await newPayment(orm.em.fork(), { ...c, kind: 'ADVANCE', amountCents: 9_000_000, dueOn: '2025-01-15', status: 'PAID', paidOn: '2025-01-20' });
  await newFinalReport(orm.em.fork(), { ...a, dueOn: '2026-03-31', receivedOn: null });
  await newFinalReport(orm.em.fork(), { ...b, dueOn: '2026-03-31', receivedOn: '2026-03-02' });
});
afterAll(async () => {
  await orm.close(true);
});

const QUERY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ConventionIndicators { funding {
  conventionCount committedCents paidCents balanceDueCents toRecoverCents perPlaceContractedCents overdueFinalReportCount overdueFinalReports { conventionId }
  cofundingSplit { funder amountCents shareBasisPoints } } } } }`;

async function selections(shares: { conventionId: string; territoryPlaces: number; conventionPlaces: number }[][], caller: Caller): Promise<{ data: { _entities: { funding: unknown }[] } | null; errors: string[] }> {
  return execute(schema, testContext(orm, caller), QUERY, { r: shares.map((s, i) => ({ __typename: 'ConventionIndicators', key: `k${i}`, shares: s })) });
}

describe('ConventionIndicators.funding', () => {
  it('sums the money of the selected conventions for their share of places, reading them all in one statement', async () => {
    const half = [
      { conventionId: id.a, territoryPlaces: 90, conventionPlaces: 180 },
      { conventionId: id.b, territoryPlaces: 90, conventionPlaces: 90 },
    ];
    counter.reset();
    const { data, errors } = await selections([half, [{ conventionId: id.b, territoryPlaces: 90, conventionPlaces: 90 }]], testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }));
    expect(errors).toEqual([]);
    expect(counter.count).toBe(1);
    expect(data!._entities[0]!.funding).toEqual({
      conventionCount: 2,
      // Half of A (90 of its 180 places) and all of B.
      committedCents: 9_000_000 + 9_000_000,
      paidCents: 4_500_000 + 9_000_000,
      balanceDueCents: 4_500_000,
      toRecoverCents: 0,
      // 180 000 € for 180 places.
      perPlaceContractedCents: 100_000,
      overdueFinalReportCount: 1,
      overdueFinalReports: [{ conventionId: id.a }],
      cofundingSplit: [
        { funder: 'DEPARTMENT', amountCents: 15_000_000, shareBasisPoints: 8333 },
        { funder: 'FSE_REACT_EU', amountCents: 3_000_000, shareBasisPoints: 1667 },
      ],
    });
    expect(data!._entities[1]!.funding).toMatchObject({ conventionCount: 1, committedCents: 9_000_000, perPlaceContractedCents: 100_000, overdueFinalReportCount: 0 });
  });

  it('answers nothing to roles that do not read the money of the Département, nor to another Département', async () => {
    const shares = [[{ conventionId: id.a, territoryPlaces: 180, conventionPlaces: 180 }]];
    const operator = await selections(shares, testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() }));
    expect(operator.errors).toEqual(['Your role (OPERATOR) may not read the funding of conventions.']);
    const elsewhere = await selections(shares, testCaller({ departmentCode: '46' }));
    expect(elsewhere.data!._entities[0]!.funding).toMatchObject({ committedCents: 0, paidCents: 0, overdueFinalReportCount: 0 });
    const empty = await selections([[]], testCaller({ departmentCode: DEPARTMENT }));
    expect(empty.data!._entities[0]!.funding).toMatchObject({ conventionCount: 0, committedCents: 0, perPlaceContractedCents: null });
  });
});

import type pg from 'pg';
import { addDays } from '../calendar.js';
import { DEMO_AS_OF } from './beneficiaries.seed.js';
import { conventions, type DemoConvention } from './contracts.catalogue.js';
import { calls, fundingTerms, programmes, receivedFinalReports } from './funding.catalogue.js';
import { demoId, idOf } from './ids.js';
import { insertRows } from './sql.js';

/**
 * The payment schedule of a demo convention as of the demo date, by the same rule as the funding
 * subgraph (docs/funding.md): the advance paid two weeks after signature; the balance, set from the
 * places filled when the rule says so, paid a month after the final report is received.
 */
export function demoPayments(c: DemoConvention): { kind: 'ADVANCE' | 'BALANCE'; amountCents: number; dueOn: string; status: string; paidOn: string | null }[] {
  const committed = Object.values(c.commitments).reduce((s, v) => s + v, 0);
  const terms = fundingTerms[c.programme] ?? { advancePercent: 50, balanceRule: 'FULL', fullFundingFromPercent: 100 };
  const advance = Math.floor((committed * terms.advancePercent) / 100);
  const reportDue = `${Number(c.endsOn.slice(0, 4)) + 1}-03-31`;
  const advancePaidOn = addDays(c.signedOn, 15);
  const payments: ReturnType<typeof demoPayments> = [
    { kind: 'ADVANCE', amountCents: advance, dueOn: c.signedOn, status: advancePaidOn <= DEMO_AS_OF ? 'PAID' : 'PLANNED', paidOn: advancePaidOn <= DEMO_AS_OF ? advancePaidOn : null },
  ];
  const report = receivedFinalReports[c.key];
  if (!report) {
    payments.push({ kind: 'BALANCE', amountCents: committed - advance, dueOn: reportDue, status: 'PLANNED', paidOn: null });
    return payments;
  }
  let entitled = committed;
  if (terms.balanceRule === 'PRORATA_PLACES_FILLED' && report.placesFilled !== null && report.placesFilled * 100 < terms.fullFundingFromPercent * c.places) {
    entitled = Math.round((committed * report.placesFilled) / c.places);
  }
  const balancePaidOn = addDays(report.receivedOn, 30);
  payments.push({ kind: 'BALANCE', amountCents: Math.max(0, entitled - advance), dueOn: reportDue, status: balancePaidOn <= DEMO_AS_OF ? 'PAID' : 'REQUESTED', paidOn: balancePaidOn <= DEMO_AS_OF ? balancePaidOn : null });
  return payments;
}

/** Programmes, calls for projects, commitments (Département-funded), terms, payments and final reports of the demo conventions. */
export async function seedFunding(client: pg.ClientBase): Promise<{ programmes: number }> {
  await insertRows(
    client,
    'funding.programme',
    ['id', 'department_code', 'name', 'description'],
    ['uuid', 'text', 'text', 'text'],
    programmes.map((p) => [idOf.programme(p.key), p.departmentCode, p.name, p.description]),
  );
  await insertRows(
    client,
    'funding.call_for_projects',
    ['id', 'department_code', 'programme_id', 'name'],
    ['uuid', 'text', 'uuid', 'text'],
    calls.map((c) => [demoId(`call:${c.key}`), c.departmentCode, idOf.programme(c.programme), c.name]),
  );
  await insertRows(
    client,
    'funding.call_session',
    ['id', 'department_code', 'call_id', 'opens_on', 'closes_on', 'uncovered_zones_only'],
    ['uuid', 'text', 'uuid', 'date', 'date', 'boolean'],
    calls.flatMap((c) => c.sessions.map((s, i) => [demoId(`call:${c.key}:session:${i}`), c.departmentCode, demoId(`call:${c.key}`), s.opensOn, s.closesOn, s.uncoveredZonesOnly])),
  );
  await insertRows(
    client,
    'funding.funding_commitment',
    ['id', 'department_code', 'programme_id', 'convention_id', 'amount_cents', 'budget_year'],
    ['uuid', 'text', 'uuid', 'uuid', 'bigint', 'int'],
    conventions.flatMap((c) =>
      Object.entries(c.commitments).map(([year, cents]) => [
        idOf.commitment(c.key, Number(year)),
        c.departmentCode,
        idOf.programme(c.programme),
        idOf.convention(c.key),
        cents,
        Number(year),
      ]),
    ),
  );
  await insertRows(
    client,
    'funding.cofunding_share',
    ['department_code', 'commitment_id', 'funder', 'amount_cents'],
    ['text', 'uuid', 'text', 'bigint'],
    conventions.flatMap((c) => Object.entries(c.commitments).map(([year, cents]) => [c.departmentCode, idOf.commitment(c.key, Number(year)), 'DEPARTMENT', cents])),
  );
  await insertRows(
    client,
    'funding.funding_terms',
    ['convention_id', 'department_code', 'advance_percent', 'balance_rule', 'full_funding_from_percent'],
    ['uuid', 'text', 'int', 'text', 'int'],
    conventions.filter((c) => fundingTerms[c.programme]).map((c) => {
      const t = fundingTerms[c.programme]!;
      return [idOf.convention(c.key), c.departmentCode, t.advancePercent, t.balanceRule, t.fullFundingFromPercent];
    }),
  );
  await insertRows(
    client,
    'funding.payment',
    ['id', 'department_code', 'convention_id', 'kind', 'amount_cents', 'due_on', 'status', 'paid_on'],
    ['uuid', 'text', 'uuid', 'text', 'bigint', 'date', 'text', 'date'],
    conventions.flatMap((c) => demoPayments(c).map((p) => [demoId(`payment:${c.key}:${p.kind}`), c.departmentCode, idOf.convention(c.key), p.kind, p.amountCents, p.dueOn, p.status, p.paidOn])),
  );
  await insertRows(
    client,
    'funding.final_report',
    ['convention_id', 'department_code', 'due_on', 'received_on', 'places_contracted', 'places_filled', 'people_accompanied'],
    ['uuid', 'text', 'date', 'date', 'int', 'int', 'int'],
    conventions.map((c) => {
      const report = receivedFinalReports[c.key];
      return [idOf.convention(c.key), c.departmentCode, `${Number(c.endsOn.slice(0, 4)) + 1}-03-31`, report?.receivedOn ?? null, report ? c.places : null, report?.placesFilled ?? null, report?.peopleAccompanied ?? null];
    }),
  );
  return { programmes: programmes.length };
}

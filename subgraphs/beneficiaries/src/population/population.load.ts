import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  addDays,
  DEMO_AS_OF,
  demoAccompanyingConventions,
  demoReferralTargets,
  generatePopulation,
  PAS_DE_CALAIS_SIZE,
  residenceCommunes,
  type SyntheticPopulation,
} from '@passerelles/db';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in COPY's text format (the generator's values hold no tab, newline or backslash). */
const cell = (v: unknown): string => (v === null || v === undefined ? '\\N' : Array.isArray(v) ? `{${v.join(',')}}` : String(v));

async function copy(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  function* lines(): Generator<string> {
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(`${row.map(cell).join('\t')}\n`);
      if (batch.length === 5000) {
        yield batch.join('');
        batch = [];
      }
    }
    if (batch.length) yield batch.join('');
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

/** Bulk-loads a generated population with COPY, table by table, in the caller's transaction. */
export async function copyPopulation(client: pg.ClientBase, p: SyntheticPopulation): Promise<void> {
  await copy(
    client,
    'beneficiaries.beneficiary',
    ['id', 'department_code', 'commune_code', 'territory_id', 'sex', 'birth_year', 'household_type', 'rsa_entry_date', 'orientation_kind', 'barriers', 'psychological_difficulties'],
    p.beneficiaries.map((b) => [b.id, b.departmentCode, b.communeCode, b.territoryId, b.sex, b.birthYear, b.householdType, b.rsaEntryDate, b.orientationKind, b.barriers, b.psychologicalDifficulties]),
  );
  await copy(
    client,
    'beneficiaries.accompaniment',
    ['id', 'department_code', 'beneficiary_id', 'programme_id', 'operator_id', 'convention_id', 'territory_id', 'referent_id', 'prescriber_id', 'prescribed_on', 'validated_on', 'started_on', 'final_review_on', 'ended_on', 'exit_reason', 'exit_sub_reason'],
    p.accompaniments.map((a) => [a.id, a.departmentCode, a.beneficiaryId, a.programmeId, a.operatorId, a.conventionId, a.territoryId, a.referentId, a.prescriberId, a.prescribedOn, a.validatedOn, a.startedOn, a.finalReviewOn, a.endedOn, a.exitReason, a.exitSubReason]),
  );
  await copy(
    client,
    'beneficiaries.appointment',
    ['id', 'department_code', 'accompaniment_id', 'beneficiary_id', 'kind', 'scheduled_on', 'status'],
    p.appointments.map((a) => [a.id, a.departmentCode, a.accompanimentId, a.beneficiaryId, a.kind, a.scheduledOn, a.status]),
  );
  await copy(
    client,
    'beneficiaries.referral',
    ['id', 'department_code', 'beneficiary_id', 'accompaniment_id', 'service_id', 'partner_id', 'status', 'sent_on', 'answered_on', 'closed_on', 'refusal_reason'],
    p.referrals.map((r) => [r.id, r.departmentCode, r.beneficiaryId, r.accompanimentId, r.serviceId, r.partnerId, r.status, r.sentOn, r.answeredOn, r.closedOn, r.refusalReason]),
  );
}

export interface PopulationLoad {
  people: number;
  accompaniments: number;
  appointments: number;
  referrals: number;
  generateMs: number;
  copyMs: number;
  totalMs: number;
}

/**
 * A Département at real scale (default: Pas-de-Calais, 52 700 people) over two years of
 * accompaniments under its demo conventions (treated as renewed over the two years), generated
 * deterministically and loaded with COPY in one transaction, then analysed for the planner.
 */
export async function loadScalePopulation(
  client: pg.ClientBase,
  options: { departmentCode?: string; size?: number; seed?: number; asOf?: string } = {},
): Promise<PopulationLoad> {
  const departmentCode = options.departmentCode ?? '62';
  const asOf = options.asOf ?? DEMO_AS_OF;
  const start = performance.now();
  const historyStart = addDays(asOf, -730);
  const population = generatePopulation({
    departmentCode,
    size: options.size ?? PAS_DE_CALAIS_SIZE,
    seed: options.seed ?? 20_261_122,
    asOf,
    communes: await residenceCommunes(client, departmentCode),
    conventions: demoAccompanyingConventions(departmentCode).map((c) => ({ ...c, startsOn: historyStart, endsOn: asOf })),
    shareAccompanied: 0.45,
    historyDays: 730,
    referralTargets: demoReferralTargets(departmentCode),
  });
  const generated = performance.now();
  await client.query('begin');
  try {
    await copyPopulation(client, population);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  await client.query('analyze beneficiaries.beneficiary, beneficiaries.accompaniment, beneficiaries.appointment, beneficiaries.referral');
  const done = performance.now();
  return {
    people: population.beneficiaries.length,
    accompaniments: population.accompaniments.length,
    appointments: population.appointments.length,
    referrals: population.referrals.length,
    generateMs: Math.round(generated - start),
    copyMs: Math.round(done - generated),
    totalMs: Math.round(done - start),
  };
}
